import WhoSaid

/// CSV after RFC 4180: a header row, CRLF line ends, fields quoted when they hold a
/// comma, a quote or a line break, and quotes doubled inside.
public enum CSVReporter {
    /// The header: the document column, then every field of the output contract.
    public static var header: String { row(["document"] + Fields.names) }

    /// The byte-order mark Excel needs to read a CSV file as UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// One row per quote of one document. With `neutralizeFormulas` (the default), a text
    /// cell that a spreadsheet would run as a formula is prefixed with `'` (OWASP's advice
    /// against CSV injection).
    public static func rows(document: String, quotes: [Quote], neutralizeFormulas: Bool = true) -> String {
        let clean = { (s: String) in neutralizeFormulas ? neutralize(s) : s }
        return quotes.map { q in
            row(
                [clean(document)]
                    + Fields.values(q).map { value in
                        switch value {
                        case .string(let s): return clean(s ?? "")
                        case .int(let i): return i.map(String.init) ?? ""
                        case .bool(let b): return b ? "true" : "false"
                        }
                    })
        }.joined()
    }

    static func row(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }

    /// `'=1+1'` for `=1+1`: cells starting with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return are what spreadsheets evaluate.
    public static func neutralize(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        return "'" + field
    }

    /// Quotes a field when RFC 4180 requires it.
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13
        }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
