private import CLibXML2

/// The readable text of an HTML article, parsed with libxml2's HTML parser (which
/// recovers from broken markup): scripts, styles, navigation and other page furniture
/// are dropped, block elements become paragraphs separated by blank lines, entities are
/// decoded, and runs of blanks inside a paragraph become one space.
///
/// ```swift
/// HTMLText.extract(Array("<p>“Yes,” she said.</p><script>x()</script><p>Next &amp; last</p>".utf8))
/// // "“Yes,” she said.\n\nNext & last"
/// ```
public enum HTMLText {
    /// Elements whose content is never article text.
    static let dropped: Set<String> = [
        "script", "style", "nav", "noscript", "template", "iframe", "svg", "form",
        "button", "select", "head", "aside", "footer", "header", "menu", "object",
        "canvas", "video", "audio", "figure",
    ]
    /// Elements that end a paragraph.
    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
        "article", "section", "main", "br", "tr", "table", "pre", "dd", "dt", "dl",
        "figcaption", "hr", "address", "body", "title",
    ]

    public static func extract(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", cxml_html_options())
            }
        }
        guard let document else { return "" }
        defer { xmlFreeDoc(document) }
        var builder = ParagraphBuilder()
        if let root = xmlDocGetRootElement(document) { walk(root, into: &builder) }
        return builder.finish()
    }

    private static func walk(_ first: xmlNodePtr, into builder: inout ParagraphBuilder) {
        var node: xmlNodePtr? = first
        while let current = node {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { builder.append(String(cString: content)) }
            case XML_ELEMENT_NODE:
                let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                if !dropped.contains(name) {
                    let isBlock = blocks.contains(name)
                    if isBlock { builder.endParagraph() }
                    if let child = current.pointee.children { walk(child, into: &builder) }
                    if isBlock { builder.endParagraph() }
                }
            default:
                break
            }
            node = current.pointee.next
        }
    }
}

/// Collects text into paragraphs, collapsing blanks.
struct ParagraphBuilder {
    private var paragraphs: [String] = []
    private var current = ""
    private var pendingSpace = false

    mutating func append(_ text: String) {
        for c in text {
            if c.isWhitespace {
                pendingSpace = !current.isEmpty
            } else {
                if pendingSpace { current.append(" ") }
                pendingSpace = false
                current.append(c)
            }
        }
    }

    mutating func endParagraph() {
        if !current.isEmpty { paragraphs.append(current) }
        current = ""
        pendingSpace = false
    }

    mutating func finish() -> String {
        endParagraph()
        return paragraphs.joined(separator: "\n\n")
    }
}
