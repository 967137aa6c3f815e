import Testing

@testable import WhoSaid

/// A document longer than ``Extractor/sectionBytes`` is read in sections; its rows must
/// be those of reading it whole: offsets into the whole text, speakers resolved across
/// the cuts, row numbers running on.
@Suite struct SectionTests {
    /// People named in full early on, spoken of by surname pages later, with plain
    /// paragraphs between so that cuts fall among them.
    static let text: String = {
        let filler = (1...12).map { "The harbour clock struck \($0) and the cranes stood still over the water." }
        return
            ([
                "Ferry strike enters its second week",
                "Union leader Maria Okonkwo-Reyes said the ferries would stay tied up.",
            ]
            + filler[0..<6]
            + [
                "\"We are not going back without a contract,\" Okonkwo-Reyes said.",
                "Port director Henrik Lindqvist said the offer was fair. \"It stays on the table,\" he said.",
            ]
            + filler[6...]
            + [
                "\"The table is empty,\" Okonkwo-Reyes said.", "Lindqvist said talks would resume on Monday.",
                "\"We will be there,\" Okonkwo-Reyes said.",
            ])
            .joined(separator: "\n\n")
    }()

    static func rows(_ extractor: Extractor) -> [Quote] {
        extractor.extract(Document(id: "long", text: text)).quotes
    }

    @Test func sectionsAreCutAtParagraphStartsAndCoverTheText() {
        let document = Document(id: "long", text: Self.text)
        let sections = document.sections(of: 300)
        #expect(sections.count > 3)
        #expect(sections.first?.lowerBound == 0)
        #expect(sections.last?.upperBound == document.bytes.count)
        for (a, b) in zip(sections, sections.dropFirst()) {
            #expect(a.upperBound == b.lowerBound)
            #expect(document.paragraphs.contains { $0.lowerBound == b.lowerBound })
        }
        #expect(document.sections(of: 1 << 20) == [0..<document.bytes.count])
    }

    @Test(arguments: [true, false])
    func aDocumentReadInSectionsGivesTheRowsOfReadingItWhole(keepingFirstReading: Bool) {
        let whole = Self.rows(extractor)
        var sectioned = extractor
        sectioned.sectionBytes = 300
        if !keepingFirstReading { sectioned.keptPassages = 0 }
        #expect(Document(id: "long", text: Self.text).sections(of: 300).count > 3)
        #expect(Self.rows(sectioned) == whole)
        // The short names late in the text resolve to the full names early on.
        #expect(whole.map(\.speaker).filter { $0 == "Maria Okonkwo-Reyes" }.count == 4)
        #expect(whole.last?.speaker == "Maria Okonkwo-Reyes")
        #expect(whole.map(\.id) == (1...whole.count).map { "q\($0)" })
    }
}
