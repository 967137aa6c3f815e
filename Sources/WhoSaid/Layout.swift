/// Whether single line breaks inside a block of lines are soft wraps: decided from the
/// document (`auto`), or forced.
public enum Wrapping: String, Sendable, CaseIterable {
    case auto, yes, no
}

/// How a document's lines make paragraphs.
///
/// Text hard-wrapped at 60–100 columns (mail, wire copy, PDFs, novels) breaks lines inside
/// paragraphs; a break is taken as a soft wrap when the document's lines are wrapped at
/// a width (most lines that go on to another line end close to one length) and the
/// next line's first word would not have fitted on the line. A blank line, a form feed,
/// an indented line in a text whose lines are not indented, and a line that opens like a
/// list item, a quoted mail line, a heading or a transcript turn always start a paragraph.
/// Only typography is read here, never words, so it holds for every language.
struct Layout {
    /// Line terminators that are soft wraps: rules read them as spaces.
    let softBreaks: [Range<Int>]
    let paragraphs: [Range<Int>]
    /// The wrap width found, in characters; nil when the lines are not wrapped.
    let width: Int?

    private struct Line {
        var start: Int
        var end: Int  // before the terminator
        var next: Int  // after the terminator
        var length = 0  // characters, trailing blanks left out
        var firstWord = 0  // characters of the first word
        var indented = false
        var blank = true
        var opensBlock = false  // a list item, quoted mail, heading or transcript turn
        var pageBreak = false  // ends with a form feed
    }

    init(bytes: [UInt8], wrapping: Wrapping) {
        let lines = Self.lines(bytes)
        // Breaks between two non-blank lines: the ones that may be wraps.
        let candidates = lines.indices.dropLast().filter { i in
            !lines[i].blank && !lines[i + 1].blank && !lines[i].pageBreak
        }
        let width = wrapping == .no ? nil : Self.wrapWidth(lines, candidates)
        self.width = width
        let indentedLines = candidates.filter { lines[$0 + 1].indented }.count
        let indentMarksParagraphs = indentedLines * 5 < candidates.count
        let blankLineParagraphs = lines.contains { $0.blank }
        var soft: [Range<Int>] = []
        for i in candidates {
            let (line, next) = (lines[i], lines[i + 1])
            if next.opensBlock || (next.indented && indentMarksParagraphs) { continue }
            switch wrapping {
            case .no: continue
            case .yes: soft.append(line.end..<next.start)
            case .auto:
                guard let width, line.length <= width + 1 else { continue }
                // Where blank lines end paragraphs, a line inside a block breaks early only
                // for a reason (an address, a verse); elsewhere the width test is strict.
                let slack = blankLineParagraphs ? width / 3 : 2
                if line.length + 1 + next.firstWord > width - slack { soft.append(line.end..<next.start) }
            }
        }
        softBreaks = soft
        var paragraphs: [Range<Int>] = []
        var k = 0
        var open: Int?
        for line in lines where !line.blank {
            let start = open ?? line.start
            while k < soft.count && soft[k].lowerBound < line.end { k += 1 }
            if k < soft.count && soft[k].lowerBound == line.end {
                open = start
            } else {
                paragraphs.append(start..<line.end)
                open = nil
            }
        }
        self.paragraphs = paragraphs
    }

    /// The width the lines are wrapped at: most lines that go on to another line end
    /// within a few characters of it, and it is a width people wrap at. Nil otherwise.
    private static func wrapWidth(_ lines: [Line], _ candidates: [Int]) -> Int? {
        guard candidates.count >= 2 else { return nil }
        let lengths = candidates.map { lines[$0].length }.sorted()
        let width = lengths[(lengths.count - 1) * 9 / 10]
        guard (30...130).contains(width) else { return nil }
        let near = lengths.filter { $0 >= width - 20 && $0 <= width + 1 }.count
        return near * 5 >= lengths.count * 3 ? width : nil
    }

    private static func lines(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var i = 0
        let n = bytes.count
        while i <= n {
            var line = Line(start: i, end: i, next: i)
            var j = i
            var trailingBlank = 0
            var inFirstWord = false
            var firstWordDone = false
            while j < n, bytes[j] != UInt8(ascii: "\n"), bytes[j] != UInt8(ascii: "\r"), bytes[j] != 0x0C {
                let b = bytes[j]
                let isBlank = b == UInt8(ascii: " ") || b == UInt8(ascii: "\t")
                if b & 0xC0 != 0x80 {
                    line.length += 1
                    trailingBlank = isBlank ? trailingBlank + 1 : 0
                    if !isBlank && !firstWordDone {
                        inFirstWord = true
                        line.firstWord += 1
                    } else if isBlank && inFirstWord {
                        firstWordDone = true
                    }
                }
                if !isBlank { line.blank = false }
                j += 1
            }
            line.length -= trailingBlank
            line.end = j
            if j < n {
                line.pageBreak = bytes[j] == 0x0C
                line.next = j + (bytes[j] == UInt8(ascii: "\r") && j + 1 < n && bytes[j + 1] == UInt8(ascii: "\n") ? 2 : 1)
            } else {
                line.next = n + 1
            }
            if !line.blank {
                line.indented = bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t")
                line.opensBlock = opensBlock(bytes, from: i, to: j)
            }
            lines.append(line)
            if j >= n { break }
            i = line.next
        }
        return lines
    }

    /// Whether a line opens a block of its own: a list item (`- `, `* `, `• `, `1. `,
    /// `a) `), quoted mail (`>`), a Markdown heading (`#`), a table row (`|`), or a
    /// transcript turn (a label in capitals and a colon).
    private static func opensBlock(_ bytes: [UInt8], from start: Int, to end: Int) -> Bool {
        var i = start
        while i < end && (bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t")) { i += 1 }
        guard i < end else { return false }
        let b = bytes[i]
        let next: UInt8 = i + 1 < end ? bytes[i + 1] : 0
        if b == UInt8(ascii: ">") || b == UInt8(ascii: "#") || b == UInt8(ascii: "|") { return true }
        if (b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "+")) && next == UInt8(ascii: " ") {
            return true
        }
        // • (E2 80 A2) and – (E2 80 93) as bullets.
        if b == 0xE2, i + 3 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA2 || bytes[i + 2] == 0x93,
            bytes[i + 3] == UInt8(ascii: " ")
        {
            return true
        }
        // "12. " or "a) ": a short number or letter, then . or ), then a blank.
        var j = i
        while j < end && j - i < 3 && isDigit(bytes[j]) { j += 1 }
        if j == i, j < end, isASCIILetter(bytes[j]) { j += 1 }
        if j > i, j + 1 < end, bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: ")"),
            bytes[j + 1] == UInt8(ascii: " "), isDigit(bytes[i]) || bytes[j] == UInt8(ascii: ")")
        {
            return true
        }
        return isTurnLabel(bytes, from: i, to: end)
    }

    /// One to three words of capitals (ASCII or not) and a colon: `WALLACE:`, `MS. ROE:`.
    private static func isTurnLabel(_ bytes: [UInt8], from start: Int, to end: Int) -> Bool {
        let limit = min(end, start + 40)
        var j = start
        var words = 0
        var letters = 0
        while j < limit {
            let b = bytes[j]
            if b == UInt8(ascii: ":") { return letters >= 2 && words <= 3 && j + 1 < end && bytes[j + 1] == UInt8(ascii: " ") }
            if b == UInt8(ascii: " ") {
                words += 1
            } else if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") {
                letters += 1
            } else if b >= 0x80 {
                // A letter outside ASCII: read the scalar and accept it only if upper case.
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                let scalar = String(decoding: bytes[j..<min(limit, j + length)], as: UTF8.self).unicodeScalars.first
                guard let scalar, scalar.properties.isUppercase else { return false }
                letters += 1
                j += length
                continue
            } else if !(b == UInt8(ascii: ".") || b == UInt8(ascii: "'") || b == UInt8(ascii: "-")) {
                return false
            }
            j += 1
        }
        return false
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func isASCIILetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
    }
}
