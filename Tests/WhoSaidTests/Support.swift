import Foundation
import RulePacks
import Testing

@testable import WhoSaid

/// The default pack, loaded once for all tests.
let defaultRules: RuleSet = {
    guard let directory = RuleSet.defaultDirectory() else { fatalError("Patterns/ not found") }
    do { return try RuleSet.load(directories: [directory]) } catch { fatalError("\(error)") }
}()

let extractor = Extractor(rules: defaultRules)

/// Text with the expected spans marked `⟦…⟧`: the text without markers, and each marked
/// span in code points, so no test counts offsets by hand.
func marked(_ source: String) -> (text: String, spans: [Range<Int>]) {
    var text = ""
    var spans: [Range<Int>] = []
    var open: Int?
    var count = 0
    for scalar in source.unicodeScalars {
        switch scalar {
        case "⟦": open = count
        case "⟧": spans.append(open!..<count); open = nil
        default:
            text.unicodeScalars.append(scalar)
            count += 1
        }
    }
    return (text, spans)
}

/// The quotes of `text`.
func quotes(_ text: String) -> [Quote] {
    extractor.extract(Document(id: "test", text: text)).quotes
}

/// The quote whose span is `span`, recording an issue when there is none.
func quote(at span: Range<Int>, in found: [Quote], sourceLocation: SourceLocation = #_sourceLocation) -> Quote? {
    let q = found.first { $0.start == span.lowerBound && $0.end == span.upperBound }
    if q == nil {
        Issue.record(
            "no quote at \(span); found \(found.map { "\($0.start)..<\($0.end) \($0.text)" })",
            sourceLocation: sourceLocation)
    }
    return q
}

/// A path in the checkout.
func checkoutPath(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(relative).path
}

/// The default pack's files as (name, text).
func packTexts() throws -> [(String, String)] {
    let directory = checkoutPath("Patterns")
    return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
        .map { ($0, try String(contentsOfFile: directory + "/" + $0, encoding: .utf8)) }
}
