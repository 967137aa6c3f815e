import Foundation
import Testing

@testable import Reporters
@testable import WhoSaid

func sampleQuote(text: String, speaker: String? = "Jane Roe") -> Quote {
    Quote(
        id: "q1", type: .direct, text: text, start: 0, end: text.unicodeScalars.count, byteStart: 0,
        byteEnd: text.utf8.count, speaker: speaker, speakerMention: speaker, speakerStart: 20, speakerEnd: 28,
        role: "spokeswoman", affiliation: nil, cue: "said", via: .explicit, anonymous: false, rule: "quote_speaker_cue",
        paragraph: 1)
}

@Suite struct ReporterTests {
    @Test func csvQuotesFieldsWithQuotesCommasAndLineBreaks() {
        #expect(CSVReporter.escape("plain") == "plain")
        #expect(CSVReporter.escape(#""Yes," she said"#) == #""""Yes,"" she said""#)
        #expect(CSVReporter.escape("two\nlines") == "\"two\nlines\"")
        let rows = CSVReporter.rows(document: "doc, 1", quotes: [sampleQuote(text: "\"We act,\"\nZoë said")])
        #expect(
            rows
                == "\"doc, 1\",q1,direct,\"\"\"We act,\"\"\nZoë said\",0,18,0,19,Jane Roe,Jane Roe,20,28,spokeswoman,,said,explicit,false,quote_speaker_cue,1\r\n"
        )
    }

    @Test func csvHeaderHasEveryContractField() {
        #expect(
            CSVReporter.header
                == "document,id,type,text,start,end,byte_start,byte_end,speaker,speaker_mention,speaker_start,speaker_end,role,affiliation,cue,via,anonymous,rule,paragraph\r\n"
        )
    }

    @Test func jsonLineIsValidAndKeepsFieldOrder() throws {
        let line = JSONReporter.line(id: "a\"1", quotes: [sampleQuote(text: "\"Hi\"\t\u{1}", speaker: nil)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "a\"1")
        let quote = try #require((object["quotes"] as? [[String: Any]])?.first)
        #expect(quote["text"] as? String == "\"Hi\"\t\u{1}")
        #expect(quote["speaker"] is NSNull)
        #expect(line.hasPrefix(#"{"id":"a\"1","quotes":[{"id":"q1","type":"direct","text":"\"Hi\"\t\u0001","start":0"#))
    }

    @Test func markdownEscapesPipesAndLineBreaks() {
        let table = MarkdownReporter.table(heading: "a|b", quotes: [sampleQuote(text: "\"x | y\nz\"")])
        #expect(table.contains(#"| q1 | direct | "x \| y<br>z" | Jane Roe |"#))
        #expect(table.hasPrefix("## a\\|b\n\n| # | type | quote |"))
    }
}

@Suite struct AuditPageTests {
    func quote(_ n: Int, speaker: String?, via: Via = .explicit) -> Quote {
        Quote(
            id: "q\(n)", type: .direct, text: "\"x\"", start: 0, end: 3, byteStart: 0, byteEnd: 3, speaker: speaker,
            speakerMention: nil, speakerStart: nil, speakerEnd: nil, role: nil, affiliation: nil, cue: nil, via: via,
            anonymous: false, rule: "r", paragraph: 1)
    }

    @Test func twentySpeakersShareNoLookAndTheFirstDozenNoColour() {
        let quotes = (1...20).map { quote($0, speaker: "Speaker \($0)") }
        let looks = HTMLReporter.looks(quotes)
        let all = quotes.compactMap { $0.speaker.flatMap { looks[$0] } }.map { "\($0.colour) \($0.outline)" }
        #expect(Set(all).count == 20)
        #expect(Set(all.prefix(12).map { $0.split(separator: " ")[0] }).count == 12)
    }

    @Test func theLegendListsEverySpeakerWithItsCountAndTheIndexEveryArticle() {
        let page = HTMLReporter.page([
            (id: "a.txt", text: "\"x\" one", quotes: [quote(1, speaker: "Ann Lee"), quote(2, speaker: "Ann Lee")]),
            (id: "b.txt", text: "\"x\" two", quotes: [quote(1, speaker: nil, via: .none)]),
        ])
        #expect(page.contains(#"value="Ann Lee"> <span class="swatch""#))
        #expect(page.contains(#"Ann Lee <span class="count">2</span>"#))
        #expect(page.contains(#"no speaker <span class="count">1</span>"#))
        #expect(page.contains(##"<li><a href="#d1">a.txt</a> — 2 quotes</li>"##))
        #expect(page.contains("Export corrections"))
        #expect(page.contains("@media print"))
    }
}

@Suite struct MarkdownCellTests {
    @Test func markupAndHTMLInAQuoteShowAsWrittenAndRunNothing() {
        #expect(
            MarkdownReporter.cell("<img src=x onerror=alert(1)> [link](javascript:x) *bold* _it_ a|b")
                == #"&lt;img src=x onerror=alert(1)&gt; \[link\](javascript:x) \*bold\* \_it\_ a\|b"#)
        #expect(MarkdownReporter.cell("quote_cue_speaker+double_straight") == "quote_cue_speaker+double_straight")
    }
}
