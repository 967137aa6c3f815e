import PCRE2
import RulePacks
import Spans

/// What an attribution or claim rule captured: byte ranges into the article.
struct Found {
    var speaker: Range<Int>?
    var cue: Range<Int>?
    var role: Range<Int>?
    var affiliation: Range<Int>?
    var rule: String
    /// The clause goes on with the last speaker's words (a `continues` rule).
    var continues = false
    /// A clause whose speaker the text may not name (an `unnamed` rule).
    var unnamed = false

    init(speaker: Range<Int>?, cue: Range<Int>? = nil, role: Range<Int>? = nil, rule: String) {
        self.speaker = speaker
        self.cue = cue
        self.role = role
        self.rule = rule
    }

    /// What `m` captured; blanks at the edges of a name are not part of it.
    init(_ m: MatchView, rule: String, in text: [UInt8]) {
        func trimmed(_ r: Range<Int>?) -> Range<Int>? {
            guard var r else { return nil }
            while !r.isEmpty, text[r.upperBound - 1] == UInt8(ascii: " ") { r = r.lowerBound..<(r.upperBound - 1) }
            while !r.isEmpty, text[r.lowerBound] == UInt8(ascii: " ") { r = (r.lowerBound + 1)..<r.upperBound }
            return r
        }
        speaker = trimmed(m.range(named: "speaker"))
        cue = m.range(named: "cue")
        role = trimmed(m.range(named: "role"))
        affiliation = trimmed(m.range(named: "affiliation"))
        self.rule = rule
    }
}

/// A reported clause: an indirect claim, or a mixed one when it holds quoted fragments.
struct Claim {
    var content: Range<Int>
    var found: Found
    /// Indexes of the quotes inside the clause.
    var quotes: [Int]
}

/// Runs the `attribution` rules (a quote with its speaker and cue) and then the `claim`
/// rules (reported clauses) over the masked text. Rules run in priority order and the
/// first rule to attribute a quote or cover a stretch of text wins.
struct AttributionStage {
    /// A claim rule's match: where it stands, its `content` group if any, what it captured.
    typealias ClaimMatch = (rule: Rule, range: Range<Int>, content: Range<Int>?, found: Found)

    /// The finding that attributes each quote, by the quote's index (nil: none yet).
    var direct: [Found?] = []
    /// The pack's words for where a clause begins and ends.
    private let clauseWords: ClauseWords
    var claims: [Claim] = []
    /// Where each quote starts, in order, for finding the quotes inside a clause.
    private var starts: [Int] = []
    private var claimsByParagraph: [Int: [Int]] = [:]

    init(
        masked: [UInt8], document: Document, quotes: [QuoteSpan], sentences: Sentences, rules: RuleSet,
        clauseWords: ClauseWords, runner: RuleRunner, anchors: Anchors
    ) {
        let quoteAt = Dictionary(
            quotes.indices.map { (quotes[$0].range.lowerBound, $0) }, uniquingKeysWith: { a, _ in a })
        starts = quotes.map(\.range.lowerBound)
        direct = Array(repeating: nil, count: quotes.count)
        self.clauseWords = clauseWords
        // A quote that names its own speaker (a transcript turn) needs no attribution rule.
        for (i, q) in quotes.enumerated() where q.speaker != nil {
            direct[i] = Found(speaker: q.speaker, role: q.role, rule: q.rule)
        }
        // Where each match that gave a quote its speaker begins: a clause ends there too.
        var attributionStarts: [Int] = []
        // A quote an earlier rule attributed draws no later rule to it: those rules' windows
        // leave it out as an anchor and as a `near` word.
        let unattributed = { (offset: Int) -> Bool in quoteAt[offset].map { direct[$0] == nil } ?? true }
        for rule in rules.rules(.attribution) {
            let windows = anchors.windows(for: rule, keep: unattributed)
            runner.forEachMatch(rule, in: masked, windows: windows, document: document.id) { m in
                guard let q = m.range(named: "quote"), let index = quoteAt[q.lowerBound], direct[index] == nil else {
                    return
                }
                direct[index] = Found(m, rule: rule.id, in: masked)
                if direct[index]?.speaker != nil { attributionStarts.append(m.range.lowerBound) }
            }
        }
        // All claim matches first: a clause ends where the next attribution in its
        // sentence begins ("Critics say X, and officials said Y" is two claims).
        var matches: [ClaimMatch] = []
        // A claim rule that names no speaker finds a second predicate of the clause's
        // subject ("… "a terrible deal" and ranked her …"): it splits clauses, below.
        var predicates: [(range: Range<Int>, found: Found)] = []
        // A cue already tying a quote to its speaker does not also report a clause, so it
        // opens no window for a claim rule (it still does for a second predicate).
        let quoteCues = Set(direct.compactMap { $0?.speaker == nil ? nil : $0?.cue?.lowerBound })
        for rule in rules.rules(.claim) {
            let continuesSubject = !rule.groups.contains("speaker") && !rule.continues && !rule.unnamed
            let windows = anchors.windows(for: rule, keep: { continuesSubject || !quoteCues.contains($0) })
            runner.forEachMatch(rule, in: masked, windows: windows, document: document.id) { m in
                if continuesSubject {
                    predicates.append((m.range, Found(m, rule: rule.id, in: masked)))
                } else {
                    var found = Found(m, rule: rule.id, in: masked)
                    found.continues = rule.continues
                    found.unnamed = rule.unnamed
                    matches.append((rule, m.range, m.range(named: "content"), found))
                }
            }
        }
        // A claim that starts right after another's cue ("Walsh noted that Ohio boasted …",
        // "Judicial Watch noted Comey said …") is part of what that one reports.
        matches = Self.droppingNested(matches, in: masked, words: clauseWords)
        // Where other attributions begin: their match, a quote's attribution, or a
        // coordinated cue when the match began earlier ("X called it "…" and said Y": the
        // first clause ends at "and"). Mixed-only matches are speculative (most find no
        // quote), so they cut nothing.
        let firm = matches.filter { !$0.rule.mixedOnly }
        let coordinated = firm.compactMap(\.found.cue?.lowerBound).filter {
            Self.followsConjunction($0, in: masked, words: clauseWords) || Self.followsComma($0, in: masked)
        }
        let cuts = (firm.map(\.range.lowerBound) + coordinated + attributionStarts).sorted()
        let ends = matches.map(\.range.upperBound).sorted()
        // A cue found with no speaker (`cue_before_quote`) gives way to the claim.
        var usedCues = quoteCues
        for match in matches {
            if let cue = match.found.cue, usedCues.contains(cue.lowerBound) { continue }
            var content: Range<Int>
            if let c = match.content {
                content = Self.takingClosingQuote(c, quotes: quotes, starts: starts, sentences: sentences, in: masked)
            } else if match.rule.span == .before {
                let sentence = sentences.bounds(of: match.range.lowerBound)
                let k = ends.lowerBound(of: match.range.lowerBound + 1)
                let lower = max(sentence.lowerBound, k > 0 ? ends[k - 1] : 0)
                content = min(lower, match.range.lowerBound)..<match.range.lowerBound
            } else if match.rule.span == .previous {
                // The sentence before the match's, when the same paragraph holds it.
                let here = sentences.bounds(of: match.range.lowerBound).lowerBound
                guard let before = sentences.sentence(before: here) else { continue }
                content = before.lowerBound..<here
            } else {
                let sentence = sentences.bounds(of: match.range.upperBound)
                // A cut right where the clause starts, past blanks (another rule's cue
                // after the same comma: "Wie X mitteilte, habe …"), does not end it.
                let k = cuts.lowerBound(of: Self.pastBlanks(match.range.upperBound, in: masked) + 1)
                let upper = min(sentence.upperBound, k < cuts.count ? cuts[k] : Int.max)
                content = match.range.upperBound..<max(match.range.upperBound, upper)
            }
            if addClaim(
                content: Self.trim(content, in: masked, words: clauseWords), found: match.found, quotes: quotes,
                mixedOnly: match.rule.mixedOnly, document: document),
                let cue = match.found.cue
            {
                usedCues.insert(cue.lowerBound)
            }
        }
        claims.sort { $0.content.lowerBound < $1.content.lowerBound }
        // A clause rule's match counts only after a clause's last quote, before its end
        // (`endMixedClaims`): it runs there alone.
        let after = claims.compactMap { claim in
            claim.quotes.last.flatMap { Range<Int>.ordered(quotes[$0].range.upperBound, claim.content.upperBound) }
        }.filter { !$0.isEmpty }.coalesced()
        var clauseEnds: [Int] = []
        for rule in rules.rules(.clause) where !after.isEmpty {
            runner.forEachMatch(rule, in: masked, windows: after, document: document.id) {
                clauseEnds.append($0.range.lowerBound)
            }
        }
        endMixedClaims(at: clauseEnds.sorted(), quotes: quotes, masked: masked)
        splitMixedClaims(
            at: predicates.sorted { $0.range.lowerBound < $1.range.lowerBound }, quotes: quotes, masked: masked)
    }

    /// Ends each clause that holds quoted words at the first `clause` rule match after its
    /// last quote: what follows there is the writer's ("… “not get beat up” at his rally,
    /// a swipe at the disturbances …").
    private mutating func endMixedClaims(at ends: [Int], quotes: [QuoteSpan], masked: [UInt8]) {
        guard !ends.isEmpty else { return }
        for c in claims.indices {
            guard let last = claims[c].quotes.last else { continue }
            let k = ends.lowerBound(of: quotes[last].range.upperBound)
            if k < ends.count, ends[k] < claims[c].content.upperBound,
                let kept = Range<Int>.ordered(claims[c].content.lowerBound, ends[k])
            {
                claims[c].content = Self.trim(kept, in: masked, words: clauseWords)
            }
        }
    }

    /// Splits each clause holding quoted words where a second predicate of its subject
    /// begins ("X called the deal "a disaster" and ranked her among "the worst""): the
    /// part after it is a claim of its own, by the same speaker, with that predicate's cue.
    /// Clauses without quotes are left whole: there, "and …ed" is mostly the reported
    /// clause going on.
    private mutating func splitMixedClaims(
        at predicates: [(range: Range<Int>, found: Found)], quotes: [QuoteSpan], masked: [UInt8]
    ) {
        guard !predicates.isEmpty else { return }
        var result: [Claim] = []
        result.reserveCapacity(claims.count)
        for var claim in claims {
            var k = predicates.lowerBound(of: claim.content.lowerBound + 1, by: \.range.lowerBound)
            var rest: Claim? = claim
            while !claim.quotes.isEmpty, k < predicates.count, predicates[k].range.upperBound < claim.content.upperBound
            {
                let (range, predicate) = predicates[k]
                k += 1
                // A predicate that starts before the part left over (overlapping the one
                // just split off) splits nothing.
                guard let before = Range<Int>.ordered(claim.content.lowerBound, range.lowerBound),
                    let after = Range<Int>.ordered(range.upperBound, claim.content.upperBound)
                else { continue }
                let first = Self.trim(before, in: masked, words: clauseWords)
                let second = Self.trim(after, in: masked, words: clauseWords)
                guard second.count >= 2 else { continue }
                var found = claim.found
                found.cue = predicate.cue
                found.rule = predicate.rule
                // The part left over opens with another predicate ("… and laughed and
                // smiled "a lot""): the rest is that predicate's.
                if first.isEmpty {
                    claim = Claim(content: second, found: found, quotes: claim.quotes)
                    rest = claim
                    continue
                }
                guard first.count >= 2 else { continue }
                result.append(
                    Claim(
                        content: first, found: claim.found,
                        quotes: claim.quotes.filter { quotes[$0].range.upperBound <= first.upperBound }))
                // "… and added: "I know a little about this."": the rest is one quote, theirs.
                if let last = claim.quotes.last, quotes[last].range == second {
                    direct[last] = found
                    rest = nil
                    break
                }
                claim = Claim(
                    content: second, found: found,
                    quotes: claim.quotes.filter { quotes[$0].range.lowerBound >= second.lowerBound })
                rest = claim
            }
            if let rest { result.append(rest) }
        }
        claims = result
    }

    /// A rule's content that stops where a quote ending its sentence begins, past blanks,
    /// runs to that quote's end: content patterns go on over quoted fragments, not over a
    /// quote whose words end the sentence (… vorstellen, dass „alles gut werde.“).
    static func takingClosingQuote(
        _ content: Range<Int>, quotes: [QuoteSpan], starts: [Int], sentences: Sentences, in masked: [UInt8]
    ) -> Range<Int> {
        let next = pastBlanks(content.upperBound, in: masked)
        let k = starts.lowerBound(of: next)
        guard k < quotes.count, starts[k] == next else { return content }
        let sentence = sentences.bounds(of: content.lowerBound)
        guard sentence.contains(next), quotes[k].range.upperBound >= sentence.upperBound else { return content }
        return content.lowerBound..<quotes[k].range.upperBound
    }

    /// The first offset at or after `i` that is no space.
    static func pastBlanks(_ i: Int, in masked: [UInt8]) -> Int {
        var i = i
        while i < masked.count && masked[i] == UInt8(ascii: " ") { i += 1 }
        return i
    }

    /// Records a claim unless it overlaps one already found; returns whether it did.
    private mutating func addClaim(
        content: Range<Int>, found: Found, quotes: [QuoteSpan], mixedOnly: Bool,
        document: Document
    ) -> Bool {
        guard content.count >= 2 else { return false }
        // A claim that is exactly one quote is that quote's attribution.
        let first = starts.lowerBound(of: content.lowerBound)
        let inside = Array(first..<starts.lowerBound(of: content.upperBound))
        // A quote found only by its cue (a rule with no speaker group) takes a claim's speaker.
        if inside.count == 1, quotes[inside[0]].range == content {
            if direct[inside[0]]?.speaker == nil { direct[inside[0]] = found }
            return true
        }
        // Claims can only overlap within the paragraphs they touch.
        let paragraphs = document.paragraphIndex(content.lowerBound)...document.paragraphIndex(content.upperBound - 1)
        if paragraphs.contains(where: { p in
            claimsByParagraph[p]?.contains { claims[$0].content.overlaps(content) } ?? false
        }) {
            return false
        }
        if inside.contains(where: { direct[$0]?.speaker != nil }) { return false }
        // Quotes cut by the clause's end are not part of it.
        let whole = inside.filter { quotes[$0].range.upperBound <= content.upperBound }
        if mixedOnly && whole.isEmpty { return false }
        for p in paragraphs { claimsByParagraph[p, default: []].append(claims.count) }
        claims.append(Claim(content: content, found: found, quotes: whole))
        return true
    }

    /// `matches` without the claims that begin right after another claim's cue, maybe
    /// past a complementizer ("that"): those report what the outer speaker said.
    static func droppingNested(_ matches: [ClaimMatch], in masked: [UInt8], words: ClauseWords) -> [ClaimMatch] {
        let cueEnds = Set(matches.compactMap { $0.found.cue?.upperBound })
        return matches.filter { match in
            guard let speaker = match.found.speaker, speaker.lowerBound == match.range.lowerBound else { return true }
            var i = speaker.lowerBound
            while i > 0 && masked[i - 1] == UInt8(ascii: " ") { i -= 1 }
            if let word = words.complementizers.first(where: { w in
                i >= w.count && masked[(i - w.count)..<i].elementsEqual(w)
            }) {
                i -= word.count
                while i > 0 && masked[i - 1] == UInt8(ascii: " ") { i -= 1 }
            }
            return !cueEnds.contains(i)
        }
    }

    /// Whether a coordinating conjunction ("and", "but"; maybe with one more word, "and
    /// also") comes right before `offset`.
    static func followsConjunction(_ offset: Int, in bytes: [UInt8], words: ClauseWords) -> Bool {
        let before = bytes[max(0, offset - 24)..<offset].split(separator: UInt8(ascii: " ")).suffix(2)
        return before.contains { word in words.coordinators.contains { word.elementsEqual($0) } }
    }

    /// Whether ", " comes right before `offset`, as before a participle of saying that
    /// starts a clause of its own ("Carson said he saw no need to change, telling …").
    static func followsComma(_ offset: Int, in bytes: [UInt8]) -> Bool {
        offset >= 2 && bytes[offset - 2] == UInt8(ascii: ",") && bytes[offset - 1] == UInt8(ascii: " ")
    }

    /// Drops blanks, a conjunction left at the end, and punctuation at either edge. A
    /// leading complementizer ("that", "dass") stays: it opens the reported clause.
    static func trim(_ range: Range<Int>, in bytes: [UInt8], words: ClauseWords) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        func isEdge(_ b: UInt8) -> Bool {
            b == UInt8(ascii: " ") || b == UInt8(ascii: ",") || b == UInt8(ascii: ":") || b == UInt8(ascii: ";")
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\t")
        }
        while lo < hi && isEdge(bytes[lo]) { lo += 1 }
        while hi > lo && isEdge(bytes[hi - 1]) { hi -= 1 }
        // A conjunction left at the end when the next claim cut the clause.
        for tail in words.clauseTails
        where hi - lo > tail.count + 1 && bytes[(hi - tail.count)..<hi].elementsEqual(tail)
            && bytes[hi - tail.count - 1] == UInt8(ascii: " ")
        {
            hi -= tail.count + 1
            while hi > lo && isEdge(bytes[hi - 1]) { hi -= 1 }
        }
        // A dash or an em dash at the end.
        while hi - lo >= 3 && bytes[hi - 3] == 0xE2 && bytes[hi - 2] == 0x80
            && (bytes[hi - 1] == 0x94 || bytes[hi - 1] == 0x93)
        {
            hi -= 3
            while hi > lo && isEdge(bytes[hi - 1]) { hi -= 1 }
        }
        return lo..<hi
    }
}

/// The words that open and close a reported clause, from the pack: complementizers
/// that open it (`that`, kept in its span; a claim right after another's cue and a
/// complementizer is part of that one's report), coordinators that end a clause before the next claim
/// (`and`, `but`), and conjunctions left at its end when the next claim cut it; as bytes,
/// made once per pack by the ``Extractor``.
struct ClauseWords: Sendable {
    let complementizers: [[UInt8]]
    let coordinators: [[UInt8]]
    let clauseTails: [[UInt8]]

    init(rules: RuleSet) {
        complementizers = rules.words("complementizer").map { Array($0.utf8) }
        coordinators = rules.words("coordinator").map { Array($0.utf8) }
        clauseTails = rules.words("clause_tail").map { Array($0.utf8) }
    }
}
