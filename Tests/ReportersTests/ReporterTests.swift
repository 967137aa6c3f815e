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
