import RulePacks

/// The text with each quote replaced by placeholder bytes of the same length, so
/// attribution rules can say "a quote stands here" and never look inside one.
///
/// A masked quote is ``MaskBytes/open``, then filler, then one closing byte that tells
/// how the quoted words end: after a comma, dash or colon (`"…," she said`), after `!` or
/// `?`, after `.` or `…`, or otherwise (a fragment); the bytes are ``MaskBytes``'. Lengths
/// are kept, so every offset in the masked text is an offset in the article. The lexicons
/// `masked_quote`, `quote_comma`, `quote_end` and `quote_before_cue` match these. A quote
/// whose words are all capitalised, a title more likely than speech, is filled with
/// ``MaskBytes/titleFiller`` (the lexicon `title_quote`).
enum Masking {
    static func mask(
        _ bytes: [UInt8], quotes: [QuoteSpan], document: Document, minorWords: Set<ArraySlice<UInt8>>
    ) -> [UInt8] {
        var masked = bytes
        for q in quotes {
            let r = q.range
            let fill = q.isTitle(in: document, minorWords: minorWords) ? MaskBytes.titleFiller : MaskBytes.filler
            for i in r { masked[i] = fill }
            masked[r.lowerBound] = MaskBytes.open
            masked[r.upperBound - 1] = closing(bytes, content: q.content)
        }
        return masked
    }

    private static func closing(_ bytes: [UInt8], content: Range<Int>) -> UInt8 {
        var i = content.upperBound
        while i > content.lowerBound {
            i -= 1
            let b = bytes[i]
            // Blanks and the closing marks of a quote inside ('China bad.'') say nothing.
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                continue
            }
            if i >= 2 && bytes[i - 2] == 0xE2 && bytes[i - 1] == 0x80 && (b == 0x99 || b == 0x9D) {  // ’ ”
                i -= 2
                continue
            }
            switch b {
            case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"): return MaskBytes.closeComma
            case UInt8(ascii: "!"), UInt8(ascii: "?"): return MaskBytes.closeEnd
            case UInt8(ascii: "."): return MaskBytes.closePeriod
            case 0x94 where i >= 2 && bytes[i - 2] == 0xE2 && bytes[i - 1] == 0x80: return MaskBytes.closeComma  // — em dash
            case 0x93 where i >= 2 && bytes[i - 2] == 0xE2 && bytes[i - 1] == 0x80: return MaskBytes.closeComma  // – en dash
            case 0xA6 where i >= 2 && bytes[i - 2] == 0xE2 && bytes[i - 1] == 0x80: return MaskBytes.closePeriod  // … ellipsis
            default: return MaskBytes.closeFragment
            }
        }
        return MaskBytes.closeFragment
    }
}
