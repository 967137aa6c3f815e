import Foundation
import Testing

/// Writes `data` to a new file named `name` and returns its path.
func hostileFile(_ name: String, _ data: Data) throws -> String {
    let url = try temporaryDirectory().appendingPathComponent(name)
    try data.write(to: url)
    return url.path
}

/// Sizes shrink tenfold under sanitizers (make test-sanitize sets WHOSAID_QUICK_TESTS).
let scale = ProcessInfo.processInfo.environment["WHOSAID_QUICK_TESTS"] == nil ? 1 : 10

func jsonQuotes(_ stdout: String) throws -> [[String: Any]] {
    let line = try #require(stdout.split(separator: "\n").first)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    return try #require(object["quotes"] as? [[String: Any]])
}

@Suite struct HostileArticleTests {
    @Test func emptyFileGivesNoQuotes() throws {
        let r = try run([try hostileFile("empty.txt", Data())])
        #expect(r.status == 0 && r.stdout == "_No quotes found._\n" && r.stderr.isEmpty)
    }

    @Test func binaryFileIsNamedAndSkippedWhileTheOthersAreRead() throws {
        let binary = try hostileFile("photo.txt", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x0D, 0x0A, 0x1A, 0x00]))
        let good = try hostileFile("good.txt", Data("\"Yes,\" said Jane Roe.".utf8))
        let r = try run(["--format", "jsonl", binary, good])
        #expect(r.status == 2)
        #expect(r.stderr.contains("photo.txt: looks like a binary file, not text; skipped"))
        #expect(r.stdout.contains(#""speaker":"Jane Roe""#))
    }

    @Test func invalidAndTruncatedUTF8IsRepairedWithOneWarning() throws {
        var bytes = Array("\"Caf".utf8) + [0xE9] + Array(" is open,\" said Jane Roe. ".utf8)
        bytes += [0xFF, 0xFE, 0xE2, 0x80]  // invalid, then a truncated sequence at the end
        let file = try hostileFile("latin1.txt", Data(bytes))
        let r = try run(["--format", "jsonl", file])
        #expect(r.status == 0)
        #expect(
            r.stderr
                == "whosaid: warning: \(file): invalid UTF-8 replaced by U+FFFD; offsets refer to the repaired text\n")
        let q = try #require(try jsonQuotes(r.stdout).first)
        #expect(q["text"] as? String == "\"Caf\u{FFFD} is open,\"")
        #expect(q["speaker"] as? String == "Jane Roe")
        #expect((q["start"] as? Int, q["end"] as? Int) == (0, 15))
    }

    @Test func utf16WithByteOrderMarkAndWindowsLineEndingsAreRead() throws {
        let text = "“Ça va,” said Émile Durand.\r\n\r\nCritics say it failed.\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let r = try run(["--format", "jsonl", try hostileFile("utf16.txt", Data(bytes))])
        let quotes = try jsonQuotes(r.stdout)
        #expect(quotes.map { $0["speaker"] as? String } == ["Émile Durand", "Critics"])
        #expect(quotes.map { $0["paragraph"] as? Int } == [1, 2])
        #expect(quotes.map { $0["text"] as? String } == ["“Ça va,”", "it failed"])
    }

    @Test func tenThousandUnbalancedMarksNeitherHangNorSwallowTheArticle() throws {
        let text =
            String(repeating: "He said \" and then ", count: 10_000 / scale) + "\n\n\"Real quote,\" said Jane Roe."
        let r = try run(["--format", "jsonl", try hostileFile("marks.txt", Data(text.utf8))])
        #expect(r.status == 0)
        let quotes = try jsonQuotes(r.stdout)
        #expect(
            quotes.contains { $0["text"] as? String == "\"Real quote,\"" && $0["speaker"] as? String == "Jane Roe" })
        #expect(
            quotes.allSatisfy { ($0["paragraph"] as? Int) != 1 || !(($0["text"] as? String) ?? "").contains("Real") })
    }

    @Test func quotesNestedAThousandDeepNeverSwallowTheNarration() throws {
        let text =
            "“" + String(repeating: "‘“", count: 500) + "deep" + String(repeating: "”’", count: 500)
            + ",” said Jane Roe.\n\n“Next,” said Henrik Lindqvist."
        let r = try run(["--format", "jsonl", try hostileFile("nested.txt", Data(text.utf8))])
        #expect(r.status == 0)
        let quotes = try jsonQuotes(r.stdout)
        #expect(quotes.allSatisfy { !(($0["text"] as? String) ?? "").contains("said") })
        #expect(quotes.last?["speaker"] as? String == "Henrik Lindqvist")
    }

    @Test func oneMegabyteParagraph() throws {
        let text = String(repeating: "\"We will act,\" said Jane Roe. Critics say it failed. ", count: 20_000 / scale)
        let r = try run(["--format", "jsonl", try hostileFile("long.txt", Data(text.utf8))])
        let quotes = try jsonQuotes(r.stdout)
        #expect(quotes.count == 40_000 / scale)
        #expect(quotes.last?["speaker"] as? String == "Critics")
    }

    @Test func hundredThousandShortParagraphs() throws {
        let text = String(repeating: "\"Yes,\" said Jane Roe.\n", count: 100_000 / scale)
        let r = try run(["--format", "jsonl", try hostileFile("many.txt", Data(text.utf8))])
        let quotes = try jsonQuotes(r.stdout)
        #expect(quotes.count == 100_000 / scale)
        #expect(quotes.last?["paragraph"] as? Int == 100_000 / scale)
    }
}

@Suite struct HostileRuleTests {
    func pack(_ yaml: String) throws -> String {
        let dir = try temporaryDirectory()
        try yaml.write(to: dir.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        return dir.path
    }

    @Test func backtrackingRuleIsSkippedWithItsIdAndDocumentAndTheRestGoesOn() throws {
        let dir = try pack(
            """
            version: 1
            rules:
              - id: backtracking_disaster
                kind: claim
                span: after
                description: Catastrophic on purpose.
                pattern: (?<speaker>(?:\\w+)+)\\h(?<cue>says)
            """)
        let text = "\"Yes,\" said Jane Roe. " + String(repeating: "a", count: 60) + "! Nobody says so."
        let r = try run(["--format", "jsonl", "--patterns", dir], input: text)
        #expect(r.status == 0)
        // The warning names the rule's file and the line of its id.
        #expect(
            r.stderr
                == "whosaid: warning: stdin: rule backtracking_disaster (\(dir)/rules.yaml:3) stopped at the match limit and was skipped for the rest of this document\n"
        )
        #expect(r.stdout.contains(#""speaker":"Jane Roe""#))
    }

    @Test func limitsAreConfigurable() throws {
        let r = try run(["--format", "jsonl", "--match-limit", "3"], input: "\"Yes,\" said Jane Roe.")
        #expect(r.status == 0)
        #expect(r.stderr.contains("stopped at the match limit"))
    }

    @Test func twoThousandRulesAndAThousandWordLexiconLoad() throws {
        var yaml = "version: 1\nlexicons:\n  speech_verb:\n    extends: true\n    words: ["
        var rng = SystemRandomNumberGenerator()
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        yaml += (0..<1_000).map { _ in String((0..<8).map { _ in letters.randomElement(using: &rng)! }) }.joined(
            separator: ", ")
        yaml += ", deadpanned]\nrules:\n"
        for i in 0..<2000 {
            yaml +=
                "  - id: user_rule_\(i)\n    kind: claim\n    span: after\n    description: generated\n    pattern: (?<speaker>Xq\(i)y)\\h(?<cue>said)\n"
        }
        let r = try run(
            ["--format", "jsonl", "--patterns", try pack(yaml)],
            input: "\"Fine,\" deadpanned Jane Roe. Xq1999y said it rained.")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""cue":"deadpanned""#))
        #expect(r.stdout.contains(#""rule":"user_rule_1999""#))
    }

    @Test func aHundredThousandWordLexiconLoadsAndMatches() throws {
        var yaml = "version: 1\nlexicons:\n  speech_verb:\n    extends: true\n    words: ["
        yaml += (0..<100_000).map { "w\($0)x" }.joined(separator: ", ") + ", deadpanned, pointed out sharply]\n"
        let dir = try pack(yaml)
        let r = try run(
            ["--format", "jsonl", "--patterns", dir],
            input:
                "\"Fine,\" deadpanned Jane Roe. \"Yes,\" w99999x Henrik Lindqvist. \"No,\" pointed out sharply Kim Lee."
        )
        #expect(r.status == 0, "\(r.stderr)")
        let quotes = try jsonQuotes(r.stdout)
        #expect(quotes.map { $0["cue"] as? String } == ["deadpanned", "w99999x", "pointed out sharply"])
        #expect(quotes.map { $0["speaker"] as? String } == ["Jane Roe", "Henrik Lindqvist", "Kim Lee"])
        let test = try run(["patterns", "test", "--patterns", dir])
        #expect(test.status == 0, "\(test.stdout)")
    }
}
