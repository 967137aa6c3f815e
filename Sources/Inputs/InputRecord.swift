import Foundation
import HTMLText

/// One article to process, or a record that could not be read. A failed record is kept,
/// so that JSON Lines output keeps one line per input line and the failure is reported
/// in its place.
public struct InputRecord: Sendable {
    public let id: String
    public let text: String
    /// Why the record could not be read; `text` is empty then.
    public let error: String?
    /// Something the reader repaired (invalid UTF-8, say), reported once per record.
    public let warning: String?
    /// The language the record says it is in (a JSON Lines record's `"lang"`), if any.
    public let language: String?

    public init(id: String, text: String, error: String? = nil, warning: String? = nil, language: String? = nil) {
        self.id = id
        self.text = text
        self.error = error
        self.warning = warning
        self.language = language
    }
}

/// How to read an input.
public enum InputKind: String, Sendable, CaseIterable {
    /// By file extension: `.jsonl`/`.ndjson` JSON Lines, `.html`/`.htm` HTML, `.md` Markdown,
    /// anything else text.
    case auto
    case text
    case jsonl
    case html
    case markdown

    /// The kind `auto` picks for a path.
    public static func guess(_ path: String) -> InputKind {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "jsonl", "ndjson": return .jsonl
        case "html", "htm", "xhtml": return .html
        case "md", "markdown": return .markdown
        default: return .text
        }
    }
}

/// Turns the bytes of a file into text.
///
/// Policy: a UTF-8 byte-order mark is kept, so that offsets are the file's as it is on
/// disk (rules read it as blanks, see `Document`); UTF-16 with a byte-order mark is decoded
/// (offsets then refer to the UTF-8 text);
/// invalid UTF-8 is replaced by U+FFFD with one warning per file (offsets then refer to
/// the repaired text); a file that looks binary (NUL bytes or mostly control characters
/// in its first 8 KiB) is refused.
public enum TextDecoding {
    public static func decode(_ bytes: [UInt8]) -> (text: String, warning: String?, error: String?) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return decodeUTF8(bytes[...]) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (utf16(bytes.dropFirst(2), littleEndian: true), nil, nil) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (utf16(bytes.dropFirst(2), littleEndian: false), nil, nil) }
        if looksBinary(bytes) { return ("", nil, "looks like a binary file, not text; skipped") }
        return decodeUTF8(bytes[...])
    }

    static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> (text: String, warning: String?, error: String?) {
        let text = String(decoding: bytes, as: UTF8.self)
        let repaired = !text.utf8.elementsEqual(bytes)
        return (text, repaired ? "invalid UTF-8 replaced by U+FFFD; offsets refer to the repaired text" : nil, nil)
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(8192)
        guard !head.isEmpty else { return false }
        if head.contains(0) { return true }
        let control = head.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }.count
        return control * 10 > head.count
    }
}
