import Foundation
import Testing

@testable import WhoSaid

/// Each input once trapped the engine (a range built with its ends inverted). A trap
/// ends the test process, so reaching the expectations is half the test.
@Suite struct TrapRegressionTests {
    @Test(arguments: [
        "then said \"no.\"", "The man\nalso said \"no.\"", "still said “no.”", "then told «no.»", "now said „no.“",
    ])
    func aSentenceOpeningWithAnAdverbOfTheVerbHasNoDescribedSubject(text: String) {
        // No subject stands before the adverb: the fragment is nobody's words.
        #expect(quotes(text).allSatisfy { $0.rule.hasPrefix("described_subject") == false })
    }

    @Test func aQuoteAfterASecondCoordinatedPredicateBelongsToThatPredicate() throws {
        let found = quotes("Roe said the plan \"failed\" and stopped and started \"again\".")
        #expect(found.map(\.text) == ["the plan \"failed\"", "and started \"again\""])
        #expect(found.allSatisfy { $0.speaker == "Roe" && $0.type == .mixed })
        let first = try #require(found.first)
        #expect(first.cue == "said")
    }

    @Test func twoCoordinatedPredicatesBeforeAQuoteGiveTwoRows() {
        let found = quotes("She called it \"a disaster\" and laughed and smiled \"a lot\".")
        #expect(found.count == 2)
        #expect(found.first?.text == "it \"a disaster\"")
        #expect(found.last?.text.hasSuffix("\"a lot\"") == true)
    }

    @Test func aSpeakerGroupThatMatchesEmptyAtTheEndOfTheTextIsNoEntity() throws {
        // A run of quotation marks once made the described-subject scan quadratic and a
        // speaker range could start at the very end of the text.
        let text = "Kim said \"" + String(repeating: "“”", count: 2000)
        _ = quotes(text)
    }
}

/// Every input the fuzzer ever found a fault with (`Fuzz/Regressions/fuzz-pipeline/`),
/// through the pipeline, with the output contract checked.
@Suite struct FuzzRegressionTests {
    @Test func everyRegressionInputRunsAndKeepsTheContract() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/fuzz-pipeline")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count >= 3)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
            let document = Document(id: file, utf8: bytes)
            for q in extractor.extract(document).quotes {
                #expect(document.source(q.byteStart..<q.byteEnd) == q.text, "\(file): \(q.id)")
                #expect(document.codePoint(q.byteStart) == q.start && document.codePoint(q.byteEnd) == q.end)
            }
        }
    }
}
