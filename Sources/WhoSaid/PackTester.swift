import PCRE2
import RulePacks

/// Runs every rule's examples the way the pipeline would run the rule: quote rules on
/// the text, the others on the text with quotes masked by the pack's quote rules.
/// Each example runs twice, the second time after a multibyte prefix, so an offset bug
/// cannot hide behind ASCII.
public struct PackTester {
    public struct Failure: CustomStringConvertible, Sendable {
        public let location: RuleLocation
        public let rule: String
        public let message: String
        public var description: String { "\(location): \(rule): \(message)" }
    }

    /// Put before every example on its second run: two-, three- and four-byte characters.
    public static let multibytePrefix = "Zoë — Ünïcødé 😀 e\u{301}\n"

    let rules: RuleSet
    let scratch = MatchScratch()
    /// The pack's `title_minor_word`, which decides how a title quote is masked.
    let minorWords: Set<ArraySlice<UInt8>>

    public init(rules: RuleSet) {
        self.rules = rules
        minorWords = ResolutionWords(rules: rules).titleMinorWords
    }

    /// Every failing example of every rule, in rule order; empty when all pass.
    public func run() -> (examples: Int, failures: [Failure]) {
        var failures: [Failure] = []
        var count = 0
        for rule in rules.rules {
            let positives = rule.examples.filter(\.shouldMatch).count
            if positives == 0 || positives == rule.examples.count {
                failures.append(
                    Failure(
                        location: rule.location, rule: rule.id,
                        message: "needs at least one 'match' and one 'no_match' example"))
            }
            for example in rule.examples {
                count += 1
                for prefix in ["", Self.multibytePrefix] {
                    if let message = check(rule, example, prefix: prefix) {
                        let note = prefix.isEmpty ? "" : " (after a multibyte prefix)"
                        failures.append(Failure(location: example.location, rule: rule.id, message: message + note))
                        break
                    }
                }
            }
        }
        return (count, failures)
    }

    /// Where the pipeline would run `rule` in `text`, or nil when it runs everywhere.
    func windows(for rule: Rule, _ text: String) -> [Range<Int>]? {
        guard !rule.anchors.isEmpty, rule.kind != .quote else { return nil }
        let document = Document(id: "example", text: text)
        let runner = RuleRunner(scratch: scratch)
        let quotes = QuoteFinder.find(in: document, rules: rules.rules(.quote), runner: runner).quotes
        let masked = Masking.mask(document.bytes, quotes: quotes, document: document, minorWords: minorWords)
        let sentences = Sentences(masked: masked, document: document, rules: rules.rules(.sentence), runner: runner)
        return Anchors(masked: masked, sentences: sentences, rules: rules, runner: runner, document: document.id)
            .windows(for: rule)
    }

    /// The text a rule of `kind` sees for `text`.
    func subject(for kind: RuleKind, _ text: String) -> [UInt8] {
        let document = Document(id: "example", text: text)
        guard kind != .quote else { return document.bytes }
        let runner = RuleRunner(scratch: scratch)
        let quotes = QuoteFinder.find(in: document, rules: rules.rules(.quote), runner: runner).quotes
        return Masking.mask(document.bytes, quotes: quotes, document: document, minorWords: minorWords)
    }

    private func check(_ rule: Rule, _ example: RuleExample, prefix: String) -> String? {
        let text = prefix + example.text
        let bytes = Array(text.utf8)
        let subject = subject(for: rule.kind, text)
        var matches: [Match] = []
        rule.prepare(scratch)
        do {
            try subject.withUnsafeBufferPointer { buffer in
                try rule.pattern.forEachMatch(in: buffer, scratch: scratch) { m in
                    matches.append(m.copy())
                    return true
                }
            }
        } catch {
            return "matching \(quoted(example.text)) failed: \(error)"
        }
        if !example.shouldMatch {
            guard let m = matches.first else { return nil }
            return
                "expected no match in \(quoted(example.text)), got \(quoted(String(decoding: bytes[m.range], as: UTF8.self)))"
        }
        guard !matches.isEmpty else { return "expected a match in \(quoted(example.text)), got none" }
        // The pipeline runs an anchored rule only near its anchors: a match it would
        // never try is no match.
        if let windows = windows(for: rule, text) {
            matches = matches.filter { m in windows.contains { $0.contains(m.range.lowerBound) } }
            guard !matches.isEmpty else {
                return
                    "matches \(quoted(example.text)) only where the pipeline never runs it: no anchor (\(Self.anchorTerms(rule))) stands there"
            }
        }
        var best: String?
        for m in matches {
            var problems: [String] = []
            for (group, expected) in example.captures {
                let got = m.range(named: group).map { String(decoding: bytes[$0], as: UTF8.self) }
                if got != expected {
                    problems.append("expected \(group) \(quoted(expected)), got \(got.map(quoted) ?? "nothing")")
                }
            }
            if problems.isEmpty { return nil }
            if best == nil { best = problems.joined(separator: "; ") }
        }
        return best
    }

    /// What an anchor of `rule` must meet for the rule to run near it, as a pack writes it:
    /// the anchor lexicons, then `near`, `at_anchor` and `reach_words` where set.
    private static func anchorTerms(_ rule: Rule) -> String {
        var terms = rule.anchors
        if !rule.near.isEmpty { terms.append("near " + rule.near.joined(separator: ", ")) }
        if rule.atAnchor != nil { terms.append("where at_anchor matches") }
        if let words = rule.reachWords { terms.append("within \(words) words") }
        return terms.joined(separator: ", ")
    }

    private func quoted(_ s: String) -> String {
        "'" + s.replacingNewlines() + "'"
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
    }
}
