import PCRE2
import RulePacks

/// Runs rules over a byte buffer with one thread's scratch, turning a rule that hits a
/// match limit into a warning (rule id and document) instead of a failed document.
final class RuleRunner {
    let scratch: MatchScratch
    private(set) var warnings: [String] = []

    init(scratch: MatchScratch) { self.scratch = scratch }

    /// Calls `body` with each match of `rule` in `bytes[range]`.
    func forEachMatch(_ rule: Rule, in bytes: [UInt8], range: Range<Int>? = nil, document: String,
                      _ body: (MatchView) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            do {
                try rule.pattern.forEachMatch(in: buffer, range: range, scratch: scratch) { match in
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
