import RulePacks
import Spans

/// Where a rule with anchors needs to run: for each occurrence of an anchor lexicon, from
/// the start of its sentence (at most ``reach`` bytes back) to the occurrence. A rule whose every match holds a verb of
/// saying then never looks at the sentences that have none, which is most of an article.
final class Anchors {
    private let masked: [UInt8]
    private let sentences: Sentences
    private let rules: RuleSet
    private let runner: RuleRunner
    private let document: String
    private var positions: [String: [Int]] = [:]

    init(masked: [UInt8], sentences: Sentences, rules: RuleSet, runner: RuleRunner, document: String) {
        self.masked = masked
        self.sentences = sentences
        self.rules = rules
        self.runner = runner
        self.document = document
    }

    /// How far before its anchor word a match may start: a speaker with its role and
    /// appositives is shorter, and a sentence that never ends costs no more than this.
    static let reach = 300

    /// Sorted, disjoint windows where matches of `rule` may start, or nil for the whole text.
    ///
    /// `keep` drops occurrences of anchor and `near` words a match could do nothing with:
    /// the attribution stage passes the starts of quotes an earlier rule attributed.
    func windows(for rule: Rule, keep: (Int) -> Bool = { _ in true }) -> [Range<Int>]? {
        guard !rule.anchors.isEmpty else { return nil }
        var all: [Int] = []
        for name in rule.anchors { all += occurrences(of: name).filter(keep) }
        all.sort()
        if !rule.near.isEmpty {
            var targets: [Int] = []
            for name in rule.near { targets += occurrences(of: name).filter(keep) }
            targets.sort()
            all = all.filter { p in
                let i = targets.lowerBound(of: p)
                return i < targets.count && targets[i] - p <= rule.nearWithin
            }
        }
        return runner.anchorsPassing(rule, all, in: masked).map { p in
            var start = max(sentences.bounds(of: p).lowerBound, p - Self.reach)
            if let words = rule.reachWords { start = max(start, self.start(ofWords: words, before: p)) }
            return min(start, p)..<(p + 1)
        }.coalesced()
    }

    /// Where the word `count` words before the one holding `offset` starts; words are runs
    /// of bytes other than spaces and tabs, so a no-break space or a line break keeps two
    /// words one and the window only grows.
    private func start(ofWords count: Int, before offset: Int) -> Int {
        func blank(_ i: Int) -> Bool { masked[i] == UInt8(ascii: " ") || masked[i] == UInt8(ascii: "\t") }
        var i = offset
        while i > 0 && !blank(i - 1) { i -= 1 }
        for _ in 0..<count {
            while i > 0 && blank(i - 1) { i -= 1 }
            while i > 0 && !blank(i - 1) { i -= 1 }
        }
        return i
    }

    private func occurrences(of name: String) -> [Int] {
        if let known = positions[name] { return known }
        if let pattern = rules.anchorPatterns[name] {
            positions[name] = runner.anchorPositions(
                name, pattern, lookups: rules.anchorLookups[name] ?? .none,
                in: masked, document: document)
        } else if let words = rules.anchorWords {
            // One scan fills every word-list anchor.
            var found = [[Int]](repeating: [], count: words.lexiconNames.count)
            runner.anchorMatches("words", words.pattern, in: masked, document: document) { range in
                words.forEachLexicon(of: masked[range]) { found[$0].append(range.lowerBound) }
            }
            for (name, offsets) in zip(words.lexiconNames, found) { positions[name] = offsets }
        }
        return positions[name] ?? []
    }
}
