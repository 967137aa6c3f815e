import Foundation

/// The reference scorer's helpers, one for one (see `Scorer`).
enum Scoring {
    static let edge: Set<Unicode.Scalar> = Set(" \t\r\n\"'“”‘’«»„‚‹›「」『』.,;:!?—–-…()[]".unicodeScalars)
    static let stop: Set<String> = ["the", "a", "an", "of", "mr", "mrs", "ms", "dr", "said", "says"]
    static let openers: Set<Unicode.Scalar> = Set("\"“«„‘".unicodeScalars)
    static let closers: Set<Unicode.Scalar> = Set("\"”»“’".unicodeScalars)
    static let notInside: Set<Unicode.Scalar> = Set("\"“”«»„‘’".unicodeScalars)
    static let titles: Set<String> = Set(
        """
        president sen senator rep representative gov governor secretary gen general lt col sgt maj
        capt adm mr mrs ms miss dr judge justice mayor minister prime chancellor adviser advisor spokesman
        spokeswoman spokesperson candidate nominee former retired rev prof professor chairman chairwoman chair ceo
        director leader king queen pope ambassador attorney speaker sheriff chief commissioner democrat republican
        democratic gop vice first lady sir lord dame house senate majority minority whip us u s state foreign
        national security defense officer official analyst
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    static func core(_ text: [Unicode.Scalar], _ start: Int, _ end: Int) -> (Int, Int) {
        var s = max(0, start), e = min(end, text.count)
        while s < e && edge.contains(text[s]) { s += 1 }
        while e > s && edge.contains(text[e - 1]) { e -= 1 }
        return (s, e)
    }

    static func alternatives(_ text: [Unicode.Scalar], _ q: Scorer.GoldQuote) -> [(Int, Int)] {
        var alts = [core(text, q.start, q.end)]
        if q.spans.count > 1 { alts += q.spans.map { core(text, $0.0, $0.1) } }
        if q.type == "mixed" {
            for (a, b) in q.spans.isEmpty ? [(q.start, q.end)] : q.spans {
                for m in quoted(text, a, min(b, text.count)) { alts.append(core(text, m.0, m.1)) }
            }
        }
        return alts.filter { $0.1 > $0.0 }
    }

    /// `["“«„‘]([^"“”«»„‘’]{2,})["”»“’]` found left to right in `text[from..<to]`.
    static func quoted(_ text: [Unicode.Scalar], _ from: Int, _ to: Int) -> [(Int, Int)] {
        var found: [(Int, Int)] = []
        var i = max(0, from)
        while i < to {
            if openers.contains(text[i]) {
                var j = i + 1
                while j < to && !notInside.contains(text[j]) { j += 1 }
                if j - i - 1 >= 2 && j < to && closers.contains(text[j]) {
                    found.append((i, j + 1))
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        return found
    }

    static func jaccard(_ a: (Int, Int), _ b: (Int, Int)) -> Double {
        let inter = max(0, min(a.1, b.1) - max(a.0, b.0))
        let union = max(a.1, b.1) - min(a.0, b.0)
        return union > 0 ? Double(inter) / Double(union) : 0
    }

    private static func regex(_ pattern: String, _ options: NSRegularExpression.Options = []) -> NSRegularExpression {
        try! NSRegularExpression(pattern: pattern, options: options)
    }

    nonisolated(unsafe) static let possessive = regex("[’']s\\b")
    nonisolated(unsafe) static let word = regex("[\\p{L}\\p{N}_]+")
    nonisolated(unsafe) static let headSplit = regex(",|\\(|\\bwho\\b|\\bwhich\\b|—|–")
    nonisolated(unsafe) static let aux = regex(
        "^((has|have|had|also|later|previously|then|again|repeatedly|once|often|was|were|is|are|would|will|did|does|do|just|recently|publicly|privately|has also|have also|had also)\\s+)+",
        .caseInsensitive)
    nonisolated(unsafe) static let coreCues = regex(
        "^(according to|said|say|says|saying|told|tell|tells|telling|added|adds|adding|stated|states|argued|argues|claimed|claims|announced|announces|explained|explains|insisted|insists|warned|warns|noted|notes|wrote|writes|written|asked|asks|acknowledged|acknowledges|denied|denies|suggested|suggests|reported|reports|declared|declares|predicted|predicts|promised|promises|vowed|vows|urged|urges|confirmed|confirms|admitted|admits|replied|replies|responded|responds|recalled|recalls|testified|testifies|tweeted|tweets|posted|posts|continued|continues|countered|counters|conceded|concedes|emphasized|emphasised|stressed|stresses|maintained|maintains|alleged|alleges|contended|contends|asserted|asserts|charged|charges|complained|complains|boasted|boasts|pledged|pledges|cautioned|cautions)\\b",
        .caseInsensitive)

    static func words(_ name: String?) -> [String] {
        var n = (name ?? "").precomposedStringWithCompatibilityMapping.lowercased()
        n = possessive.stringByReplacingMatches(in: n, range: NSRange(n.startIndex..., in: n), withTemplate: "")
        n = n.replacingOccurrences(of: "-", with: " ")
        return word.matches(in: n, range: NSRange(n.startIndex..., in: n))
            .compactMap { Range($0.range, in: n).map { String(n[$0]) } }.filter { !stop.contains($0) }
    }

    static func head(_ mention: String) -> String {
        guard let m = headSplit.firstMatch(in: mention, range: NSRange(mention.startIndex..., in: mention)),
            let range = Range(m.range, in: mention)
        else {
            return mention
        }
        return String(mention[..<range.lowerBound])
    }

    static func untitled(_ ws: [String]) -> [String] {
        var i = 0
        while i < ws.count - 1 && titles.contains(ws[i]) { i += 1 }
        return Array(ws[i...])
    }

    static func samePerson(_ p: [String], _ g: [String]) -> Bool {
        let (p, g) = (untitled(p), untitled(g))
        guard p.last == g.last else { return false }
        return p.count == 1 || g.count == 1 || p[0] == g[0]
    }

    static func contiguous(_ small: [String], _ big: [String]) -> Bool {
        let n = small.count
        guard n > 0, n <= big.count else { return false }
        return (0...(big.count - n)).contains { Array(big[$0..<($0 + n)]) == small }
    }

    static func speakerOK(_ predicted: String, _ goldNames: [String]) -> Bool {
        let p = words(predicted)
        guard !p.isEmpty else { return false }
        for name in goldNames {
            for g in [words(name), words(head(name))] where !g.isEmpty {
                if p == g || contiguous(p, g) || contiguous(g, p) || samePerson(p, g) { return true }
            }
        }
        return false
    }

    static func goldNames(_ q: Scorer.GoldQuote) -> [String] {
        let split = (q.speaker ?? "").components(separatedBy: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        return (split + q.aliases).filter { !$0.isEmpty }
    }

    static func isSpeechCue(_ cue: String?) -> Bool {
        var c = (cue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        c = aux.stringByReplacingMatches(in: c, range: NSRange(c.startIndex..., in: c), withTemplate: "")
        return coreCues.firstMatch(in: c, range: NSRange(c.startIndex..., in: c)) != nil
    }
}
