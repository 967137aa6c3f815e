/// An article as UTF-8 bytes with its paragraphs and an offset map.
///
/// Byte offsets are the truth inside WhoSaid; ``codePoint(_:)`` converts at the edges.
/// A document holds valid UTF-8 only: readers repair their input first (see
/// `TextDecoding` in the Inputs module), so offsets refer to the repaired text.
public struct Document: Sendable {
    public let id: String
    /// The text as given; offsets and quote texts refer to it.
    public let text: String
    /// What rules read: the text's UTF-8 with every soft line wrap (see ``Layout``) turned
    /// into spaces, byte for byte, so that an offset into one is an offset into the other.
    public let bytes: [UInt8]
    /// The text's own UTF-8 where soft wraps were turned into spaces; nil when none were.
    private let sourceBytes: [UInt8]?
    /// Byte ranges of the paragraphs, without their line breaks; a paragraph runs over
    /// the lines it was wrapped into.
    public let paragraphs: [Range<Int>]
    /// The width the text is wrapped at, in characters, or nil when its lines are not
    /// wrapped (one paragraph or block per line).
    public let wrapWidth: Int?
    /// How many line breaks were read as soft wraps.
    public let softWraps: Int
    /// The family of quotation marks to take as the convention whatever the evidence
    /// (`single` for a British text too short to tell, say); nil: decide from the text.
    public let convention: String?
    /// The language the document says it is in (a JSON Lines record's `"lang"`); nil:
    /// the command's `--lang`, or the evidence.
    public let language: String?
    /// Code points before every 256th byte, so a conversion counts at most 255 bytes.
    private let checkpoints: [Int]
    private static let stride = 256

    /// Decodes `bytes` as UTF-8, replacing invalid sequences with U+FFFD.
    public init(id: String, utf8 raw: [UInt8], wrapping: Wrapping = .auto, convention: String? = nil) {
        self.init(id: id, text: String(decoding: raw, as: UTF8.self), wrapping: wrapping, convention: convention)
    }

    public init(
        id: String, text: String, wrapping: Wrapping = .auto, convention: String? = nil, language: String? = nil
    ) {
        self.id = id
        self.text = text
        self.convention = convention
        self.language = language
        var bytes = Array(text.utf8)
        let layout = Layout(bytes: bytes, wrapping: wrapping)
        // A UTF-8 byte-order mark stays in the text, so offsets are the file's; rules read
        // it as blanks.
        let mark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if layout.softBreaks.isEmpty && !mark {
            sourceBytes = nil
        } else {
            sourceBytes = bytes
            for wrap in layout.softBreaks {
                for i in wrap { bytes[i] = UInt8(ascii: " ") }
            }
            if mark { bytes.replaceSubrange(0..<3, with: [UInt8(ascii: " "), UInt8(ascii: " "), UInt8(ascii: " ")]) }
        }
        self.bytes = bytes
        paragraphs = layout.paragraphs
        wrapWidth = layout.width
        softWraps = layout.softBreaks.count
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(bytes.count / Self.stride + 1)
        var scalars = 0
        // Code points are counted in the text as written (a byte-order mark is one).
        for (i, b) in (sourceBytes ?? bytes).enumerated() {
            if i % Self.stride == 0 { checkpoints.append(scalars) }
            if b & 0xC0 != 0x80 { scalars += 1 }
        }
        if checkpoints.isEmpty { checkpoints.append(0) }
        self.checkpoints = checkpoints
    }

    /// The code point offset of byte offset `byte`.
    public func codePoint(_ byte: Int) -> Int {
        let written = sourceBytes ?? bytes
        let k = min(byte / Self.stride, checkpoints.count - 1)
        var count = checkpoints[k]
        var i = k * Self.stride
        while i < byte {
            if written[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// The text of a byte range as rules read it (soft wraps as spaces): for names,
    /// roles and cues.
    public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The text of a byte range as written: for quotes and mentions, which must be
    /// exactly the input between their offsets.
    public func source(_ range: Range<Int>) -> String {
        guard let sourceBytes else { return string(range) }
        return String(decoding: sourceBytes[range], as: UTF8.self)
    }

    /// Whether paragraph `index` reads as a headline: short, with (nearly) every word
    /// capitalised ("Bernie Sanders Promises Action On Climate"). Names are not taken from
    /// headlines, where the capitals run on past the name.
    public func isHeadline(_ index: Int, minorWords: Set<ArraySlice<UInt8>>) -> Bool {
        // 25 words of a headline fit in a few hundred bytes; longer paragraphs are prose.
        let paragraph = paragraphs[index]
        guard paragraph.count <= 300 else { return false }
        // Seven words that do not start with a capital need 21 that do: past 25 words.
        let (words, capitalised) = Self.capitals(in: bytes[paragraph], minorWords: minorWords, upTo: 26, lowerCase: 7)
        return words >= 3 && words <= 25 && capitalised * 4 >= words * 3
    }

    /// How many words of `text` count for capitalisation (`minorWords`, the pack's
    /// `title_minor_word` such as "of", and words without letters left out) and how many
    /// of them start with a capital; counting stops once `upTo` words or `lowerCase`
    /// words without a capital are counted, where the caller's answer is settled.
    static func capitals(
        in text: ArraySlice<UInt8>, minorWords: Set<ArraySlice<UInt8>>, upTo: Int = .max, lowerCase: Int = .max
    ) -> (words: Int, capitalised: Int) {
        var words = 0
        var capitalised = 0
        // Words end at a blank or a no-break space (C2 A0).
        func isBlank(_ i: Int) -> Bool {
            text[i] == UInt8(ascii: " ") || (text[i] == 0xC2 && i + 1 < text.endIndex && text[i + 1] == 0xA0)
        }
        var i = text.startIndex
        while i < text.endIndex && words < upTo && words - capitalised < lowerCase {
            while i < text.endIndex && isBlank(i) { i += text[i] == 0xC2 ? 2 : 1 }
            let start = i
            while i < text.endIndex && !isBlank(i) { i += 1 }
            guard start < i, !minorWords.contains(text[start..<i]) else { continue }
            // The first letter, past quotation marks and brackets.
            guard let upper = firstLetterIsUpper(text[start..<i]) else { continue }
            words += 1
            if upper { capitalised += 1 }
        }
        return (words, capitalised)
    }

    /// Whether the first letter of `word` is a capital; nil when it has no letter.
    static func firstLetterIsUpper(_ word: ArraySlice<UInt8>) -> Bool? {
        var j = word.startIndex
        while j < word.endIndex {
            let b = word[j]
            if b < 0x80 {
                if isASCIILetter(b) { return b <= UInt8(ascii: "Z") }
                j += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            let end = min(word.endIndex, j + length)
            if let scalar = String(decoding: word[j..<end], as: UTF8.self).unicodeScalars.first,
                scalar.properties.isAlphabetic
            {
                return scalar.properties.isUppercase
            }
            j = end
        }
        return nil
    }

    private static func isASCIILetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
    }

    /// Ranges of about `size` bytes that cover the text in order, each but the first
    /// starting where a paragraph starts, preferably one that opens with a letter or a
    /// digit, so that no quote runs across a cut; the whole text when it is no longer.
    public func sections(of size: Int) -> [Range<Int>] {
        guard bytes.count > size, size > 0 else { return [0..<bytes.count] }
        // ASCII letters and digits, and the lead bytes of Latin, Greek and Cyrillic letters.
        func opensWithWord(_ paragraph: Range<Int>) -> Bool {
            guard let first = bytes[paragraph].first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") })
            else { return false }
            return (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
                || (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z"))
                || (first >= 0xC3 && first <= 0xDF)
        }
        var cuts = [0]
        var last = 0
        while last + size < bytes.count {
            var k = paragraphIndex(last + size)
            if k < paragraphs.count && paragraphs[k].lowerBound <= last { k += 1 }
            guard k < paragraphs.count else { break }
            let chosen = (k..<min(k + 64, paragraphs.count)).first { opensWithWord(paragraphs[$0]) } ?? k
            last = paragraphs[chosen].lowerBound
            cuts.append(last)
        }
        return zip(cuts, cuts.dropFirst() + [bytes.count]).map { $0..<$1 }
    }

    /// 0-based index of the paragraph holding byte `offset` (the nearest earlier one
    /// when it falls between paragraphs).
    public func paragraphIndex(_ offset: Int) -> Int {
        max(0, paragraphs.lowerBound(of: offset + 1, by: \.lowerBound) - 1)
    }
}
