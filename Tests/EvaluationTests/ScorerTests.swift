import Foundation
import Testing

@testable import Evaluation

/// A small gold file written for these tests: a direct quote, a split quote, a mixed quote,
/// an indirect claim with a speech cue, one with a belief cue, and an optional quote.
let smallGold = """
    {"id": "g1", "text": "\\"We will act,\\" said Jane Roe. Critics say the plan is weak. Roe believes the plan works.", "quotes": [{"start": 0, "end": 14, "type": "direct", "speaker": "Jane Roe", "text": "\\"We will act,\\""}, {"start": 42, "end": 58, "type": "indirect", "speaker": "Critics", "cue": "say", "text": "the plan is weak"}, {"start": 73, "end": 87, "type": "indirect", "speaker": "Roe", "cue": "believes", "text": "the plan works"}]}
    {"id": "g2", "text": "\\"Yes,\\" he said, \\"and soon.\\" Lee called it \\"a big mistake\\" today.", "quotes": [{"start": 0, "end": 27, "type": "direct", "speaker": "he", "speaker_pronominal": true, "spans": [[0, 6], [16, 27]], "text": "\\"Yes,\\" he said, \\"and soon.\\""}, {"start": 39, "end": 57, "type": "mixed", "speaker": "Kim Lee", "text": "it \\"a big mistake\\""}, {"start": 58, "end": 63, "type": "indirect", "speaker": "x", "optional": true, "text": "today"}]}

    """

func gold() throws -> [Scorer.GoldDocument] { try Scorer.readGold(Data(smallGold.utf8)) }

@Suite struct ScorerTests {
    let predicted: [String: [Scorer.PredictedQuote]] = [
        "g1": [
            .init(start: 1, end: 13, speaker: "Roe"),  // exact core, alias speaker
            .init(start: 42, end: 58, speaker: "the critics"),  // right
            .init(start: 73, end: 87, speaker: "Roe"),  // belief cue: optional with core cues
            .init(start: 30, end: 37, speaker: nil),
        ],  // spurious
        "g2": [
            .init(start: 0, end: 6, speaker: "Bob"),  // first fragment; pronoun gold: not scored
            .init(start: 16, end: 27, speaker: "Bob"),  // second fragment: duplicate
            .init(start: 42, end: 57, speaker: "Lee"),  // the quoted fragment of the mixed quote
            .init(start: 58, end: 63, speaker: nil),
        ],  // matches an optional gold: ignored
    ]

    @Test func countsMatchTheReferenceRulesByHand() throws {
        let r = Scorer(coreCues: true).score(gold: try gold(), predicted: predicted)
        #expect((r.tp, r.fp, r.fn, r.duplicates, r.exact) == (4, 1, 0, 1, 2))
        #expect((r.speakerScored, r.speakerCorrect, r.speakerPronounGold) == (3, 3, 1))
        #expect(r.recallByType["indirect"]! == (1, 1))
        #expect(r.recallByType["mixed"]! == (1, 1))
        #expect(
            r.json().hasPrefix(
                #"{"tp": 4, "fp": 1, "fn": 0, "duplicates": 1, "precision": 0.8, "recall": 1.0, "f1": 0.8889,"#))
    }

    @Test func withoutCoreCuesTheBeliefQuoteCounts() throws {
        let r = Scorer(coreCues: false).score(gold: try gold(), predicted: predicted)
        #expect((r.tp, r.fp, r.fn) == (5, 1, 0))
    }

    @Test func speakerNamesFollowTheReferenceRules() {
        #expect(Scoring.speakerOK("Hillary Rodham Clinton", ["Hillary Clinton"]))
        #expect(Scoring.speakerOK("President Obama", ["Barack Obama"]))
        #expect(!Scoring.speakerOK("Bill Clinton", ["Hillary Clinton"]))
        #expect(!Scoring.speakerOK("South Korea", ["North Korea"]))
        #expect(Scoring.speakerOK("Flynn", ["Flynn, a top Trump surrogate,"]))
        #expect(Scoring.isSpeechCue("has also said"))
        #expect(!Scoring.isSpeechCue("believes"))
    }

    /// Where the reference scorer is at hand (a checkout with ../shared beside it), both
    /// must print the same line for the same predictions.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: referenceScorer)))
    func agreesWithTheReferenceScorer() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scorer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let goldURL = dir.appendingPathComponent("gold.jsonl"), predURL = dir.appendingPathComponent("pred.jsonl")
        try smallGold.write(to: goldURL, atomically: true, encoding: .utf8)
        let lines = predicted.keys.sorted().map { id in
            let quotes = predicted[id]!.map { q in
                "{\"start\": \(q.start), \"end\": \(q.end), \"speaker\": \(q.speaker.map { "\"\($0)\"" } ?? "null")}"
            }
            return "{\"id\": \"\(id)\", \"quotes\": [\(quotes.joined(separator: ", "))]}"
        }
        try (lines.joined(separator: "\n") + "\n").write(to: predURL, atomically: true, encoding: .utf8)
        for (flags, coreCues) in [([String](), false), (["--core-cues"], true)] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", referenceScorer, goldURL.path, predURL.path] + flags
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let line = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let ours = Scorer(coreCues: coreCues).score(gold: try gold(), predicted: predicted).json()
            #expect(line.trimmingCharacters(in: .whitespacesAndNewlines) == ours)
        }
    }
}

let referenceScorer = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/eval/score.py").path
