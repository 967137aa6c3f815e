/// The bytes of a masked quote and the names a pack writes for them.
///
/// Rules other than quote rules run on text where each quote is replaced by bytes of the
/// same length: ``open``, then filler, then one byte that tells how the quoted words end.
/// A pack never spells these bytes: inside a bracket expression it writes a class name in
/// the POSIX style, such as `[^.!?\n[:quote:]]` (no quote start) or `(?<=[[:quote_end:]]\h)`
/// (just after a quote), which the loader expands before PCRE2 compiles the pattern.
public enum MaskBytes {
    /// The first byte of a masked quote.
    public static let open: UInt8 = 0x0E
    /// The last byte after a comma, colon or dash ("…," she said).
    public static let closeComma: UInt8 = 0x0F
    /// The last byte after `!` or `?`.
    public static let closeEnd: UInt8 = 0x10
    /// The last byte after words with no closing punctuation (a fragment).
    public static let closeFragment: UInt8 = 0x11
    /// The last byte after `.` or `…`.
    public static let closePeriod: UInt8 = 0x12
    /// The filler between, for speech.
    public static let filler: UInt8 = 0x1A
    /// The filler of a quote whose words are all capitalised (a title more likely).
    public static let titleFiller: UInt8 = 0x19

    /// The class names a pack may write inside a bracket expression, and the bytes each
    /// stands for.
    public static let classes: [(name: String, bytes: [UInt8])] = [
        ("quote", [open]),
        ("quote_end", [closeComma, closeEnd, closeFragment, closePeriod]),
        ("quote_end_sentence", [closeEnd, closePeriod]),
        ("quote_end_comma", [closeComma]),
        ("quote_end_mark", [closeEnd]),
        ("quote_end_fragment", [closeFragment]),
        ("quote_end_period", [closePeriod]),
        ("quote_fill", [titleFiller, filler]),
        ("quote_fill_title", [titleFiller]),
    ]

    /// Each class as a pack writes it (`[:quote:]`) and as PCRE2 reads it (`\x0E`).
    private static let expansions: [(token: [UInt8], escapes: [UInt8])] = classes.map { name, bytes in
        let digits = Array("0123456789ABCDEF".utf8)
        let escapes = bytes.flatMap { [UInt8(ascii: "\\"), UInt8(ascii: "x"), digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }
        return (Array("[:\(name):]".utf8), escapes)
    }

    /// `pattern` with each `[:name:]` of ``classes`` replaced by its bytes as `\xHH`
    /// escapes, and a map from a byte offset in the result back to the offset in
    /// `pattern` (so a compile error still points into what the pack wrote).
    static func expand(_ pattern: String) -> (pattern: String, original: (Int) -> Int) {
        let bytes = Array(pattern.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        // Each replacement: where it starts and ends in the result, where it started in
        // `pattern`, and how much longer the pack's text was than the escapes.
        var shifts: [(start: Int, end: Int, originalStart: Int, delta: Int)] = []
        var i = 0
        outer: while i < bytes.count {
            if bytes[i] == UInt8(ascii: "[") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: ":") {
                for (token, escapes) in expansions where bytes[i...].starts(with: token) {
                    shifts.append((out.count, out.count + escapes.count, i, token.count - escapes.count))
                    out += escapes
                    i += token.count
                    continue outer
                }
            }
            out.append(bytes[i])
            i += 1
        }
        let expanded = String(decoding: out, as: UTF8.self)
        return (
            expanded,
            { offset in
                var delta = 0
                for s in shifts {
                    if offset < s.start { break }
                    if offset < s.end { return s.originalStart }
                    delta += s.delta
                }
                return offset + delta
            }
        )
    }
}
