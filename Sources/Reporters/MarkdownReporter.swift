import WhoSaid

/// A GitHub-flavoured Markdown table with the columns a reader needs.
public enum MarkdownReporter {
    static let columns = ["#", "type", "quote", "speaker", "role", "cue", "via", "rule", "¶"]

    /// The table of one document, under a heading when `heading` is given.
    public static func table(heading: String?, quotes: [Quote]) -> String {
        var out = ""
        if let heading { out += "## \(cell(heading))\n\n" }
        if quotes.isEmpty { return out + "_No quotes found._\n" }
        out += "| " + columns.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { _ in "---" }.joined(separator: "|") + "|\n"
        for q in quotes {
            let fields = [
                q.id, q.type.rawValue, q.text, q.speaker ?? "—", q.role ?? "", q.cue ?? "", q.via.rawValue,
                q.rule, String(q.paragraph),
            ]
            out += "| " + fields.map(cell).joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Escapes what would break a table cell or turn into markup where the table is
    /// rendered: pipes, backslashes and line breaks; inline markup (`*`, `_`, `` ` ``,
    /// `[`, `]`, `~`) with a backslash; raw HTML (`<`, `>`, `&`) as entities, so a quote
    /// holding `<script>` or `[text](url)` shows as written and runs nothing.
    public static func cell(_ text: String) -> String {
        var out = ""
        let characters = Array(text)
        for (i, c) in characters.enumerated() {
            switch c {
            // An underscore inside a word (rule_id) is no markup in GitHub's Markdown.
            case "_"
            where i > 0 && i + 1 < characters.count && characters[i - 1].isLetter && characters[i + 1].isLetter:
                out.append(c)
            case "|", "\\", "*", "_", "`", "[", "]", "~": out += "\\" + String(c)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r\n", "\r": out += "<br>"
            default: out.append(c)
            }
        }
        return out
    }
}
