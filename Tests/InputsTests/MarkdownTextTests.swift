import MarkdownText
import Testing

@Suite struct MarkdownTextTests {
    @Test func markupBecomesBlanksAndEveryOffsetStays() {
        let markdown = "# Strike\n\n**Kim** said [it](https://x.org) was *over*.\n\n> \"Go,\" she said.\n\n- one item\n"
        let readable = MarkdownText.readable(markdown)
        #expect(readable.utf8.count == markdown.utf8.count)
        #expect(readable == "  Strike\n\n  Kim   said  it                 was  over .\n\n  \"Go,\" she said.\n\n  one item\n")
    }

    @Test func entitiesAndNonASCIIKeepTheirPlaces() {
        let markdown = "Zoë said _“déjà vu”_ &amp; left."
        let readable = MarkdownText.readable(markdown)
        #expect(readable.utf8.count == markdown.utf8.count)
        #expect(readable.hasPrefix("Zoë said  “déjà vu”  "))
    }
}
