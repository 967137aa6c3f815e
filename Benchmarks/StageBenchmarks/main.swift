// Benchmarks of the hot stages on the fixture article, with google/swift-benchmark:
//   swift run -c release stage-benchmarks
// (whosaid bench measures whole runs; these time one stage at a time.)
import Benchmark
import Foundation
import PCRE2
import Reporters
import RulePacks
import WhoSaid

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let article =
    (try? String(contentsOf: root.appendingPathComponent("Fixtures/harbour-strike.txt"), encoding: .utf8)) ?? ""
let rules = try RuleSet.load(
    directories: RuleSet.defaultDirectories(language: "en", in: root.appendingPathComponent("Patterns").path))
let extractor = Extractor(rules: rules)
let scratch = MatchScratch()
let document = Document(id: "fixture", text: article)
let quotes = extractor.extract(document, scratch: scratch).quotes
let bytes = document.bytes

/// Keeps a result alive so the optimiser cannot drop the work.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

benchmark("document: paragraphs and offset map") {
    blackHole(Document(id: "fixture", text: article))
}

benchmark("quote rules: one scan per rule") {
    for rule in rules.rules(.quote) {
        bytes.withUnsafeBufferPointer { buffer in
            try? rule.pattern.forEachMatch(in: buffer, scratch: scratch) {
                blackHole($0.range); return true
            }
        }
    }
}

benchmark("anchor words: one scan") {
    if let words = rules.anchorWords {
        bytes.withUnsafeBufferPointer { buffer in
            try? words.pattern.forEachMatch(in: buffer, scratch: scratch) {
                blackHole($0.range); return true
            }
        }
    }
}

// The hot path of the extractor: a rule that starts with a speaker, tried at every word
// (here over the whole article, without the windows its anchor gives it in extract).
if let speakerRule = rules.rules(.claim).first(where: { $0.id == "speaker_cue_clause" }) {
    benchmark("speaker rule: speaker_cue_clause over the article") {
        speakerRule.prepare(scratch)
        bytes.withUnsafeBufferPointer { buffer in
            try? speakerRule.pattern.forEachMatch(in: buffer, scratch: scratch) {
                blackHole($0.range); return true
            }
        }
    }
}

// The check before it: a rule's at_anchor tried once at each anchor word (here every
// word of the anchor scan, each lexicon's words together), which decides where it runs.
if let colonRule = rules.rules(.attribution).first(where: { $0.id == "speaker_cue_colon_quote" }),
    let check = colonRule.atAnchor, let words = rules.anchorWords
{
    var anchors: [Int] = []
    bytes.withUnsafeBufferPointer { buffer in
        try? words.pattern.forEachMatch(in: buffer, scratch: scratch) {
            anchors.append($0.range.lowerBound); return true
        }
    }
    benchmark("anchor check: at_anchor of speaker_cue_colon_quote at each anchor word") {
        bytes.withUnsafeBufferPointer { buffer in
            for offset in anchors {
                try? check.forEachMatch(in: buffer, range: offset..<buffer.count, startLimit: offset, scratch: scratch) {
                    blackHole($0.range); return false
                }
            }
        }
    }
}

// Start-up: reading the English pack and compiling its rules, small lexicons written out.
benchmark("pack: load and compile the English rules") {
    blackHole(
        try? RuleSet.load(
            directories: RuleSet.defaultDirectories(language: "en", in: root.appendingPathComponent("Patterns").path)))
}

benchmark("extract: whole pipeline") {
    blackHole(extractor.extract(document, scratch: scratch))
}

benchmark("code point offsets: every quote") {
    for q in quotes { blackHole(document.codePoint(q.byteStart) + document.codePoint(q.byteEnd)) }
}

benchmark("report: JSON line") {
    blackHole(JSONReporter.line(id: "fixture", quotes: quotes))
}

benchmark("report: CSV rows") {
    blackHole(CSVReporter.rows(document: "fixture", quotes: quotes))
}

Benchmark.main()
