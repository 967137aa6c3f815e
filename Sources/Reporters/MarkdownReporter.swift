import WhoSaid

/// A GitHub-flavoured Markdown table with the columns a reader needs.
public enum MarkdownReporter {
    static let columns = ["#", "type", "quote", "speaker", "role", "cue", "via", "rule", "¶"]

    /// The table of one document, under a heading when `heading` is given.
    public static func table(heading: String?, quotes: [Quote]) -> String {
        var out = ""
        // One batch that is already in memory: nothing here can throw.
        try? table(heading: heading, batches: { try $0(quotes) }) { out += $0 }
        return out
    }

    /// The same table in pieces, with the quotes read a batch at a time from `batches`.
    public static func table(
        heading: String?, batches: (([Quote]) throws -> Void) throws -> Void, to emit: (String) -> Void
    ) rethrows {
        if let heading { emit("## \(cell(heading))\n\n") }
        var rows = 0
        try withoutActuallyEscaping(emit) { emit in
            try batches { quotes in
                for q in quotes {
                    if rows == 0 {
                        emit("| " + columns.joined(separator: " | ") + " |\n")
                        emit("|" + columns.map { _ in "---" }.joined(separator: "|") + "|\n")
                    }
                    rows += 1
                    let fields = [
                        q.id, q.type.rawValue, q.text, q.speaker ?? "—", q.role ?? "", q.cue ?? "", q.via.rawValue,
                        q.rule, String(q.paragraph),
                    ]
                    emit("| " + fields.map(cell).joined(separator: " | ") + " |\n")
                }
            }
        }
        if rows == 0 { emit("_No quotes found._\n") }
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
