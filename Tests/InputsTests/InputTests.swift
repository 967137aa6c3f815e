import Foundation
import HTMLText
import Testing

@testable import Inputs

@Suite struct HTMLTextTests {
    @Test func dropsScriptsStylesAndNavigationAndKeepsParagraphs() {
        let html = """
            <!DOCTYPE html><html><head><title>T</title><style>p { color: red }</style>
            <script>document.write("“Not a quote,” said Nobody.")</script></head>
            <body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
            <article><h1>Port talks collapse</h1>
            <p>&ldquo;We will act,&rdquo; said   Jane&nbsp;Roe.</p>
            <div>Second <b>paragraph</b> &amp; more<br>after a break</div>
            </article><footer>© Paper</footer></body></html>
            """
        #expect(
            HTMLText.extract(Array(html.utf8))
                == "Port talks collapse\n\n“We will act,” said Jane Roe.\n\nSecond paragraph & more\n\nafter a break")
    }

    @Test func brokenMarkupIsRecovered() {
        #expect(HTMLText.extract(Array("<p>One <i>two<p>Three".utf8)) == "One two\n\nThree")
        #expect(HTMLText.extract([]) == "")
    }
}

@Suite struct DecodingTests {
    @Test func utf16WithByteOrderMarkIsRead() {
        let text = "“Ça va,” she said.\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(TextDecoding.decode(bytes).text == text)
        var big: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 { big += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        #expect(TextDecoding.decode(big).text == text)
    }

    @Test func invalidUTF8IsRepairedWithAWarning() {
        let decoded = TextDecoding.decode([0x22, 0x48, 0xFF, 0x69, 0x22])
        #expect(decoded.text == "\"H\u{FFFD}i\"")
        #expect(decoded.warning == "invalid UTF-8 replaced by U+FFFD; offsets refer to the repaired text")
        #expect(decoded.error == nil)
    }

    @Test func binaryIsRefusedAndBOMKeptSoOffsetsAreTheFiles() {
        #expect(
            TextDecoding.decode([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]).error
                == "looks like a binary file, not text; skipped")
        #expect(TextDecoding.decode([0xEF, 0xBB, 0xBF, 0x41]).text == "\u{FEFF}A")
    }

    @Test func lineReaderYieldsEveryLineAcrossBlocks() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).txt")
        try "one\ntwo\n\nthree-without-newline".write(to: url, atomically: true, encoding: .utf8)
        let lines = try #require(LineReader(path: url.path, blockSize: 3)).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines == ["one", "two", "", "three-without-newline"])
    }

    @Test func foldersAreSearchedRecursivelyInNameOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("b/c"), withIntermediateDirectories: true)
        for name in ["a.txt", "b/c/d.html", "b/skip.png", "b/e.md"] {
            try "x".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let found = InputReader.expand([dir.path, dir.appendingPathComponent("nope.txt").path])
        #expect(found.map { ($0.path as NSString).lastPathComponent } == ["a.txt", "d.html", "e.md", "nope.txt"])
        #expect(found.last?.error == "no such file or folder")
    }

    @Test func foldersAreReadInNaturalOrderWithoutHiddenFilesOrLinkedDuplicates() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".cache"), withIntermediateDirectories: true)
        for name in ["article-10.txt", "article-2.txt", "article-1.txt", ".draft.txt", ".cache/old.txt"] {
            try "x".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("z-link.txt").path, withDestinationPath: "article-1.txt")
        let found = InputReader.expand([dir.path]).map { ($0.path as NSString).lastPathComponent }
        #expect(found == ["article-1.txt", "article-2.txt", "article-10.txt"])
    }

    @Test func aFolderWithNoArticlesIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        #expect(InputReader.expand([dir.path]).first?.error == "no articles (.txt, .md, .html, .jsonl files) in this folder")
    }
}
