import Foundation
import Testing

/// Reads one line from a pipe, waiting at most `seconds`.
func readLine(_ handle: FileHandle, within seconds: Double) -> String? {
    var bytes: [UInt8] = []
    let deadline = Date().addingTimeInterval(seconds)
    var poller = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
    while Date() < deadline {
        guard poll(&poller, 1, 50) > 0 else { continue }
        var byte: UInt8 = 0
        guard read(handle.fileDescriptor, &byte, 1) == 1 else { return nil }
        if byte == 10 { return String(decoding: bytes, as: UTF8.self) }
        bytes.append(byte)
    }
    return nil
}

@Suite struct StreamTests {
    @Test func eachResultArrivesBeforeTheNextRecordIsSent() throws {
        let process = Process()
        process.executableURL = whosaid
        process.arguments = ["stream"]
        let (stdin, stdout) = (Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        for (i, text) in ["\\\"Yes,\\\" said Jane Roe.", "Kim said it rained.", "Nothing here."].enumerated() {
            try stdin.fileHandleForWriting.write(contentsOf: Data("{\"id\": \"r\(i)\", \"text\": \"\(text)\"}\n".utf8))
            let line = try #require(readLine(stdout.fileHandleForReading, within: 10), "no result for record \(i)")
            #expect(line.hasPrefix("{\"id\":\"r\(i)\""))
        }
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func everyInputLineGetsOneOutputLineInOrder() throws {
        let input = """
            {"id": "a", "text": "\\"Yes,\\" said Jane Roe."}
            {"id": "b", "text": broken

            ["not", "an", "object"]
            {"id": "e", "text": "Critics say it failed."}
            {"text": "no id here, said Kim."}
            """
        let r = try run(["stream"], input: input)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 6)
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.map { $0["id"] as? String } == ["a", "stdin:2", "stdin:3", "stdin:4", "e", "stdin:6"])
        #expect(
            objects.map { $0["error"] as? String } == [
                nil, "line 2: not a JSON object", "line 3: blank line",
                "line 4: not a JSON object", nil, nil,
            ])
        #expect(((objects[4]["quotes"] as? [[String: Any]])?.first?["speaker"] as? String) == "Critics")
    }

    @Test func closedPipeEndsQuietly() throws {
        let records = String(repeating: #"{"id": "x", "text": "\"Yes,\" said Jane Roe."}"# + "\n", count: 5000)
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("in.jsonl")
        try records.write(to: file, atomically: true, encoding: .utf8)
        let text = try shell("'\(whosaid.path)' stream < '\(file.path)' 2>&1 | head -n 3")
        #expect(text.split(separator: "\n").count == 3)
        #expect(!text.contains("rror"))
    }
}
