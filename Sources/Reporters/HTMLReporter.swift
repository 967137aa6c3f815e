import WhoSaid

/// A self-contained HTML audit page: each article with its quotes highlighted in their
/// speaker's colour (hover or focus shows speaker, role, cue, type, via and rule) and a
/// table of all quotes linking to their place in the text. No scripts, no network, no
/// external assets; every piece of article text is escaped.
public enum HTMLReporter {
    /// Background colours for speakers, in order of first appearance; unattributed quotes are grey.
    static let palette = [
        "#ffe08a", "#a8e6cf", "#ffb3ba", "#bae1ff", "#d7b8f3", "#ffd3a5", "#c8f0a0",
        "#f6c6ea", "#b5ead7", "#e2cfc4", "#fdfd96", "#aec6cf",
    ]

    public static func page(_ documents: [(id: String, text: String, quotes: [Quote])]) -> String {
        var body = ""
        for (n, doc) in documents.enumerated() {
            body += article(doc.id, Document(id: doc.id, text: doc.text), doc.quotes, prefix: "d\(n + 1)")
        }
        let title = documents.count == 1 ? "WhoSaid — \(documents[0].id)" : "WhoSaid — \(documents.count) articles"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            body { font: 16px/1.55 Georgia, serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
            h1, h2, table, .legend { font-family: system-ui, sans-serif; }
            h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
            article p { margin: 0 0 .9rem; }
            mark { position: relative; border-radius: 3px; padding: 0 2px; color: inherit; cursor: help; }
            mark.none { background: #e4e4e4; outline: 1px dashed #999; }
            mark .tip { display: none; position: absolute; left: 0; top: 1.6em; z-index: 2; width: max-content; max-width: 28rem;
                        background: #222; color: #fff; font: 13px/1.4 system-ui, sans-serif; padding: .4rem .6rem; border-radius: 4px; }
            mark:hover .tip, mark:focus .tip, mark:target .tip { display: block; }
            mark:target { outline: 2px solid #1a73e8; }
            mark:focus { outline: 2px solid #1a73e8; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 1rem 0 3rem; }
            th, td { border: 1px solid #ddd; padding: .3rem .45rem; text-align: left; vertical-align: top; }
            th { background: #f4f4f4; }
            td .swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .3em; vertical-align: -1px; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            \(body)</body>
            </html>

            """
    }

    private static func article(_ id: String, _ document: Document, _ quotes: [Quote], prefix: String) -> String {
        var colours: [String: String] = [:]
        for q in quotes {
            if let s = q.speaker, colours[s] == nil { colours[s] = palette[colours.count % palette.count] }
        }
        // Non-overlapping highlights in text order; an overlapping one is only in the table.
        var shown: [Quote] = []
        for q in quotes.sorted(by: { $0.byteStart < $1.byteStart })
        where shown.last.map({ $0.byteEnd <= q.byteStart }) ?? true {
            shown.append(q)
        }
        var out = "<section>\n<h2>\(escape(id))</h2>\n<article>\n"
        for paragraph in document.paragraphs {
            out += "<p>"
            var cursor = paragraph.lowerBound
            for q in shown where q.byteEnd > paragraph.lowerBound && q.byteStart < paragraph.upperBound {
                let start = max(q.byteStart, paragraph.lowerBound), end = min(q.byteEnd, paragraph.upperBound)
                out += escape(document.string(cursor..<start))
                let anchor = q.byteStart >= paragraph.lowerBound ? " id=\"\(prefix)-\(q.id)\"" : ""
                let colour = q.speaker.flatMap { colours[$0] }
                let style = colour.map { " style=\"background:\($0)\"" } ?? ""
                out +=
                    "<mark\(anchor) class=\"\(q.speaker == nil ? "none" : "q")\"\(style) tabindex=\"0\" title=\"\(escape(tip(q)))\">"
                out += escape(document.string(start..<end))
                out += "<span class=\"tip\">\(escape(tip(q)))</span></mark>"
                cursor = end
            }
            out += escape(document.string(cursor..<paragraph.upperBound)) + "</p>\n"
        }
        out +=
            "</article>\n<table>\n<tr><th>#</th><th>type</th><th>quote</th><th>speaker</th><th>role</th><th>cue</th><th>via</th><th>rule</th><th>¶</th></tr>\n"
        for q in quotes {
            let swatch =
                q.speaker.flatMap { colours[$0] }.map { "<span class=\"swatch\" style=\"background:\($0)\"></span>" }
                ?? ""
            out +=
                "<tr><td><a href=\"#\(prefix)-\(q.id)\">\(q.id)</a></td><td>\(q.type.rawValue)</td><td>\(escape(q.text))</td>"
            out +=
                "<td>\(swatch)\(escape(q.speaker ?? "—"))\(q.anonymous ? " (anonymous)" : "")</td><td>\(escape(q.role ?? ""))</td>"
            out +=
                "<td>\(escape(q.cue ?? ""))</td><td>\(q.via.rawValue)</td><td>\(escape(q.rule))</td><td>\(q.paragraph)</td></tr>\n"
        }
        return out + "</table>\n</section>\n"
    }

    static func tip(_ q: Quote) -> String {
        var parts = ["\(q.id): \(q.speaker ?? "no speaker")"]
        if let role = q.role { parts.append(role) }
        if let affiliation = q.affiliation { parts.append(affiliation) }
        parts.append("cue: \(q.cue ?? "—")")
        parts.append("\(q.type.rawValue), via \(q.via.rawValue)")
        parts.append("rule \(q.rule)")
        return parts.joined(separator: " · ")
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
