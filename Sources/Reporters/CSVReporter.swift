import WhoSaid

/// CSV after RFC 4180: a header row, CRLF line ends, fields quoted when they hold a
/// comma, a quote or a line break, and quotes doubled inside.
public enum CSVReporter {
    /// The header: the document column, then every field of the output contract.
    public static var header: String { row(["document"] + Fields.names) }

    /// One row per quote of one document.
    public static func rows(document: String, quotes: [Quote]) -> String {
        quotes.map { q in
            row([document] + Fields.values(q).map { value in
                switch value {
                case .string(let s): return s ?? ""
                case .int(let i): return i.map(String.init) ?? ""
                case .bool(let b): return b ? "true" : "false"
                }
            })
        }.joined()
    }

    static func row(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }

    /// Quotes a field when RFC 4180 requires it.
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
