import RulePacks

/// Sentence boundaries, found by the `sentence` rules on the masked text (so a period
/// inside a quote never ends the surrounding sentence) and by paragraph ends.
struct Sentences {
    /// Sorted byte offsets where a sentence ends (exclusive).
    private let ends: [Int]
    private let document: Document

    init(masked: [UInt8], document: Document, rules: [Rule], runner: RuleRunner) {
        // Only the paragraphs of the section being read, when the runner reads one.
        let paragraphs = runner.section.map { section in
            document.paragraphs[
                document.paragraphIndex(
                    section.lowerBound)...document.paragraphIndex(max(section.lowerBound, section.upperBound - 1))]
        }
        var ends: [Int] = (paragraphs ?? document.paragraphs[...]).map(\.upperBound)
        for rule in rules {
            runner.forEachMatch(rule, in: masked, document: document.id) { m in
                ends.append(m.range(named: "end")?.lowerBound ?? m.range.upperBound)
            }
        }
        self.ends = Array(Set(ends)).sorted()
        self.document = document
    }

    /// The sentence before the one starting at `start` (a `bounds(of:)` lower bound), when
    /// the same paragraph holds it.
    func sentence(before start: Int) -> Range<Int>? {
        var last = start - 1
        while last > 0, document.bytes[last] == UInt8(ascii: " ") || document.bytes[last] == UInt8(ascii: "\t") {
            last -= 1
        }
        guard last >= 0, document.paragraphIndex(last) == document.paragraphIndex(start) else { return nil }
        return bounds(of: last)
    }

    /// The sentence before the one starting at `start`, also the last of the paragraph
    /// before when `start` opens a paragraph.
    func sentence(beforeAcrossParagraphs start: Int) -> Range<Int>? {
        if let before = sentence(before: start) { return before }
        let paragraph = document.paragraphIndex(start)
        guard paragraph > 0, document.paragraphs[paragraph].lowerBound == start else { return nil }
        return bounds(of: max(0, document.paragraphs[paragraph - 1].upperBound - 1))
    }

    /// The sentence around byte `offset`: from the previous end (past blanks) to the next.
    func bounds(of offset: Int) -> Range<Int> {
        let paragraph =
            document.paragraphs.isEmpty
            ? 0..<document.bytes.count
            : document.paragraphs[document.paragraphIndex(offset)]
        let lo = ends.lowerBound(of: offset + 1)
        var start = lo > 0 ? max(ends[lo - 1], paragraph.lowerBound) : paragraph.lowerBound
        let end = lo < ends.count ? min(ends[lo], max(paragraph.upperBound, offset)) : paragraph.upperBound
        while start < end && (document.bytes[start] == UInt8(ascii: " ") || document.bytes[start] == UInt8(ascii: "\t"))
        {
            start += 1
        }
        return start..<max(start, end)
    }
}
