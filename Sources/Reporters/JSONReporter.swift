import WhoSaid

/// JSON Lines (one object per document) and JSON (an array of them), with the fields of
/// the output contract in its order.
public enum JSONReporter {
    /// `{"id": …, "quotes": [ … ]}` on one line, or with `error` for a record that failed.
    public static func line(id: String, quotes: [Quote], error: String? = nil, text: String? = nil) -> String {
        var out = ""
        // One batch that is already in memory: nothing here can throw.
        try? write(id: id, error: error, text: text, batches: { try $0(quotes) }) { out += $0 }
        return out
    }

    /// The same line in pieces, one quote at a time, with the quotes read a batch at a time
    /// from `batches` (which calls its argument with each batch in order), so that a
    /// document with a million quotes is never held as one string.
    public static func write(
        id: String, error: String? = nil, text: String? = nil,
        batches: (([Quote]) throws -> Void) throws -> Void, to emit: (String) -> Void
    ) rethrows {
        var head = "{\"id\":" + string(id)
        if let error { head += ",\"error\":" + string(error) }
        if let text { head += ",\"text\":" + string(text) }
        emit(head + ",\"quotes\":[")
        var first = true
        try withoutActuallyEscaping(emit) { emit in
            try batches { quotes in
                for q in quotes {
                    var out = first ? "{" : ",{"
                    first = false
                    for (j, (name, value)) in zip(Fields.names, Fields.values(q)).enumerated() {
                        if j > 0 { out += "," }
                        out += "\"\(name)\":" + encode(value)
                    }
                    emit(out + "}")
                }
            }
        }
        emit("]}")
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
        // Most text needs no escape at all: one pass over the bytes decides.
        let plain = s.utf8.allSatisfy {
            $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != 0xE2
        }
        if plain { return "\"" + s + "\"" }
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
