private import CLibXML2

/// The readable text of an HTML article, parsed with libxml2's HTML parser (which
/// recovers from broken markup): the story, not the page. When the page marks its story
/// (`itemprop="articleBody"`, `<article>`, `<main>`, `role="main"`, or a class or id such as
/// `article-body`, `story-body`, `entry-content`), only that part is read, after the
/// page's headline; reader comments, ads, promos, related-story lists, share and
/// newsletter widgets, cookie banners and hidden elements are dropped by tag and by the
/// usual class and id names, the way boilerplate removers do. Scripts, styles and
/// navigation are dropped, block elements become paragraphs separated by blank lines,
/// entities are decoded, and runs of blanks inside a paragraph become one space.
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
        "canvas", "video", "audio", "figure", "dialog", "input", "textarea",
    ]
    /// Elements that end a paragraph.
    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
        "article", "section", "main", "br", "tr", "table", "pre", "dd", "dt", "dl",
        "figcaption", "hr", "address", "body", "title",
    ]
    /// Words of class and id names that mark page furniture rather than the story.
    static let boilerplate: Set<String> = [
        "comment", "comments", "commentlist", "disqus", "respond", "reply", "replies", "discussion",
        "related", "recommended", "recommendations", "promo", "promos", "promotion", "ad", "ads", "advert",
        "adverts", "advertisement", "advertising", "sponsor", "sponsored", "outbrain", "taboola", "share",
        "sharing", "social", "newsletter", "subscribe", "subscription", "signup", "sidebar", "widget",
        "popup", "modal", "cookie", "cookies", "consent", "banner", "breadcrumb", "breadcrumbs", "tags",
        "trending", "popular", "mostread", "readmore", "more", "teaser", "teasers", "paywall", "footer",
        "nav", "navigation", "menu", "masthead", "toolbar", "byline-social", "author-bio", "bio",
    ]
    /// Class and id names of the story itself.
    static let storyNames: [String] = [
        "article-body", "articlebody", "article__body", "story-body", "storybody", "entry-content",
        "post-content", "post-body", "article-content", "story-content", "content-body", "article-text",
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
        guard let root = xmlDocGetRootElement(document) else { return "" }
        if let story = story(in: root) {
            // The headline usually stands outside the story's body.
            if let headline = first(in: root, where: { name($0) == "h1" }), !contains(story, headline) {
                walk(headline, siblings: false, into: &builder)
            }
            walk(story, siblings: false, into: &builder)
        } else {
            walk(root, siblings: true, into: &builder)
        }
        return builder.finish()
    }

    /// The element the page marks as its story, most specific mark first.
    private static func story(in root: xmlNodePtr) -> xmlNodePtr? {
        if let body = first(in: root, where: { attribute($0, "itemprop")?.lowercased() == "articlebody" }) {
            return body
        }
        if let body = first(in: root, where: { node in
            let names = (attribute(node, "class") ?? "") + " " + (attribute(node, "id") ?? "")
            return storyNames.contains { names.lowercased().contains($0) } && !isBoilerplate(node)
        }) {
            return body
        }
        for tag in ["article", "main"] {
            if let node = first(in: root, where: { name($0) == tag && !isBoilerplate($0) }) { return node }
        }
        return first(in: root, where: { attribute($0, "role")?.lowercased() == "main" })
    }

    private static func walk(_ first: xmlNodePtr, siblings: Bool, into builder: inout ParagraphBuilder) {
        var node: xmlNodePtr? = first
        while let current = node {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { builder.append(String(cString: content)) }
            case XML_ELEMENT_NODE:
                let tag = name(current)
                if !dropped.contains(tag) && !isBoilerplate(current) {
                    let isBlock = blocks.contains(tag)
                    if isBlock { builder.endParagraph() }
                    if let child = current.pointee.children { walk(child, siblings: true, into: &builder) }
                    if isBlock { builder.endParagraph() }
                }
            default:
                break
            }
            node = siblings ? current.pointee.next : nil
        }
    }

    /// Whether an element is page furniture: hidden, or named so by a word of its class
    /// or id (`comments-section`, `ad`, `related-stories`).
    private static func isBoilerplate(_ node: xmlNodePtr) -> Bool {
        if attribute(node, "hidden") != nil || attribute(node, "aria-hidden")?.lowercased() == "true" { return true }
        if let style = attribute(node, "style")?.lowercased().filter({ $0 != " " }), style.contains("display:none") {
            return true
        }
        let names = ((attribute(node, "class") ?? "") + " " + (attribute(node, "id") ?? "")).lowercased()
        let words = names.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return words.contains { boilerplate.contains($0) }
    }

    private static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    private static func attribute(_ node: xmlNodePtr, _ attributeName: String) -> String? {
        guard let value = xmlGetProp(node, attributeName) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// The first element, in document order, below and including `root`, that `accept`
    /// takes, not looking inside furniture.
    private static func first(in root: xmlNodePtr, where accept: (xmlNodePtr) -> Bool) -> xmlNodePtr? {
        var stack: [xmlNodePtr] = [root]
        while let node = stack.popLast() {
            guard node.pointee.type == XML_ELEMENT_NODE, !dropped.contains(name(node)) || name(node) == "head" else {
                continue
            }
            if accept(node) { return node }
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let c = child {
                children.append(c)
                child = c.pointee.next
            }
            stack.append(contentsOf: children.reversed())
        }
        return nil
    }

    private static func contains(_ ancestor: xmlNodePtr, _ node: xmlNodePtr) -> Bool {
        var current: xmlNodePtr? = node
        while let c = current {
            if c == ancestor { return true }
            current = c.pointee.parent
        }
        return false
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
