private import CCmark

/// The readable text of a Markdown article, as a length-preserving rewrite of the file:
/// markup (emphasis marks, link targets, heading and list markers, `>` quote marks, HTML)
/// becomes blanks, and the words stay where they are, so every offset WhoSaid reports is
/// an offset into the Markdown file as it is on disk.
///
/// The parsing is libcmark's: each block's source position and each inline text's
/// literal, found in order within its block, tell words from markup.
///
/// ```swift
/// MarkdownText.readable("**Kim** said [it](https://x.org).")  // "  Kim   said  it                 ."
/// ```
public enum MarkdownText {
    public static func readable(_ markdown: String) -> String {
        var bytes = Array(markdown.utf8)
        guard !bytes.isEmpty else { return markdown }
        var keep = [Bool](repeating: false, count: bytes.count)
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
        let length = bytes.count
        guard let root = markdown.withCString({ cmark_parse_document($0, length, CMARK_OPT_SOURCEPOS) }) else {
            return markdown
        }
        defer { cmark_node_free(root) }

        /// The byte offset of a 1-based line and column, clamped to the text.
        func offset(line: Int32, column: Int32) -> Int {
            let l = Int(line) - 1
            guard l >= 0, l < lineStarts.count else { return l < 0 ? 0 : bytes.count }
            return min(bytes.count, lineStarts[l] + max(0, Int(column) - 1))
        }

        var cursor = 0
        var blockEnd = bytes.count
        /// Keeps the first occurrence of `literal` at or after `from` (and before `end`),
        /// and moves the cursor past it; a literal that is not found (an entity, an escape)
        /// is left out.
        func mark(_ literal: [UInt8], from start: Int, before end: Int) {
            guard !literal.isEmpty, start < end, end <= bytes.count else { return }
            var i = start
            let last = end - literal.count
            while i <= last {
                if bytes[i] == literal[0], bytes[i..<(i + literal.count)].elementsEqual(literal) {
                    for k in i..<(i + literal.count) { keep[k] = true }
                    cursor = i + literal.count
                    return
                }
                i += 1
            }
        }

        // Walk the tree; inside each leaf block, find each text literal after the last.
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                cursor = offset(line: cmark_node_get_start_line(node), column: cmark_node_get_start_column(node))
                blockEnd = offset(line: cmark_node_get_end_line(node), column: cmark_node_get_end_column(node) + 1)
            case CMARK_NODE_CODE_BLOCK:
                // Code is kept as written, fences and all but the fence lines' marks.
                let start = offset(line: cmark_node_get_start_line(node), column: cmark_node_get_start_column(node))
                let end = offset(line: cmark_node_get_end_line(node), column: cmark_node_get_end_column(node) + 1)
                if let literal = cmark_node_get_literal(node) {
                    mark(Array(String(cString: literal).utf8), from: start, before: end)
                }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) {
                    mark(Array(String(cString: literal).utf8), from: cursor, before: blockEnd)
                }
            default:
                break
            }
        }

        // Markup is ASCII; a character outside ASCII that is not a word's (in raw HTML, say)
        // stays as it is, so that code point offsets stay the file's too.
        for i in bytes.indices where !keep[i] && bytes[i] < 0x80 && bytes[i] != UInt8(ascii: "\n") && bytes[i] != UInt8(ascii: "\r") {
            bytes[i] = UInt8(ascii: " ")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
