import Foundation

/// Scores predicted quotes against gold ones with the matching rules of the reference
/// scorer (`shared/eval/score.py`, whose docstring is the specification): spans are
/// compared by the Jaccard overlap of their cores (quotation marks, punctuation and
/// blanks trimmed), one-to-one, best overlap first; a gold quote may also be matched
/// through a fragment, or for a mixed quote through a quoted fragment inside it.
/// Offsets are code points.
public struct Scorer {
    public struct GoldQuote {
        public var start: Int, end: Int
        public var type: String
        public var speaker: String?
        public var aliases: [String]
        public var spans: [(Int, Int)]
        public var cue: String?
        public var optional: Bool
        public var pronominal: Bool
        public var text: String
    }

    public struct PredictedQuote {
        public var start: Int, end: Int
        public var speaker: String?
        public init(start: Int, end: Int, speaker: String?) {
            self.start = start
            self.end = end
            self.speaker = speaker
        }
    }

    public struct GoldDocument {
        public var id: String
        public var text: [Unicode.Scalar]
        public var quotes: [GoldQuote]
    }

    /// One error, for `--errors`: a miss, a spurious find or a wrong speaker.
    public struct Problem {
        public let kind: String
        public let document: String
        public let text: String
        public let gold: String?
        public let predicted: String?
    }

    public struct Result {
        public var tp = 0, fp = 0, fn = 0, exact = 0, duplicates = 0
        public var speakerScored = 0, speakerCorrect = 0, speakerPronounGold = 0, speakerGold = 0
        public var recallByType: [String: (found: Int, total: Int)] = [:]
        public var problems: [Problem] = []

        public var precision: Double { tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0 }
        public var recall: Double { tp + fn > 0 ? Double(tp) / Double(tp + fn) : 0 }
        public var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
        public var speakerAccuracy: Double? { speakerScored > 0 ? Double(speakerCorrect) / Double(speakerScored) : nil }
        public var attributedRecall: Double? { speakerGold > 0 ? Double(speakerCorrect) / Double(speakerGold) : nil }
    }

    public var coreCues = false
    public var minJaccard = 0.5
    public var types: Set<String>?

    public init(coreCues: Bool = false, minJaccard: Double = 0.5, types: Set<String>? = nil) {
        self.coreCues = coreCues
        self.minJaccard = minJaccard
        self.types = types
    }

    public func score(gold: [GoldDocument], predicted: [String: [PredictedQuote]]) -> Result {
        var r = Result()
        for g in gold {
            let text = g.text
            let gq = g.quotes
            let pq = (predicted[g.id] ?? []).filter { $0.end > $0.start }
            let ga = gq.map { Scoring.alternatives(text, $0) }
            let pc = pq.map { Scoring.core(text, $0.start, $0.end) }
            var sim: [(i: Int, j: Int, v: Double)] = []
            for (i, alts) in ga.enumerated() {
                for (j, b) in pc.enumerated() where !alts.isEmpty && b.1 > b.0 {
                    guard let v = alts.map({ Scoring.jaccard($0, b) }).max() else { continue }
                    if v >= minJaccard { sim.append((i, j, v)) }
                }
            }
            // Python's sorted() is stable: equal overlaps keep (i, j) order.
            let ordered = sim.enumerated().sorted { a, b in
                a.element.v != b.element.v ? a.element.v > b.element.v : a.offset < b.offset
            }.map(\.element)
            var gm: [Int: Int] = [:], pm: [Int: Int] = [:]
            for (i, j, _) in ordered where gm[i] == nil && pm[j] == nil {
                gm[i] = j
                pm[j] = i
            }
            for (i, q) in gq.enumerated() {
                if isOptional(q) || !(types?.contains(q.type) ?? true) { continue }
                r.recallByType[q.type, default: (0, 0)].total += 1
                let names = Scoring.goldNames(q)
                if !names.isEmpty && !q.pronominal { r.speakerGold += 1 }
                if let j = gm[i] {
                    r.tp += 1
                    r.recallByType[q.type, default: (0, 0)].found += 1
                    if let first = ga[i].first, first == pc[j] { r.exact += 1 }
                    if q.pronominal {
                        r.speakerPronounGold += 1
                    } else if !names.isEmpty {
                        r.speakerScored += 1
                        if let p = pq[j].speaker, Scoring.speakerOK(p, names) {
                            r.speakerCorrect += 1
                        } else {
                            r.problems.append(
                                Problem(
                                    kind: "speaker", document: g.id, text: String(q.text.prefix(90)),
                                    gold: q.speaker, predicted: pq[j].speaker))
                        }
                    }
                } else {
                    r.fn += 1
                    r.problems.append(
                        Problem(
                            kind: "missed", document: g.id, text: String(q.text.prefix(90)),
                            gold: q.speaker, predicted: q.type))
                }
            }
            for (j, p) in pq.enumerated() where pm[j] == nil {
                let hits = sim.filter { $0.j == j }.map(\.i)
                if hits.contains(where: { gm[$0] != nil }) {
                    r.duplicates += 1
                } else if hits.contains(where: { i in isOptional(gq[i]) || !(types?.contains(gq[i].type) ?? true) }) {
                    continue
                } else if types != nil {
                    continue
                } else {
                    r.fp += 1
                    let snippet = String(String.UnicodeScalarView(text[p.start..<min(p.end, text.count)]).prefix(90))
                    r.problems.append(
                        Problem(kind: "spurious", document: g.id, text: snippet, gold: nil, predicted: p.speaker))
                }
            }
        }
        return r
    }

    func isOptional(_ q: GoldQuote) -> Bool {
        if q.optional { return true }
        if coreCues && q.type == "indirect" { return !Scoring.isSpeechCue(q.cue) }
        return false
    }
}
