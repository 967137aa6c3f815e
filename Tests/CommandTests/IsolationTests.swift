import Foundation
import Testing

/// The engine runs in supervised worker processes: a document it dies on gets an error
/// and every other document comes out exactly as in a run without the fault.
@Suite struct IsolationTests {
    static let records =
        ["a", "b", "c", "d", "e"].map { id in
            "{\"id\": \"\(id)\", \"text\": \"\\\"We will act,\\\" said Kim Lee of \(id). Lee added that it was late.\"}"
        }.joined(separator: "\n") + "\n"
    static let trapOnC = ["WHOSAID_FAILPOINT": "trap@c"]

    func lines(_ text: String) -> [String] { text.split(whereSeparator: \.isNewline).map(String.init) }

    func assertOnlyCFailed(_ faulty: [String], _ clean: [String]) throws {
        try #require(faulty.count == 5 && clean.count == 5)
        for i in [0, 1, 3, 4] { #expect(faulty[i] == clean[i]) }
        let c = try #require(try JSONSerialization.jsonObject(with: Data(faulty[2].utf8)) as? [String: Any])
        #expect(c["id"] as? String == "c")
        #expect((c["error"] as? String)?.contains("killed by signal") == true)
        #expect((c["quotes"] as? [Any])?.isEmpty == true)
    }

    @Test func streamAnswersEveryRecordWhenTheEngineTrapsOnOne() throws {
        let clean = try run(["stream"], input: Self.records)
        let faulty = try run(["stream"], input: Self.records, environment: Self.trapOnC)
        #expect(clean.status == 0 && faulty.status == 0)
        #expect(lines(clean.stdout).allSatisfy { $0.contains("\"speaker\":\"Kim Lee\"") })
        try assertOnlyCFailed(lines(faulty.stdout), lines(clean.stdout))
        #expect(faulty.stderr.contains("c: the engine failed on it: the worker was killed by signal"))
    }

    @Test(arguments: ["1", "2"])
    func extractGivesEveryOtherRecordAndExitStatus2(jobs: String) throws {
        let arguments = ["extract", "--input", "jsonl", "--format", "jsonl", "--jobs", jobs]
        let clean = try run(arguments, input: Self.records)
        let faulty = try run(arguments, input: Self.records, environment: Self.trapOnC)
        #expect(clean.status == 0)
        #expect(faulty.status == 2)
        try assertOnlyCFailed(lines(faulty.stdout), lines(clean.stdout))
    }

    @Test func csvLeavesOutTheFailedDocumentAndNamesItOnStandardError() throws {
        let arguments = ["extract", "--input", "jsonl", "--format", "csv"]
        let clean = try run(arguments, input: Self.records)
        let faulty = try run(arguments, input: Self.records, environment: Self.trapOnC)
        #expect(faulty.status == 2)
        #expect(lines(faulty.stdout) == lines(clean.stdout).filter { !$0.hasPrefix("c,") })
        #expect(faulty.stderr.contains("whosaid: c: the engine failed on it"))
    }

    @Test func anOutputFileIsWholeAndNoTemporaryFileIsLeft() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out.jsonl").path
        let faulty = try run(
            ["extract", "--input", "jsonl", "--format", "jsonl", "-o", output], input: Self.records,
            environment: Self.trapOnC)
        #expect(faulty.status == 2)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(lines(written).count == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.jsonl"])
    }

    @Test func aBrokenPackIsStillOneErrorFromTheCommand() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "version: 1\nrules:\n  - id: broken\n    kind: claim\n    description: x\n    pattern: '(unclosed'\n"
            .write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let r = try run(["extract", "--patterns", directory.path], input: "Kim said it rained.")
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.yaml:"))
        #expect(r.stderr.contains("broken"))
        #expect(r.stdout.isEmpty)
    }

    /// A record of 20,000 quotes: its rows leave the worker in batches, more than the
    /// command keeps in memory, so they wait in a temporary file until their turn.
    static let manyQuotes: String = {
        let text = String(repeating: "\\\"Go now,\\\" Kim said.\\n\\\"Stay,\\\" Lee said.\\n", count: 10_000)
        return ["a", "b", "c"].map { "{\"id\": \"\($0)\", \"text\": \"\(text)\"}" }.joined(separator: "\n") + "\n"
    }()

    @Test func rowsSetAsideOnDiskComeBackWholeInOrderAndLeaveNoFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let r = try run(
            ["extract", "--input", "jsonl", "--format", "csv", "--jobs", "1"], input: Self.manyQuotes,
            environment: ["TMPDIR": directory.path])
        #expect(r.status == 0)
        let rows = lines(r.stdout).dropFirst()
        #expect(rows.count == 60_000)
        let b = rows.filter { $0.hasPrefix("b,") }
        #expect(b.count == 20_000)
        #expect(b.first?.hasPrefix("b,q1,direct,") == true)
        #expect(b.last?.hasPrefix("b,q20000,direct,") == true)
        #expect(b.last?.contains(",Lee,") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func aWorkerThatDiesAfterSendingRowsLeavesNoneOfThem() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["extract", "--input", "jsonl", "--format", "jsonl", "--jobs", "1"]
        let clean = try run(arguments, input: Self.manyQuotes)
        let faulty = try run(
            arguments, input: Self.manyQuotes,
            environment: ["WHOSAID_FAILPOINT": "trap-late@b", "TMPDIR": directory.path])
        #expect(faulty.status == 2)
        let (cleanLines, faultyLines) = (lines(clean.stdout), lines(faulty.stdout))
        try #require(cleanLines.count == 3 && faultyLines.count == 3)
        #expect(faultyLines[0] == cleanLines[0] && faultyLines[2] == cleanLines[2])
        #expect(
            faultyLines[1].hasPrefix(
                "{\"id\":\"b\",\"error\":\"the engine failed on it: the worker was killed by signal"))
        #expect(faultyLines[1].hasSuffix("\"quotes\":[]}"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
