import ArgumentParser
import Foundation
import Inputs
import Reporters
import WhoSaid

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract the quotes of articles, files or folders (standard input when none is given).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, csv, json, jsonl, html
    }

    @Argument(
        help:
            "Articles: text, Markdown, HTML or JSON Lines files, or folders of them (searched recursively); - for standard input."
    )
    var paths: [String] = []

    @Option(help: "Output format; by default the extension of -o (.csv, .md, .json, .jsonl, .html), else markdown.")
    var format: Format?

    @Option(help: "How to read inputs; auto goes by file extension.")
    var input: InputKind = .auto

    @Option(name: [.short, .long], help: "Write to this file, atomically, instead of standard output.")
    var output: String?

    @Option(help: "Worker threads; all cores by default.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(
        help:
            "Per-speaker counts (quotes by type, first and last paragraph) instead of the quotes, per document and over the whole run; Markdown, CSV or JSON."
    )
    var summary = false

    @Flag(help: "CSV: start with the byte-order mark Excel needs to read UTF-8.")
    var bom = false

    @Flag(inversion: .prefixedNo, help: "CSV: prefix cells that a spreadsheet would run as formulas with '.")
    var neutralizeFormulas = true

    @Flag(
        help:
            "JSON and JSON Lines: include each document's text (for HTML input, the extracted text the offsets refer to)."
    )
    var includeText = false

    @Flag(help: "Print time and matches per rule on standard error, slowest first.")
    var profile = false

    @OptionGroup var pack: PackOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var reading: ReadingOptions

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if summary && !(chosenFormat == .markdown || chosenFormat == .csv || chosenFormat == .json) {
            throw ValidationError("--summary writes Markdown, CSV or JSON")
        }
    }

    /// The format asked for, or the one `-o`'s extension names, or Markdown.
    var chosenFormat: Format {
        if let format { return format }
        switch output.map({ ($0 as NSString).pathExtension.lowercased() }) {
        case "csv": return .csv
        case "json": return .json
        case "jsonl", "ndjson": return .jsonl
        case "html", "htm": return .html
        default: return .markdown
        }
    }

    /// Options the chosen format does not use, named so that nobody waits for them.
    var ignoredOptions: [String] {
        let format = chosenFormat
        var ignored: [String] = []
        if bom && format != .csv { ignored.append("--bom (CSV only)") }
        if !neutralizeFormulas && format != .csv { ignored.append("--no-neutralize-formulas (CSV only)") }
        if includeText && format != .json && format != .jsonl { ignored.append("--include-text (JSON and JSON Lines only)") }
        return ignored
    }

    func run() throws {
        let format = chosenFormat
        for option in ignoredOptions { Console.error("whosaid: warning: \(option) has no effect with --format \(format.rawValue)") }
        var batch = Batch(engine: try SupervisedEngine(workers: jobs, pack: pack, options: limits.arguments + reading.arguments), jobs: jobs)
        batch.profiling = profile
        let sink = try OutputSink(path: output)
        let writer = ReportWriter(
            format: format, summary: summary, bom: bom, neutralizeFormulas: neutralizeFormulas,
            includeText: includeText,
            headings: paths.count > 1 || paths.contains { isFolder($0) }
                || input == .jsonl || paths.contains { InputKind.guess($0) == .jsonl })
        let progress = Progress(paths: InputReader.expand(paths.isEmpty ? ["-"] : paths).map(\.path))
        var failed = false
        var profiles: [[String: RuleStat]] = []
        sink.write(writer.header())
        try batch.run(
            InputReader.records(paths.isEmpty ? ["-"] : paths, kind: input),
            document: { record in
                record.error == nil ? Document(id: record.id, text: record.text, language: record.language) : nil
            },
            emit: { record, result in
                if let error = record.error ?? result?.failure {
                    Console.error("whosaid: \(record.id): \(error)")
                    failed = true
                }
                if let warning = record.warning { Console.error("whosaid: warning: \(record.id): \(warning)") }
                for warning in result?.warnings ?? [] { Console.error("whosaid: warning: \(warning)") }
                if let p = result?.profile { profiles.append(p) }
                try writer.document(record, result) { sink.write($0) }
                progress.advance(
                    bytes: record.text.utf8.count, rows: result?.rowCount ?? 0,
                    failed: record.error != nil || result?.failure != nil)
            })
        sink.write(writer.footer())
        progress.finish()
        try sink.finish()
        if profile { Console.error(ProfileReport.table(profiles)) }
        if failed { throw ExitCode(2) }
    }

    private func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

}

extension InputKind: ExpressibleByArgument {}
