import WhoSaid

/// JSON Lines (one object per document) and JSON (an array of them), with the fields of
/// the output contract in its order.
public enum JSONReporter {
    /// `{"id": …, "quotes": [ … ]}` on one line, or with `error` for a record that failed.
    public static func line(id: String, quotes: [Quote], error: String? = nil, text: String? = nil) -> String {
        var out = "{\"id\":" + string(id)
        if let error { out += ",\"error\":" + string(error) }
        if let text { out += ",\"text\":" + string(text) }
        out += ",\"quotes\":["
        for (i, q) in quotes.enumerated() {
            if i > 0 { out += "," }
            out += "{"
            for (j, (name, value)) in zip(Fields.names, Fields.values(q)).enumerated() {
                if j > 0 { out += "," }
                out += "\"\(name)\":" + encode(value)
            }
            out += "}"
        }
        return out + "]}"
    }

    /// A JSON array of documents, one per line.
    public static func array(_ documents: [(id: String, quotes: [Quote])]) -> String {
        "[" + documents.map { line(id: $0.id, quotes: $0.quotes) }.joined(separator: ",\n") + "]"
    }

    static func encode(_ value: FieldValue) -> String {
        switch value {
        case .string(let s): return s.map(string) ?? "null"
        case .int(let i): return i.map(String.init) ?? "null"
        case .bool(let b): return b ? "true" : "false"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
