import ArgumentParser
import Foundation
import PCRE2
import Reporters
import WhoSaid

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract the quotes of articles (standard input when no file is given).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, csv, json, jsonl
    }

    enum InputKind: String, ExpressibleByArgument, CaseIterable {
        case auto, text, jsonl
    }

    @Argument(help: "Article files: plain text, or JSON Lines of {\"id\", \"text\"} records.")
    var files: [String] = []

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .markdown

    @Option(help: "Input format: auto (by file extension), text, or jsonl.")
    var input: InputKind = .auto

    @Flag(help: "Print time and matches per rule on standard error, slowest first.")
    var profile = false

    @OptionGroup var pack: PackOptions

    func run() throws {
        let extractor = Extractor(rules: try pack.load())
        var failed = false
        var sources: [(String, InputKind)] = files.map { ($0, input) }
        if sources.isEmpty { sources = [("-", input)] }
        var documents: [DocumentInput] = []
        for (path, kind) in sources {
            do {
                documents += try DocumentInput.read(path: path, kind: kind)
            } catch {
                Console.error("whosaid: \(path): \(error)")
                failed = true
            }
        }
        let results = Processor.run(documents, extractor: extractor, profiling: profile)
        let output = Console.Output()
        if format == .csv { output.write(CSVReporter.header) }
        if format == .json { output.write("[") }
        for (i, (doc, result)) in zip(documents, results).enumerated() {
            if let error = doc.error { Console.error("whosaid: \(doc.id): \(error)"); failed = true }
            for warning in result?.warnings ?? [] { Console.error("whosaid: warning: \(warning)") }
            if result?.document.hadInvalidUTF8 == true {
                Console.error("whosaid: warning: \(doc.id): invalid UTF-8 replaced by U+FFFD; offsets refer to the repaired text")
            }
            let quotes = result?.quotes ?? []
            switch format {
            case .jsonl: output.write(JSONReporter.line(id: doc.id, quotes: quotes, error: doc.error) + "\n")
            case .json: output.write((i > 0 ? ",\n" : "\n") + JSONReporter.line(id: doc.id, quotes: quotes, error: doc.error))
            case .csv: output.write(CSVReporter.rows(document: doc.id, quotes: quotes))
            case .markdown:
                if doc.error == nil {
                    if i > 0 { output.write("\n") }
                    output.write(MarkdownReporter.table(heading: documents.count > 1 ? doc.id : nil, quotes: quotes))
                }
            }
        }
        if format == .json { output.write("\n]\n") }
        output.flush()
        if profile { Console.error(ProfileReport.table(results.compactMap(\.?.profile), rules: extractor.rules)) }
        if failed { throw ExitCode(2) }
    }
}

/// One document to process, or a record that could not be read (kept so that JSON Lines
/// output keeps one line per input line).
struct DocumentInput {
    let id: String
    let text: String?
    let bytes: [UInt8]?
    let error: String?

    static func read(path: String, kind: Extract.InputKind) throws -> [DocumentInput] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ValidationFailure("cannot read the file")
            }
            data = contents
        }
        let isJSONL = kind == .jsonl || (kind == .auto && (path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")))
        guard isJSONL else {
            let name = path == "-" ? "stdin" : (path as NSString).lastPathComponent
            return [DocumentInput(id: name, text: nil, bytes: [UInt8](data), error: nil)]
        }
        var result: [DocumentInput] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) { continue }
            result.append(record(Data(line), path: path, line: lineNumber))
        }
        return result
    }

    private static func record(_ line: Data, path: String, line number: Int) -> DocumentInput {
        let fallbackID = "\(path):\(number)"
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            return DocumentInput(id: fallbackID, text: nil, bytes: nil, error: "line \(number): not a JSON object")
        }
        let id: String
        switch object["id"] {
        case let s as String: id = s
        case let n as NSNumber: id = n.stringValue
        default: id = fallbackID
        }
        guard let text = object["text"] as? String else {
            return DocumentInput(id: id, text: nil, bytes: nil, error: "line \(number): no \"text\" string")
        }
        return DocumentInput(id: id, text: text, bytes: nil, error: nil)
    }
}

/// Runs the extractor over documents on all cores; results keep the input order.
enum Processor {
    static func run(_ documents: [DocumentInput], extractor: Extractor, profiling: Bool = false) -> [ExtractionResult?] {
        let results = ResultBox(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: documents.count) { i in
            let input = documents[i]
            guard input.error == nil else { return }
            let document: Document
            if let text = input.text {
                document = Document(id: input.id, text: text)
            } else {
                document = Document(id: input.id, utf8: input.bytes ?? [])
            }
            results.set(i, extractor.extract(document, scratch: ScratchPool.current, profiling: profiling))
        }
        return results.values
    }
}

/// Results written by many threads, each to its own slot.
final class ResultBox: @unchecked Sendable {
    private var storage: [ExtractionResult?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: ExtractionResult) { lock.withLock { storage[i] = value } }
    var values: [ExtractionResult?] { lock.withLock { storage } }
}

/// One match scratch per thread, reused for every document that thread processes.
enum ScratchPool {
    static var current: MatchScratch {
        let key = "whosaid.scratch"
        if let scratch = Thread.current.threadDictionary[key] as? MatchScratch { return scratch }
        let scratch = MatchScratch()
        Thread.current.threadDictionary[key] = scratch
        return scratch
    }
}
