import Foundation
import Testing

let golden = checkout.appendingPathComponent("Tests/CommandTests/Golden")

/// Runs whosaid from the Fixtures folder, so document ids match the golden files.
func runInFixtures(_ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = whosaid
    process.arguments = arguments
    process.currentDirectoryURL = checkout.appendingPathComponent("Fixtures")
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
}

func goldenText(_ name: String) throws -> String {
    try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)
}

@Suite struct GoldenTests {
    @Test func jsonLinesMatchesTheGoldenFileAsParsedValues() throws {
        let r = try runInFixtures(["extract", "--format", "jsonl", "harbour-strike.txt"])
        let parse = { (s: String) in try JSONSerialization.jsonObject(with: Data(s.utf8)) as? NSDictionary }
        #expect(try parse(r.stdout) == parse(goldenText("harbour-strike.jsonl")))
    }

    @Test(arguments: [("csv", "harbour-strike.csv"), ("markdown", "harbour-strike.md")])
    func textFormatsMatchTheGoldenFiles(format: String, file: String) throws {
        let r = try runInFixtures(["extract", "--format", format, "harbour-strike.txt"])
        #expect(r.stdout == (try goldenText(file)))
    }

    @Test func summaryMatchesTheGoldenFile() throws {
        let r = try runInFixtures(["extract", "--summary", "harbour-strike.txt"])
        #expect(r.stdout == (try goldenText("harbour-strike.summary.md")))
    }
}

@Suite struct CSVTests {

    @Test func csvRoundTripsThroughPythonsCSVModule() throws {
        let input =
            #"{"id": "doc, \"one\"\nsecond line", "text": "\"We said no, twice, then left,\" said Zoë Durand-Müller.\n\n\"Yes; and no,\" said Jane Roe."}"#
            + "\n"
        let csv = try run(["--input", "jsonl", "--format", "csv"], input: input)
        let json = try run(["--input", "jsonl", "--format", "jsonl"], input: input)
        #expect(csv.status == 0 && json.status == 0)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = [
            "python3", "-c", "import csv, json, sys; print(json.dumps(list(csv.DictReader(sys.stdin, strict=True))))",
        ]
        let (stdin, stdout) = (Pipe(), Pipe())
        python.standardInput = stdin
        python.standardOutput = stdout
        try python.run()
        stdin.fileHandleForWriting.write(Data(csv.stdout.utf8))
        try stdin.fileHandleForWriting.close()
        let parsed = stdout.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        let rows = try #require(try JSONSerialization.jsonObject(with: parsed) as? [[String: String]])
        let quotes = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["quotes"]
                as? [[String: Any]])
        try #require(rows.count == quotes.count && rows.count == 2)
        for (row, quote) in zip(rows, quotes) {
            #expect(row["document"] == "doc, \"one\"\nsecond line")
            #expect(row["text"] == quote["text"] as? String)
            #expect(row["speaker"] == quote["speaker"] as? String)
            #expect(row["start"] == (quote["start"] as? Int).map(String.init))
        }
        #expect(rows[1]["text"] == "\"Yes; and no,\"")
        #expect(rows[0]["speaker"] == "Zoë Durand-Müller")
    }

    @Test func formulaCellsAreNeutralisedUnlessAskedNot() throws {
        let input = #"{"id": "=cmd|' /C calc'!A0", "text": "\"Fine,\" said Jane Roe."}"# + "\n"
        let safe = try run(["--input", "jsonl", "--format", "csv"], input: input)
        #expect(safe.stdout.contains("\r\n'=cmd|' /C calc'!A0,q1,"))
        let raw = try run(["--input", "jsonl", "--format", "csv", "--no-neutralize-formulas"], input: input)
        #expect(raw.stdout.contains("\r\n=cmd|' /C calc'!A0,q1,"))
    }

    @Test func bomIsWrittenOnRequest() throws {
        let r = try run(["--format", "csv", "--bom"], input: "x")
        #expect(r.stdout.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(r.stdout.dropFirst().hasPrefix("document,id,type,"))
    }
}

@Suite struct HTMLOutputTests {
    @Test func articleTextIsEscapedAndQuotesAreLinkedAndHighlighted() throws {
        let r = try run(
            ["--format", "html"], input: "\"<script>alert('x')</script> & more,\" said Jane Roe.\n\nA <b>bold</b> line."
        )
        #expect(r.status == 0)
        #expect(!r.stdout.contains("<script>alert"))
        #expect(!r.stdout.contains("<b>"))
        #expect(r.stdout.contains("&quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more,&quot;"))
        // The quote links to its row, and the row back to the quote.
        #expect(
            r.stdout.contains(
                ##"<a class="hl" href="#d1-row-q1"><mark id="d1-q1" class="q direct" data-speaker="Jane Roe" data-type="direct" data-via="explicit" data-anonymous="false" style="background:#ffe08a;outline:none" title="q1: Jane Roe · cue: said · direct, via explicit · rule quote_cue_speaker+double_straight">"##
            ))
        #expect(r.stdout.contains(##"<td><a href="#d1-q1">q1</a></td>"##))
        // The speaker's name stands next to the quote, so a printout carries it.
        #expect(r.stdout.contains(#"<sup class="who" data-speaker="Jane Roe""#))
        #expect(r.stdout.contains(#">Jane Roe</sup>"#))
        // No network: nothing is fetched.
        #expect(!r.stdout.contains("http"))
        #expect(!r.stdout.contains("src="))
    }

    @Test func htmlInputDropsScriptsAndNavigation() throws {
        let dir = try temporaryDirectory()
        let page = dir.appendingPathComponent("story.html")
        try """
        <html><head><script>var s = "“Fake,” said Nobody.";</script></head><body>
        <nav>“Menu,” said Nav Bar.</nav><p>&ldquo;We will act,&rdquo; said Jane&nbsp;Roe.</p></body></html>
        """.write(to: page, atomically: true, encoding: .utf8)
        let r = try run(["--format", "jsonl", "--include-text", page.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["text"] as? String == "“We will act,” said Jane Roe.")
        let quotes = try #require(object["quotes"] as? [[String: Any]])
        #expect(quotes.count == 1)
        #expect(quotes.first?["speaker"] as? String == "Jane Roe")
    }
}

@Suite struct ManyFilesTests {
    @Test func oneBadFileAmongGoodOnesIsReportedAndTheRestProcessedInOrder() throws {
        let dir = try temporaryDirectory()
        try "\"First,\" said Jane Roe.".write(
            to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2]).write(to: dir.appendingPathComponent("b.txt"))
        try "\"Third,\" said Henrik Lindqvist.".write(
            to: dir.appendingPathComponent("c.md"), atomically: true, encoding: .utf8)
        let r = try run(["--format", "jsonl", "--jobs", "2", dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("b.txt: looks like a binary file, not text; skipped"))
        let ids = r.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
        }.map { ($0 as NSString).lastPathComponent }
        #expect(ids == ["a.txt", "b.txt", "c.md"])
    }

    @Test func oneJobAndTwoJobsGiveTheSameOutput() throws {
        let dir = try temporaryDirectory()
        let article = try String(
            contentsOf: checkout.appendingPathComponent("Fixtures/harbour-strike.txt"), encoding: .utf8)
        for i in 0..<40 {
            try article.write(
                to: dir.appendingPathComponent(String(format: "%03d.txt", i)), atomically: true, encoding: .utf8)
        }
        let one = try run(["--format", "csv", "--jobs", "1", dir.path])
        let two = try run(["--format", "csv", "--jobs", "2", dir.path])
        #expect(one.status == 0 && one.stdout == two.stdout)
        let single = try run(["--format", "csv", checkout.appendingPathComponent("Fixtures/harbour-strike.txt").path])
        let rowsPerArticle = single.stdout.split(separator: "\r\n").count - 1
        #expect(rowsPerArticle > 10)
        #expect(one.stdout.split(separator: "\r\n").count == 1 + 40 * rowsPerArticle)
    }

    @Test func outputFileIsWrittenWhole() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("quotes.csv")
        let r = try run(["--format", "csv", "--output", out.path], input: "\"Yes,\" said Jane Roe.")
        #expect(r.status == 0 && r.stdout.isEmpty)
        #expect(try String(contentsOf: out, encoding: .utf8).contains("Jane Roe"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["quotes.csv"])
    }

    @Test func interruptedRunLeavesTheOldOutputFileAndNoTemporaryFile() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("quotes.jsonl")
        try "previous results\n".write(to: out, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = whosaid
        process.arguments = ["--input", "jsonl", "--format", "jsonl", "--output", out.path]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Some records, then the input stays open: the run is interrupted mid-way.
        let records = String(repeating: #"{"id": "x", "text": "\"Yes,\" said Jane Roe."}"# + "\n", count: 200)
        try stdin.fileHandleForWriting.write(contentsOf: Data(records.utf8))
        // Interrupt it once its temporary file exists, i.e. mid-way through writing.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try? FileManager.default.contentsOfDirectory(atPath: dir.path).count) ?? 0 < 2 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(try String(contentsOf: out, encoding: .utf8) == "previous results\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["quotes.jsonl"])
    }

    @Test func closedPipeEndsQuietly() throws {
        let dir = try temporaryDirectory()
        let article = try String(
            contentsOf: checkout.appendingPathComponent("Fixtures/harbour-strike.txt"), encoding: .utf8)
        for i in 0..<300 {
            try article.write(to: dir.appendingPathComponent("\(i).txt"), atomically: true, encoding: .utf8)
        }
        let text = try shell("'\(whosaid.path)' --format csv '\(dir.path)' 2>&1 | head -n 2")
        #expect(text.split(separator: "\r\n").count == 2)
        #expect(!text.contains("Error"))
        #expect(!text.lowercased().contains("broken pipe"))
    }
}
