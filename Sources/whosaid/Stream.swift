import ArgumentParser
import Foundation
import Inputs
import PCRE2
import Reporters
import WhoSaid

/// The mode distributed engines call (Spark's `RDD.pipe`, `xargs`, any pipeline): JSON
/// Lines in, JSON Lines out, exactly one output line per input line, in order, each
/// written as soon as its record is done.
struct Stream: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Read {\"id\", \"text\"} records on standard input and write one result line per input line, flushed per record."
    )

    @Flag(help: "Include each record's text in its output line.")
    var includeText = false

    @OptionGroup var pack: PackOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var reading: ReadingOptions

    func run() throws {
        let engine = try SupervisedEngine(workers: 1, pack: pack, options: limits.arguments + reading.arguments)
        signal(SIGPIPE, SIG_IGN)
        guard let lines = LineReader(path: "-", blockSize: 1 << 16) else { return }
        var number = 0
        for line in lines {
            number += 1
            // A blank or malformed line still gets its line, with an error, so that every
            // later record stays aligned with its input.
            let record =
                JSONLines.record(line, source: "stdin", line: number)
                ?? InputRecord(id: "stdin:\(number)", text: "", error: "line \(number): blank line")
            let result =
                record.error == nil
                ? engine.extract(
                    [Document(id: record.id, text: record.text, language: record.language)], workers: 1,
                    profiling: false)[0] : nil
            for warning in result?.warnings ?? [] { Console.error("whosaid: warning: \(warning)") }
            let error = record.error ?? result?.failure
            if let failure = result?.failure { Console.error("whosaid: \(record.id): \(failure)") }
            // The line is written whole, so a pipe never sees part of a record.
            var out = ""
            try JSONReporter.write(
                id: record.id, error: error, text: includeText && error == nil ? record.text : nil,
                batches: { body in try result?.forEachBatch(body) }, to: { out += $0 })
            Self.write(out + "\n")
        }
    }

    /// Writes one line now; a closed pipe ends the program quietly.
    static func write(_ text: String) {
        do { try Frame.writeAll(Array(text.utf8), to: 1) } catch { Foundation.exit(0) }
    }
}
