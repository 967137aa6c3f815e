import Foundation
import RulePacks
import Testing

@testable import WhoSaid

/// The default pack, loaded once for all tests.
let defaultRules: RuleSet = {
    do { return try RuleSet.loadDefault(language: "en", environment: [:]) } catch { fatalError("\(error)") }
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
    try RuleSet.defaultPackFiles(language: "en").map { path in
        ((path as NSString).lastPathComponent, try String(contentsOfFile: path, encoding: .utf8))
    }
}
