import WhoSaid

/// Per-speaker counts for one document, the view an editor wants when checking the
/// balance of sources: quotes by type, first and last paragraph, anonymity.
public enum SummaryReporter {
    public struct Row: Equatable, Sendable {
        public let speaker: String
        public var quotes = 0, direct = 0, mixed = 0, indirect = 0
        public var firstParagraph: Int
        public var lastParagraph: Int
        public var anonymous: Bool
    }

    /// One row per speaker (unattributed quotes under "(unattributed)"), most quoted first.
    public static func rows(_ quotes: [Quote]) -> [Row] {
        var rows: [String: Row] = [:]
        var order: [String] = []
        for q in quotes {
            let name = q.speaker ?? "(unattributed)"
            var row =
                rows[name]
                ?? Row(speaker: name, firstParagraph: q.paragraph, lastParagraph: q.paragraph, anonymous: q.anonymous)
            if rows[name] == nil { order.append(name) }
            row.quotes += 1
            switch q.type {
            case .direct: row.direct += 1
            case .mixed: row.mixed += 1
            case .indirect: row.indirect += 1
            }
            row.lastParagraph = max(row.lastParagraph, q.paragraph)
            rows[name] = row
        }
        // Most quoted first; equal counts in order of first appearance.
        return order.compactMap { rows[$0] }.enumerated().sorted { a, b in
            a.element.quotes != b.element.quotes ? a.element.quotes > b.element.quotes : a.offset < b.offset
        }.map(\.element)
    }

    public static func markdown(heading: String?, quotes: [Quote]) -> String {
        var out = heading.map { "## \(MarkdownReporter.cell($0))\n\n" } ?? ""
        out +=
            "| speaker | quotes | direct | mixed | indirect | first ¶ | last ¶ | anonymous |\n|---|---|---|---|---|---|---|---|\n"
        for r in rows(quotes) {
            out +=
                "| \(MarkdownReporter.cell(r.speaker)) | \(r.quotes) | \(r.direct) | \(r.mixed) | \(r.indirect) | \(r.firstParagraph) | \(r.lastParagraph) | \(r.anonymous ? "yes" : "") |\n"
        }
        return out
    }

    public static let csvHeader =
        "document,speaker,quotes,direct,mixed,indirect,first_paragraph,last_paragraph,anonymous\r\n"

    public static func csv(document: String, quotes: [Quote]) -> String {
        rows(quotes).map { r in
            [document, r.speaker].map { CSVReporter.escape(CSVReporter.neutralize($0)) }.joined(separator: ",")
                + ",\(r.quotes),\(r.direct),\(r.mixed),\(r.indirect),\(r.firstParagraph),\(r.lastParagraph),\(r.anonymous)\r\n"
        }.joined()
    }
}
