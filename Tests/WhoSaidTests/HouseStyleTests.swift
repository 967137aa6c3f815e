import Foundation
import RulePacks
import Testing

@testable import WhoSaid

/// The same article in other house styles gives the same rows: rewrites that keep every
/// character's offset (hard wraps, British single marks, curly or straight marks) must
/// give the very same speakers, types, cues and spans; CRLF line endings the same rows
/// with the text as written.
@Suite struct HouseStyleTests {
    static let article: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/harbour-strike.txt")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// What must not change: everything but the text and the rule that found the marks.
    struct Row: Equatable, CustomStringConvertible {
        let type: QuoteType
        let start: Int
        let end: Int
        let speaker: String?
        let cue: String?
        let via: Via
        var description: String { "\(type) \(start)..<\(end) \(speaker ?? "-") \(cue ?? "-") \(via)" }
    }

    func rows(_ text: String) -> [Row] {
        quotes(text).map { Row(type: $0.type, start: $0.start, end: $0.end, speaker: $0.speaker, cue: $0.cue, via: $0.via) }
    }

    /// Hard line breaks at `width` columns inside paragraphs, as mail and wire copy have
    /// them: the last blank before the column becomes a line break.
    static func wrapped(_ text: String, width: Int) -> String {
        var out = Array(text.unicodeScalars)
        var column = 0
        var lastBlank: Int?
        for (i, c) in out.enumerated() {
            if c == "\n" {
                column = 0
                lastBlank = nil
                continue
            }
            if c == " " { lastBlank = i }
            column += 1
            if column > width, let blank = lastBlank {
                out[blank] = "\n"
                column = i - blank
                lastBlank = nil
            }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: out)
        return result
    }

    static func replacing(_ text: String, _ map: [Character: Character]) -> String {
        String(text.map { map[$0] ?? $0 })
    }

    @Test func theFixtureHasItsRows() {
        #expect(rows(Self.article).count == 15)
    }

    @Test(arguments: [60, 72])
    func hardWrappedLinesGiveTheSameRows(width: Int) {
        let text = Self.wrapped(Self.article, width: width)
        #expect(text.contains("\n") && text != Self.article)
        #expect(rows(text) == rows(Self.article))
    }

    @Test func britishSingleMarksGiveTheSameRows() {
        let text = Self.replacing(Self.article, ["\"": "'", "“": "‘", "”": "’"])
        #expect(rows(text) == rows(Self.article))
    }

    @Test func straightAndCurlyMarksGiveTheSameRows() {
        let straight = Self.replacing(Self.article, ["“": "\"", "”": "\"", "‘": "'", "’": "'"])
        #expect(rows(straight) == rows(Self.article))
    }

    @Test func wrappedAndSingleTogetherGiveTheSameRows() {
        let text = Self.wrapped(Self.replacing(Self.article, ["\"": "'", "“": "‘", "”": "’"]), width: 64)
        #expect(rows(text) == rows(Self.article))
    }

    @Test func windowsLineEndingsGiveTheSameRowsWithTheirOwnOffsets() {
        let crlf = Self.article.replacingOccurrences(of: "\n", with: "\r\n")
        let plain = quotes(Self.article)
        let windows = quotes(crlf)
        #expect(windows.map(\.text) == plain.map(\.text))
        #expect(windows.map(\.speaker) == plain.map(\.speaker))
        #expect(windows.map(\.cue) == plain.map(\.cue))
    }

    @Test func aWrappedQuoteKeepsItsLineBreakInItsText() throws {
        let text = "\"We did not want this strike, but the company left us\nno choice,\" Maria Okonkwo-Reyes told reporters on the\npicket line.\n"
        let q = try #require(quotes(text).first)
        #expect(q.text == "\"We did not want this strike, but the company left us\nno choice,\"")
        #expect(q.speaker == "Maria Okonkwo-Reyes")
    }

    @Test func shortLinesStayParagraphs() {
        // A heading, a byline and a list are not wrapped prose.
        let text = "Harbour strike enters day two\nBy Jo Kim\n\n- Cranes idle\n- Ferries late\n"
        let document = Document(id: "t", text: text)
        #expect(document.softWraps == 0)
        #expect(document.paragraphs.count == 4)
    }

    @Test func aTranscriptTurnInAWrappedTextStartsItsOwnParagraph() {
        let line = String(repeating: "word ", count: 13) + "end"
        let text = "\(line)\n\(line)\nROE: We will not move.\n\(line)\n\(line)\n"
        let document = Document(id: "t", text: text)
        #expect(document.wrapWidth != nil)
        #expect(document.paragraphs.count == 3)
    }
}

/// The same for a German article (the fixture is written for this test): „…“ closed by a
/// straight " or by ‘, as keyboards and web pages have it, and hard-wrapped lines give the
/// German pack's rows of the published text.
@Suite struct GermanHouseStyleTests {
    static let article: String = {
        (try? String(contentsOfFile: checkoutPath("Fixtures/hafenstreik.txt"), encoding: .utf8)) ?? ""
    }()

    static let german: Extractor = {
        do { return Extractor(rules: try RuleSet.loadDefault(language: "de", environment: [:])) } catch {
            fatalError("\(error)")
        }
    }()

    func rows(_ text: String) -> [HouseStyleTests.Row] {
        Self.german.extract(Document(id: "test", text: text)).quotes.map {
            HouseStyleTests.Row(
                type: $0.type, start: $0.start, end: $0.end, speaker: $0.speaker, cue: $0.cue, via: $0.via)
        }
    }

    /// A short German paragraph is prose, not a headline, though its nouns are capitalised:
    /// the name and role set off after the cue make an entity, and a later surname is
    /// that person in full (`headline_style: []`).
    @Test func aShortParagraphOfCapitalisedNounsIsNoHeadline() {
        let text = """
            „Das ist ein schwarzer Tag für den Hafen“, erklärte Jana Roe, Sprecherin der Reederei, am Montag in Kiel.

            Roe sagte, die Fähren blieben bis Mai im Hafen.
            """
        let quotes = Self.german.extract(Document(id: "test", text: text)).quotes
        #expect(quotes.count == 2)
        #expect(quotes.first?.role == "Sprecherin")
        #expect(quotes.last?.speaker == "Jana Roe")
    }

    @Test func theFixtureHasItsRows() {
        let rows = rows(Self.article)
        #expect(rows.count == 10)
        #expect(Set(rows.compactMap(\.speaker)).isSuperset(of: ["Henrik Albers", "Karin Uthoff", "Polizei"]))
    }

    @Test(arguments: [60, 72])
    func hardWrappedLinesGiveTheSameRows(width: Int) {
        let text = HouseStyleTests.wrapped(Self.article, width: width)
        #expect(text != Self.article)
        #expect(rows(text) == rows(Self.article))
    }

    @Test func aStraightOrASingleClosingMarkGivesTheSameRows() {
        let straight = HouseStyleTests.replacing(Self.article, ["“": "\"", "”": "\""])
        let single = HouseStyleTests.replacing(Self.article, ["“": "‘", "”": "’"])
        #expect(straight != Self.article && single != Self.article)
        #expect(rows(straight) == rows(Self.article))
        #expect(rows(single) == rows(Self.article))
    }
}
