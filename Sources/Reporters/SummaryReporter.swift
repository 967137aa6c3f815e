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

    /// Per-speaker counts over a whole run: quotes by type and the documents that quote them.
    public struct RunRow: Equatable, Sendable {
        public let speaker: String
        public var quotes = 0, direct = 0, mixed = 0, indirect = 0, documents = 0
        public var anonymous: Bool
    }

    /// Adds one document's quotes to the run's rows (kept in order of first appearance).
    public static func add(_ quotes: [Quote], to run: inout [RunRow]) {
        var seen = Set<String>()
        for r in rows(quotes) {
            var row =
                run.first(where: { $0.speaker == r.speaker }) ?? RunRow(speaker: r.speaker, anonymous: r.anonymous)
            row.quotes += r.quotes
            row.direct += r.direct
            row.mixed += r.mixed
            row.indirect += r.indirect
            if seen.insert(r.speaker).inserted { row.documents += 1 }
            if let i = run.firstIndex(where: { $0.speaker == r.speaker }) { run[i] = row } else { run.append(row) }
        }
    }

    /// The whole run's table, most quoted first.
    public static func markdown(run: [RunRow], documents: Int) -> String {
        var out = "## All \(documents) documents\n\n"
        out +=
            "| speaker | quotes | direct | mixed | indirect | documents | anonymous |\n|---|---|---|---|---|---|---|\n"
        for r in sorted(run) {
            out +=
                "| \(MarkdownReporter.cell(r.speaker)) | \(r.quotes) | \(r.direct) | \(r.mixed) | \(r.indirect) | \(r.documents) | \(r.anonymous ? "yes" : "") |\n"
        }
        return out
    }

    /// The whole run's CSV rows, under the document name `(all documents)`; the paragraph
    /// columns are empty there.
    public static func csv(run: [RunRow]) -> String {
        sorted(run).map { r in
            ["(all documents)", r.speaker].map { CSVReporter.escape(CSVReporter.neutralize($0)) }.joined(separator: ",")
                + ",\(r.quotes),\(r.direct),\(r.mixed),\(r.indirect),,,\(r.anonymous)\r\n"
        }.joined()
    }

    /// One document's summary as a JSON object: its id and a row per speaker.
    public static func json(document: String, quotes: [Quote]) -> String {
        let speakers = rows(quotes).map { r in
            "{\"speaker\":\(JSONReporter.string(r.speaker)),\"quotes\":\(r.quotes),\"direct\":\(r.direct),\"mixed\":\(r.mixed),\"indirect\":\(r.indirect),\"first_paragraph\":\(r.firstParagraph),\"last_paragraph\":\(r.lastParagraph),\"anonymous\":\(r.anonymous)}"
        }
        return "{\"id\":\(JSONReporter.string(document)),\"speakers\":[\(speakers.joined(separator: ","))]}"
    }

    /// The whole run's rows as a JSON array.
    public static func json(run: [RunRow]) -> String {
        "["
            + sorted(run).map { r in
                "{\"speaker\":\(JSONReporter.string(r.speaker)),\"quotes\":\(r.quotes),\"direct\":\(r.direct),\"mixed\":\(r.mixed),\"indirect\":\(r.indirect),\"documents\":\(r.documents),\"anonymous\":\(r.anonymous)}"
            }.joined(separator: ",") + "]"
    }

    private static func sorted(_ run: [RunRow]) -> [RunRow] {
        run.enumerated().sorted { a, b in
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
