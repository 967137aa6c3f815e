import Inputs
import Reporters
import WhoSaid

/// Chooses the reporter for the output format and frames the documents (CSV header,
/// JSON brackets, the HTML page, Markdown headings).
final class ReportWriter {
    let format: Extract.Format
    let summary: Bool
    let bom: Bool
    let neutralizeFormulas: Bool
    let includeText: Bool
    let headings: Bool
    private var count = 0
    /// Per-speaker counts over every document, for `--summary`.
    private var run: [SummaryReporter.RunRow] = []
    private var pages: [(id: String, text: String, quotes: [Quote])] = []

    init(format: Extract.Format, summary: Bool, bom: Bool, neutralizeFormulas: Bool, includeText: Bool, headings: Bool)
    {
        self.format = format
        self.summary = summary
        self.bom = bom
        self.neutralizeFormulas = neutralizeFormulas
        self.includeText = includeText
        self.headings = headings
    }

    func header() -> String {
        switch format {
        case .csv:
            return (bom ? CSVReporter.byteOrderMark : "") + (summary ? SummaryReporter.csvHeader : CSVReporter.header)
        case .json: return summary ? "{\"documents\":[" : "["
        default: return ""
        }
    }

    /// Writes one document's part of the report with `emit`, in pieces. CSV, JSON Lines,
    /// JSON and Markdown tables read the rows a batch at a time, so that a document of a
    /// million quotes is never held whole; summaries and the HTML page need them all.
    func document(_ record: InputRecord, _ result: ExtractionResult?, to emit: (String) -> Void) throws {
        defer { count += 1 }
        let error = record.error ?? result?.failure
        let text = includeText && error == nil ? record.text : nil
        func batches(_ body: ([Quote]) throws -> Void) throws { try result?.forEachBatch(body) }
        switch format {
        case .jsonl where !summary, .json where !summary:
            if format == .json { emit(count > 0 ? ",\n" : "\n") }
            try JSONReporter.write(id: record.id, error: error, text: text, batches: batches, to: emit)
            if format == .jsonl { emit("\n") }
        case .csv where !summary:
            try batches { quotes in
                for q in quotes {
                    emit(CSVReporter.rows(document: record.id, quotes: [q], neutralizeFormulas: neutralizeFormulas))
                }
            }
        case .markdown where !summary:
            guard error == nil else { return }
            if count > 0 { emit("\n") }
            try MarkdownReporter.table(heading: headings ? record.id : nil, batches: batches, to: emit)
        default:
            let quotes = result?.quotes ?? []
            if summary && error == nil { SummaryReporter.add(quotes, to: &run) }
            if format == .json {
                guard error == nil else { return }
                emit((count > 0 ? ",\n" : "\n") + SummaryReporter.json(document: record.id, quotes: quotes))
            } else {
                emit(whole(record, quotes, failed: error != nil))
            }
        }
    }

    private func whole(_ record: InputRecord, _ quotes: [Quote], failed: Bool) -> String {
        switch format {
        case .csv:
            return SummaryReporter.csv(document: record.id, quotes: quotes)
        case .markdown:
            guard !failed else { return "" }
            return (count > 0 ? "\n" : "")
                + SummaryReporter.markdown(heading: headings ? record.id : nil, quotes: quotes)
        case .html:
            if !failed { pages.append((record.id, record.text, quotes)) }
            return ""
        case .json, .jsonl:
            return ""
        }
    }

    func footer() -> String {
        // Over several documents, the summary ends with the whole run's counts.
        if summary && format == .json { return "\n],\n\"all\":" + SummaryReporter.json(run: run) + "}\n" }
        if summary && count > 1 {
            return format == .csv
                ? SummaryReporter.csv(run: run) : "\n" + SummaryReporter.markdown(run: run, documents: count)
        }
        switch format {
        case .json: return "\n]\n"
        case .html: return HTMLReporter.page(pages)
        default: return ""
        }
    }
}
