import Foundation
import HTMLText
import MarkdownText

/// Reads articles from files, folders (recursively), standard input and JSON Lines.
public enum InputReader {
    /// File extensions a folder is searched for.
    public static let articleExtensions: Set<String> = ["txt", "md", "html", "htm", "jsonl", "ndjson"]

    /// The files to read for `paths`: files as given, folders searched recursively for
    /// articles in natural name order (`article-2` before `article-10`), hidden files and
    /// folders left out and each file read once however many links lead to it, `-` for
    /// standard input. A path that does not exist, or a folder with no articles, is
    /// returned with an error, in its place.
    public static func expand(_ paths: [String]) -> [(path: String, error: String?)] {
        var result: [(String, String?)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if path == "-" {
                result.append((path, nil))
            } else if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                result.append((path, "no such file or folder"))
            } else if isDirectory.boolValue {
                var seen = Set<String>()
                let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                    .filter { relative in
                        articleExtensions.contains((relative as NSString).pathExtension.lowercased())
                            && !relative.split(separator: "/").contains { $0.hasPrefix(".") }
                    }
                    .sorted { $0.compare($1, options: [.numeric, .caseInsensitive]) == .orderedAscending }
                    .map { (path as NSString).appendingPathComponent($0) }
                    .filter { file in
                        let real = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
                        return seen.insert(real).inserted
                    }
                if found.isEmpty {
                    result.append((path, "no articles (.txt, .md, .html, .jsonl files) in this folder"))
                }
                result += found.map { ($0, nil) }
            } else {
                result.append((path, nil))
            }
        }
        return result
    }

    /// Every record of every path (files, folders, `-`), lazily, in order; a path that
    /// cannot be read gives one record with the error, in its place.
    public static func records(_ paths: [String], kind: InputKind) -> AnySequence<InputRecord> {
        AnySequence(
            expand(paths).lazy.flatMap { file -> AnySequence<InputRecord> in
                if let error = file.error { return AnySequence([InputRecord(id: file.path, text: "", error: error)]) }
                return records(path: file.path, kind: kind)
            })
    }

    /// The records of one file (or `-` for standard input). JSON Lines are read line by
    /// line as the sequence is walked, one record per non-blank line; other files are
    /// read whole and give one record.
    public static func records(path: String, kind: InputKind) -> AnySequence<InputRecord> {
        let resolved = kind == .auto ? (path == "-" ? .text : InputKind.guess(path)) : kind
        let failed = AnySequence([
            InputRecord(id: path == "-" ? "stdin" : path, text: "", error: "cannot read the file")
        ])
        if resolved == .jsonl {
            guard let lines = LineReader(path: path) else { return failed }
            return AnySequence(
                lines.enumerated().lazy.compactMap { n, line in JSONLines.record(line, source: path, line: n + 1) })
        }
        let name = path == "-" ? "stdin" : path
        guard let data = read(path) else { return failed }
        if resolved == .html { return AnySequence([InputRecord(id: name, text: HTMLText.extract(data))]) }
        let (text, warning, error) = TextDecoding.decode(data)
        // Markdown: markup read as blanks, so offsets stay the file's.
        let readable = resolved == .markdown && error == nil ? MarkdownText.readable(text) : text
        return AnySequence([InputRecord(id: name, text: readable, error: error, warning: warning)])
    }

    /// The whole file (or standard input), read with plain `read(2)` calls.
    static func read(_ path: String) -> [UInt8]? {
        let fd = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { if fd != 0 { close(fd) } }
        var bytes: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = block.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { return bytes }
            bytes.append(contentsOf: block[0..<n])
        }
    }
}

/// JSON Lines records: `{"id": …, "text": …}` per line.
public enum JSONLines {
    /// The record of one line, or nil for a blank line. A line that is not a JSON object
    /// with a `text` string gives a record with an error, named `source:line`.
    public static func record<Bytes: Collection>(_ line: Bytes, source: String, line number: Int) -> InputRecord?
    where Bytes.Element == UInt8 {
        if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) {
            return nil
        }
        let fallbackID = "\(source):\(number)"
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            return InputRecord(id: fallbackID, text: "", error: "line \(number): not a JSON object")
        }
        let id: String
        switch object["id"] {
        case let s as String: id = s
        case let n as NSNumber: id = n.stringValue
        default: id = fallbackID
        }
        guard let text = object["text"] as? String else {
            return InputRecord(id: id, text: "", error: "line \(number): no \"text\" string")
        }
        return InputRecord(id: id, text: text, language: object["lang"] as? String)
    }
}
