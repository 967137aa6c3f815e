import PCRE2
import RulePacks

/// Runs rules over a byte buffer with one thread's scratch, turning a rule that hits a
/// match limit into a warning (rule id and document) instead of a failed document.
final class RuleRunner {
    let scratch: MatchScratch
    private(set) var warnings: [String] = []
    /// Every match of every rule, in run order, when explaining; nil otherwise.
    private(set) var trace: [TracedMatch]?

    init(scratch: MatchScratch, tracing: Bool = false) {
        self.scratch = scratch
        trace = tracing ? [] : nil
    }

    /// Calls `body` with each match of `rule` in `bytes[range]`.
    func forEachMatch(_ rule: Rule, in bytes: [UInt8], range: Range<Int>? = nil, document: String,
                      _ body: (MatchView) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            do {
                try rule.pattern.forEachMatch(in: buffer, range: range, scratch: scratch) { match in
                    if trace != nil {
                        let groups = rule.groups.sorted().compactMap { name in match.range(named: name).map { (name, $0) } }
                        trace!.append(TracedMatch(rule: rule, range: match.range, groups: groups))
                    }
                    body(match)
                    return true
                }
            } catch let error as PCRE2Error where error.isLimit {
                warnings.append("\(document): rule \(rule.id) stopped at the \(error.kind) and was skipped for the rest of this document")
            } catch {
                warnings.append("\(document): rule \(rule.id) failed: \(error)")
            }
        }
    }
}

/// One match recorded for `whosaid explain`: byte ranges into the article.
public struct TracedMatch: Sendable {
    public let rule: Rule
    public let range: Range<Int>
    public let groups: [(name: String, range: Range<Int>)]
}
