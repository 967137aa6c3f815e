import Foundation
import Testing

/// The built `whosaid`, beside the test bundle in the build folder.
let whosaid: URL = {
    let exe =
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("whosaid")
}()

let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs whosaid with `arguments` and `input`, from a temporary working directory so
/// that nothing depends on being run from the checkout.
func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    process.executableURL = whosaid
    process.arguments = arguments
    process.currentDirectoryURL = FileManager.default.temporaryDirectory
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "WHOSAID_PATTERNS")
    env.merge(environment) { $1 }
    process.environment = env
    let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
        status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
        stderr: String(decoding: err, as: UTF8.self))
}

/// What a shell pipeline prints on standard output.
func shell(_ command: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return text
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("whosaid-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct CommandTests {
    @Test func fixtureArticleGivesAMarkdownTableWithSpeakers() throws {
        let r = try run([checkout.appendingPathComponent("Fixtures/harbour-strike.txt").path])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.hasPrefix("| # | type | quote | speaker | role | cue | via | rule | ¶ |\n|---|"))
        #expect(
            r.stdout.contains(
                #"| q1 | direct | "We did not want this strike, but the company left us no choice," | Maria Okonkwo-Reyes | union leader | told | explicit |"#
            ))
        #expect(r.stdout.contains("| Maria Okonkwo-Reyes | union leader | added | alias |"))
    }

    /// Swift seeds its hashing afresh in every process; the rows must not depend on it.
    @Test func outputIsTheSameInEveryProcess() throws {
        let article = """
            "We will win," said the campaign’s communications director, Jen Palmer.

            "We might lose," said the party’s finance chief, Jen Palmer.

            "Maybe," Palmer added.
            """
        let first = try run(["--format", "jsonl"], input: article)
        #expect(first.status == 0)
        for _ in 0..<5 {
            #expect(try run(["--format", "jsonl"], input: article).stdout == first.stdout)
        }
    }

    @Test func standardInputAndExtractAsTheDefaultSubcommand() throws {
        let r = try run(["--format", "jsonl"], input: "\"We will act,\" said Kim Jong Un.")
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let quote = try #require((object["quotes"] as? [[String: Any]])?.first)
        #expect(quote["speaker"] as? String == "Kim Jong Un")
        #expect(quote["start"] as? Int == 0 && quote["end"] as? Int == 14)
    }

    @Test func jsonlInWritesOneLinePerRecordInOrderEvenForBadLines() throws {
        let input = """
            {"id": "a", "text": "\\"Yes,\\" said Jane Roe."}
            not json
            {"id": 7, "text": "Zoë said nothing."}
            {"id": "no-text"}

            """
        let r = try run(["extract", "--input", "jsonl", "--format", "jsonl"], input: input)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let ids = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .map { $0["id"] as? String }
        #expect(ids == ["a", "-:2", "7", "no-text"])
        #expect(lines[1].contains(#""error":"line 2: not a JSON object""#))
        #expect(r.status == 2)
        #expect(r.stderr.contains("whosaid: -:2: line 2: not a JSON object"))
    }

    @Test func csvOutputHasHeaderAndRFC4180Rows() throws {
        let r = try run(["--format", "csv"], input: "\"Yes, \"\"really\"\",\" said Jane Roe.")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("document,id,type,text,start,end,"))
        #expect(r.stdout.contains("\r\nstdin,q1,direct,"))
    }

    @Test func brokenUserPackIsRefusedWithFileLineAndRule() throws {
        let dir = try temporaryDirectory()
        try """
        version: 1
        rules:
          - id: broken
            kind: claim
            span: after
            description: x
            pattern: (?<cue>said
        """.write(to: dir.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        let r = try run(["--patterns", dir.path], input: "x")
        #expect(r.status == 1)
        #expect(r.stderr.contains("mine.yaml:7: rule broken: PCRE2 compile error 114: missing closing parenthesis"))
    }

    @Test func userPackAddsACueVerbAndOverridesARule() throws {
        let text = "\"That went well,\" deadpanned Jane Roe."
        let before = try run(["--format", "jsonl"], input: text)
        #expect(before.stdout.contains(#""speaker":null"#))
        let dir = try temporaryDirectory()
        try """
        version: 1
        language: en
        lexicons:
          speech_verb:
            extends: true
            words: [deadpanned, deadpans]
        rules:
          - id: quote_dash_speaker
            enabled: false
        """.write(to: dir.appendingPathComponent("house.yaml"), atomically: true, encoding: .utf8)
        let after = try run(["--format", "jsonl", "--patterns", dir.path], input: text)
        #expect(after.stdout.contains(#""speaker":"Jane Roe""#))
        #expect(after.stdout.contains(#""cue":"deadpanned""#))
        let list = try run(["patterns", "list"], environment: ["WHOSAID_PATTERNS": dir.path])
        #expect(!list.stdout.contains("quote_dash_speaker"))
        #expect(list.stdout.contains("quote_cue_speaker"))
    }

    @Test func patternsTestPassesOnTheDefaultPack() throws {
        let r = try run(["patterns", "test"])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("all passed\n"))
    }

    /// `patterns show` prints what PCRE2 compiles for a rule: the lexicons it calls in a
    /// DEFINE block, then its own text, with small lexicons (masked_quote) written out
    /// where they are called; an unknown id is refused naming it.
    @Test func patternsShowPrintsTheCompiledPattern() throws {
        let r = try run(["patterns", "show", "speaker_cue_colon_quote"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("(?(DEFINE)"))
        #expect(r.stdout.contains("(?<speech_verb>"))
        #expect(r.stdout.contains("(?<cue>(?&speech_verb))"))
        #expect(r.stdout.contains("(?<quote>(?:"))
        #expect(!r.stdout.contains("(?&masked_quote)"))
        let missing = try run(["patterns", "show", "no_such_rule"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no rule 'no_such_rule' in the packs of en, de"))
        // The rule's check, with the quote it looks for written out the same way.
        let check = try run(["patterns", "show", "speaker_cue_colon_quote", "--at-anchor"])
        #expect(check.status == 0)
        #expect(check.stdout.hasPrefix("(?(DEFINE)") && check.stdout.contains("(?&speech_verb)"))
        #expect(!check.stdout.contains("(?<cue>") && !check.stdout.contains("(?&masked_quote)"))
        let none = try run(["patterns", "show", "full_name", "--at-anchor"])
        #expect(none.status != 0)
        #expect(none.stderr.contains("rule 'full_name' (") && none.stderr.contains("mentions.yaml:") && none.stderr.contains("has no at_anchor"))
    }

    @Test func missingFileIsReportedAndTheRestProcessed() throws {
        let dir = try temporaryDirectory()
        let good = dir.appendingPathComponent("good.txt")
        try "\"Yes,\" said Jane Roe.".write(to: good, atomically: true, encoding: .utf8)
        let r = try run(["--format", "jsonl", dir.appendingPathComponent("missing.txt").path, good.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("missing.txt: no such file or folder"))
        #expect(r.stdout.contains(#""speaker":"Jane Roe""#))
    }
}

@Suite struct ReadmeExampleTests {
    @Test func theReadmeRuleExampleLoadsPassesAndChangesTheOutput() throws {
        let pack = checkout.appendingPathComponent("Examples/house-rules").path
        let test = try run(["patterns", "test", "--patterns", pack])
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        let quip = try run(["--format", "jsonl", "--patterns", pack], input: "\"Not bad,\" deadpanned Jane Roe.")
        #expect(quip.stdout.contains(#""speaker":"Jane Roe""#))
        #expect(quip.stdout.contains(#""cue":"deadpanned""#))
        let sourced = try run(
            ["--format", "jsonl", "--patterns", pack],
            input: "The ferry will stop in May (source: harbour authority).\n")
        #expect(sourced.stdout.contains(#""type":"indirect","text":"The ferry will stop in May""#))
        #expect(sourced.stdout.contains(#""speaker":"harbour authority""#))
        #expect(sourced.stdout.contains(#""rule":"source_in_parentheses""#))
    }
}

@Suite struct ExplainTests {
    @Test func explainShowsTheRuleTrailOfAnAliasQuote() throws {
        let fixture = checkout.appendingPathComponent("Fixtures/harbour-strike.txt").path
        let r = try run(["explain", fixture, "--quote", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("q2 direct, paragraph 4,"))
        let lines = r.stdout.split(separator: "\n")
        let tried = try #require(lines.first { $0.hasPrefix("  attribution quote_cue_speaker (") })
        #expect(tried.hasSuffix("Patterns/en/attribution.yaml:7): no match"))
        let won = try #require(lines.first { $0.hasPrefix("  attribution quote_speaker_cue (") })
        #expect(
            won.hasSuffix(
                #"): matched ⟨"Every crane they automate is a family that loses its income," Okonkwo-Reyes added⟩  ← gave this row"#
            ))
        #expect(r.stdout.contains("      speaker = ⟨Okonkwo-Reyes⟩"))
        #expect(
            r.stdout.contains(
                "Speaker: Maria Okonkwo-Reyes (via alias)\n  'Okonkwo-Reyes' is a short form of the entity Maria Okonkwo-Reyes (named in paragraphs 3, 4, 10)"
            ))
        #expect(r.stdout.contains("paragraph 3, role_before_name: name=⟨Maria Okonkwo-Reyes⟩ role=⟨union leader⟩"))
    }

    @Test func explainSaysAQuoteWentToThePersonTheSentenceBeforeOpensWith() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("whosaid-explain-\(UUID().uuidString).txt")
        try #""The port stays shut," said Dana Okafor. Mayor Jane Roe shook her head. "We will reopen it on Monday.""#
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try run(["explain", file.path, "--quote", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains(
                "Speaker: Jane Roe (via continuation)\n  no speaker of its own; the writer's sentence before it opens with Jane Roe"
            ))
    }

    @Test func explainRefusesAQuoteThatDoesNotExist() throws {
        let fixture = checkout.appendingPathComponent("Fixtures/harbour-strike.txt").path
        let r = try run(["explain", fixture, "--quote", "99"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no such quote (the article has 15)"))
    }
}

@Suite struct MeasureTests {
    @Test func benchPrintsExtractorAndCeilingThroughputFromOneRun() throws {
        let r = try run(["bench", "--copies", "20", "--runs", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("corpus: 20 documents, 0.03 MB; best of 1 runs") == true)
        #expect(
            lines.contains { $0.hasPrefix("extractor, 1 core") && $0.contains(" MB/s ") && $0.contains(" docs/s ") })
        #expect(lines.contains { $0.hasPrefix("ceiling: PCRE2 JIT quoted-span scan") && $0.contains(" MB/s ") })
        #expect(lines.contains("quotes found: \(20 * 15); quoted spans in the scan: \(20 * 8)"))
        // The floor under the rules' time, and what the pipeline could reach at that floor.
        #expect(
            lines.contains {
                $0.hasPrefix("rules as run: ") && $0.contains(" ms; the same rules tried only where they match: ")
            })
        #expect(
            lines.contains {
                $0.hasPrefix("the rest of the pipeline: ") && $0.contains(" MB/s, ")
                    && $0.hasSuffix(" % of the ceiling scan")
            })
    }

    @Test func profileListsEveryRuleWithTimeAndMatches() throws {
        let fixture = checkout.appendingPathComponent("Fixtures/harbour-strike.txt").path
        let r = try run(["--profile", "--format", "jsonl", fixture])
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        #expect(header.hasPrefix("rule ") && header.contains(" matches   at starts  file"))
        let quoteRule = try #require(lines.first { $0.hasPrefix("double_straight ") })
        #expect(quoteRule.contains(" quote "))
        // The fixture has no German quotation marks: a rule that never matched is never
        // tried again, so its time where it matches is nothing.
        let idle = try #require(lines.first { $0.hasPrefix("german_low_high ") })
        #expect(idle.split(separator: " ").dropLast().last == "0.0")
        // The row names the file and the line where the rule's id stands.
        let yaml = try String(
            contentsOf: checkout.appendingPathComponent("Patterns/core/quotes.yaml"), encoding: .utf8)
        let idLine = try #require(
            yaml.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.hasSuffix("id: double_straight") })
        #expect(quoteRule.hasSuffix("Patterns/core/quotes.yaml:\(idLine + 1)"))
        #expect(
            lines.last?.hasPrefix("total ") == true
                && lines.last?.contains(" ms over 1 documents: ") == true
                && lines.last?.contains(" tried only where they match), ") == true
                && lines.last?.hasSuffix(" ms in the stages around them") == true)
        // A rule's at_anchor check has its row, with the anchors that passed as its matches.
        let check = try #require(lines.first { $0.hasPrefix("role_before_name at_anchor ") })
        #expect(check.contains(" mention ") && check.hasSuffix("Patterns/en/mentions.yaml:5"))
        // The stages of the pipeline stand among the rules, with their own time.
        for stage in ["quotes", "masking", "sentences", "mentions", "attribution and claims", "entities", "resolution and rows"] {
            #expect(lines.contains { $0.hasPrefix("stage:\(stage) ") && $0.contains(" stage ") }, "\(stage)")
        }
    }

    @Test func evalPrintsTheReferenceLineAndATableByType() throws {
        let dir = try temporaryDirectory()
        let gold = dir.appendingPathComponent("gold.jsonl")
        try
            #"{"id": "g", "text": "\"We will act,\" said Jane Roe.", "quotes": [{"start": 0, "end": 14, "type": "direct", "speaker": "Jane Roe"}]}"#
            .write(to: gold, atomically: true, encoding: .utf8)
        let r = try run(["eval", gold.path])
        #expect(r.status == 0)
        #expect(
            r.stdout.hasPrefix(
                #"{"tp": 1, "fp": 0, "fn": 0, "duplicates": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0, "exact": 1, "speaker_scored": 1, "speaker_correct": 1,"#
            ))
        #expect(r.stdout.contains("direct         1 / 1      1.000    1.000"))
    }
}
