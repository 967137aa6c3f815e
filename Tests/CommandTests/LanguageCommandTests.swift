import Foundation
import Testing

/// Each document is read with its language's pack: by the evidence, by `--lang`, or by a
/// JSON Lines record's `"lang"`.
@Suite struct LanguageCommandTests {
    static let german =
        "„Wir handeln“, sagte Bundeskanzlerin Angela Merkel am Montag. Die Lage sei ernst, sagte Merkel."

    @Test func aGermanArticleIsReadWithTheGermanPack() throws {
        let r = try run(["--format", "jsonl"], input: Self.german)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""speaker":"Angela Merkel","speaker_mention":"Bundeskanzlerin Angela Merkel""#))
        #expect(r.stdout.contains(#""type":"indirect","text":"Die Lage sei ernst""#))
        #expect(r.stdout.contains(#""rule":"de_quote_cue_speaker+german_low_high""#))
    }

    @Test func aRecordsLangWinsAndLangForcesAPack() throws {
        let record = #"{"id": "a", "lang": "en", "text": "„Wir handeln“, sagte Merkel."}"#
        let byRecord = try run(["stream"], input: record + "\n")
        #expect(!byRecord.stdout.contains("de_quote_cue_speaker"))
        let forced = try run(["--lang", "de", "--format", "jsonl"], input: "„Wir handeln“, sagte Merkel.")
        #expect(forced.stdout.contains(#""speaker":"Merkel""#))
        let unknown = try run(["--lang", "xx"], input: "text")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no rule pack for the language 'xx'"))
    }

    @Test func aGermanMixedQuoteAlsoGivesEachFragmentAsTheSpeakersDirectQuote() throws {
        let text =
            "Bundeskanzlerin Angela Merkel sagte am Montag, die Lage sei „sehr ernst“ und verlange „rasches Handeln“."
        let r = try run(["--lang", "de", "--format", "csv"], input: text)
        let rows = r.stdout.split(whereSeparator: \.isNewline).dropFirst().map {
            $0.split(separator: ",").map(String.init)
        }
        try #require(rows.count == 3)
        #expect(rows.map { $0[2] } == ["mixed", "direct", "direct"])
        #expect(rows.allSatisfy { $0.contains("Angela Merkel") })
        #expect(rows[1].contains("„sehr ernst“") && rows[2].contains("„rasches Handeln“"))
        // English keeps one mixed row: its pack's fragment_style is [mixed].
        let english = try run(
            ["--format", "csv"], input: "Mayor Jane Roe said the plan was \"a disaster\" for the city.")
        #expect(english.stdout.split(whereSeparator: \.isNewline).count == 2)
    }

    @Test func hearsaySollenAndAPluralSubjunctiveIICarryOnTheLastSpeakersReport() throws {
        let text = """
            Die Staatsanwältin Jana Weber sagte am Montag, die Firma habe Gelder verschoben. \
            Der Kassenwart soll Belege gefälscht haben. Die Prüfer hätten davon nichts gewusst. \
            Der Kassenwart soll am Freitag aussagen. Ohne Belege wäre der Fall verloren.
            """
        let quotes = try extractedQuotes(arguments: ["--lang", "de", "--format", "jsonl"], input: text)
        let rows = quotes.map { ($0["text"] as? String ?? "", $0["speaker"] as? String, $0["via"] as? String) }
        // The two sentences going on are one passage (passage_style: [joined]); the
        // sollen of a plan and the subjunctive II of a condition are no report.
        #expect(rows.map(\.0) == [
            "die Firma habe Gelder verschoben",
            "Der Kassenwart soll Belege gefälscht haben. Die Prüfer hätten davon nichts gewusst",
        ])
        #expect(rows.allSatisfy { $0.1 == "Jana Weber" })
        #expect(rows.dropFirst().allSatisfy { $0.2 == "continuation" })
    }

    @Test func aGermanReportedClauseKeepsItsDassAndEndsWhereASecondPredicateBegins() throws {
        let text = "Die Ministerin Jana Weber teilte mit, dass die Lage „sehr ernst“ sei und kündigte an, den Etat zu erhöhen."
        let quotes = try extractedQuotes(arguments: ["--lang", "de", "--format", "jsonl"], input: text)
        #expect(quotes.map { $0["text"] as? String } == ["dass die Lage „sehr ernst“ sei", "„sehr ernst“", "den Etat zu erhöhen"])
        #expect(quotes.map { $0["type"] as? String } == ["mixed", "direct", "indirect"])
        #expect(quotes.map { $0["cue"] as? String } == ["teilte", "teilte", "kündigte"])
        #expect(quotes.allSatisfy { $0["speaker"] as? String == "Jana Weber" })
    }

    /// A continuing rule's cue right after the comma (the subjunctive habe) once cut the
    /// clause of "Wie X mitteilte," to nothing, and the sentence was lost with its speaker.
    @Test func aSubjunctiveClauseAfterWieXMitteilteIsXs() throws {
        let quotes = try extractedQuotes(
            arguments: ["--lang", "de", "--format", "jsonl"],
            input: "Wie die Polizei am Montag mitteilte, habe ein Bewohner den Brand gemeldet.")
        #expect(quotes.map { $0["text"] as? String } == ["habe ein Bewohner den Brand gemeldet"])
        #expect(quotes.map { $0["speaker"] as? String } == ["die Polizei"])
        #expect(quotes.map { $0["cue"] as? String } == ["mitteilte"])
    }

    @Test func reportedSpeechGoingOnAfterASentenceAboutAKnownPersonIsTheirs() throws {
        let text = """
            Bürgermeisterin Jana Weber sagte am Montag, die Brücke sei sicher. \
            Verkehrsminister Paul Roth reiste am Dienstag nach Bonn. Die Kosten seien viel zu hoch.
            """
        let quotes = try extractedQuotes(arguments: ["--lang", "de", "--format", "jsonl"], input: text)
        #expect(quotes.map { $0["text"] as? String } == ["die Brücke sei sicher", "Die Kosten seien viel zu hoch"])
        #expect(quotes.map { $0["speaker"] as? String } == ["Jana Weber", "Verkehrsminister Paul Roth"])
        #expect(quotes.last?["via"] as? String == "continuation")
        // With no such sentence between them, the report goes on with the last speaker.
        let adjacent = try extractedQuotes(
            arguments: ["--lang", "de", "--format", "jsonl"],
            input: "Bürgermeisterin Jana Weber sagte am Montag, die Brücke sei sicher. Die Kosten seien viel zu hoch.")
        #expect(adjacent.map { $0["speaker"] as? String } == ["Jana Weber", "Jana Weber"])
    }

    @Test func aSentenceOpeningWithARoleAndItsNameSetOffByCommasIsThatPersonsForAQuoteInside() throws {
        let text = """
            Bürgermeisterin Jana Weber sagte am Montag, die Brücke sei sicher.

            Auch der verkehrspolitische Sprecher der Fraktion im Landtag, Paul Roth, will „die Pläne genau prüfen“.
            """
        let quotes = try extractedQuotes(arguments: ["--lang", "de", "--format", "jsonl"], input: text)
        let quote = try #require(quotes.last)
        #expect(quote["text"] as? String == "„die Pläne genau prüfen“")
        #expect(quote["speaker"] as? String == "Paul Roth")
        #expect(quote["role"] as? String == "verkehrspolitische Sprecher der Fraktion im Landtag")
        #expect(quote["via"] as? String == "explicit")
    }

    @Test func aReportedClauseTakesInTheQuoteThatEndsItsSentence() throws {
        let text = """
            Die Ministerin Jana Roe sagte am Montag, die Brücke sei sicher. \
            Sie könne sich vorstellen, dass „im Sommer alles gut werde.“

            Die Kosten seien aber „viel zu hoch.“
            """
        let quotes = try extractedQuotes(arguments: ["--lang", "de", "--format", "jsonl"], input: text)
        let mixed = quotes.filter { $0["type"] as? String == "mixed" }
        #expect(
            mixed.map { $0["text"] as? String } == [
                "Sie könne sich vorstellen, dass „im Sommer alles gut werde.“",
                "Die Kosten seien aber „viel zu hoch.“",
            ])
        #expect(quotes.allSatisfy { $0["speaker"] as? String == "Jana Roe" })
    }

    @Test func theProfileOfAGermanRunNamesTheGermanPacksFiles() throws {
        let r = try run(
            ["--lang", "de", "--profile", "--format", "jsonl"],
            input: "Bürgermeisterin Jana Weber sagte am Montag, die Brücke sei sicher. Dann ging sie.")
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        // A rule of the German pack, and one whose id the English pack uses too.
        let claim = try #require(lines.first { $0.hasPrefix("de_speaker_cue_clause ") })
        #expect(claim.contains(" claim ") && claim.contains("Patterns/de/claims.yaml:"))
        let sentence = try #require(lines.first { $0.hasPrefix("terminal_punctuation ") })
        #expect(sentence.contains("Patterns/de/sentences.yaml:"))
        #expect(!r.stderr.contains("Patterns/en/"))
    }

    @Test func reportedSpeechGoingOnOverSeveralSentencesIsOneRow() throws {
        let text = """
            Bürgermeisterin Jana Weber sagte am Montag, die Brücke sei sicher. Der Verkehr werde bald \
            wieder fließen. Die Kosten seien aber zu hoch.

            Die Stadt habe keine Wahl.
            """
        let quotes = try extractedQuotes(arguments: ["--lang", "de", "--format", "jsonl"], input: text)
        #expect(
            quotes.map { $0["text"] as? String } == [
                "die Brücke sei sicher",
                "Der Verkehr werde bald wieder fließen. Die Kosten seien aber zu hoch",
                "Die Stadt habe keine Wahl",
            ])
        #expect(quotes.allSatisfy { $0["speaker"] as? String == "Jana Weber" })
    }

    @Test func anUnclosedGermanQuoteFullOfStraightMarksDoesNotStopTheQuoteRule() throws {
        // Every straight mark after a blank and before a letter could open or go on;
        // read each once, the quote rule stays within its match limit and the next
        // line's quote is still found.
        let text = "Er sagte: „" + String(repeating: " \"a", count: 40) + "\nSie sagte: „Wir gehen.“"
        let r = try run(["--lang", "de", "--format", "jsonl"], input: text)
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains(#""text":"„Wir gehen.“""#))
    }

    @Test func aGermanLeadInMayEndInACommaBeforeTheQuote() throws {
        let text = "Nach der Wahl könne die Politik dafür sorgen, „dass mehr Wachstum entsteht“, erklärte Jan Weber."
        let quotes = try extractedQuotes(arguments: ["--lang", "de", "--format", "jsonl"], input: text)
        #expect(quotes.map { $0["type"] as? String } == ["mixed", "direct"])
        #expect(quotes.first?["text"] as? String == "Nach der Wahl könne die Politik dafür sorgen, „dass mehr Wachstum entsteht“")
        #expect(quotes.allSatisfy { $0["speaker"] as? String == "Jan Weber" })
    }

    @Test func inAVerbSecondSentenceTheSubjectAfterTheVerbSpeaksAQuoteWithNoCue() throws {
        let text = "Ursprünglich hatte das Landgericht Hamburg die Werbung einen „klaren Verstoß“ genannt."
        let quotes = try extractedQuotes(arguments: ["--lang", "de", "--format", "jsonl"], input: text)
        #expect(quotes.map { $0["text"] as? String } == ["„klaren Verstoß“"])
        #expect(quotes.first?["speaker"] as? String == "das Landgericht Hamburg")
        // Das is a pronoun right before the verb, and the subject follows the verb; before a
        // noun it is the subject's article.
        let pronoun = try extractedQuotes(
            arguments: ["--lang", "de", "--format", "jsonl"],
            input: "Das nannte die Polizei Hamburg am Montag einen „klaren Verstoß“.")
        #expect(pronoun.map { $0["speaker"] as? String } == ["die Polizei Hamburg"])
        let article = try extractedQuotes(
            arguments: ["--lang", "de", "--format", "jsonl"],
            input: "Das Komitee in Bergen würdigte damit ihren Einsatz für eine „offene und faire Fischerei“.")
        #expect(article.map { $0["speaker"] as? String } == ["Das Komitee in Bergen"])
        // A sentence adverb is no speaker: with no subject after the verb, no row.
        let adverb = try extractedQuotes(arguments: ["--lang", "de", "--format", "jsonl"], input: "Zwar bleibt es „offen“.")
        #expect(adverb.isEmpty)
    }

    @Test func patternsTestRunsEveryLanguage() throws {
        let r = try run(["patterns", "test"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("en: ") && r.stdout.contains("de: "))
    }
}

/// The quotes `whosaid extract` gives for one file, as parsed JSON.
func extractedQuotes(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
    try extractedQuotes(arguments: ["extract", "--format", "jsonl", path], sourceLocation: sourceLocation)
}

/// The quotes of the one JSON Lines record a run with `arguments` prints for `input`.
func extractedQuotes(
    arguments: [String], input: String = "", sourceLocation: SourceLocation = #_sourceLocation
) throws -> [[String: Any]] {
    let r = try run(arguments, input: input)
    #expect(r.status == 0, "\(r.stderr)", sourceLocation: sourceLocation)
    let object = try #require(
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], sourceLocation: sourceLocation)
    return try #require(object["quotes"] as? [[String: Any]], sourceLocation: sourceLocation)
}

/// A Markdown article is read through libcmark: emphasis, links, headings, lists and
/// block quotes give the rows of the same article as plain text, at offsets into the file.
@Suite struct MarkdownInputTests {
    struct Row: Equatable {
        let type: String
        let speaker: String?
        let cue: String?
        let via: String
    }

    func rows(_ path: String) throws -> [(Row, start: Int, end: Int)] {
        try extractedQuotes(path).map { q in
            (
                Row(
                    type: q["type"] as? String ?? "", speaker: q["speaker"] as? String, cue: q["cue"] as? String,
                    via: q["via"] as? String ?? ""),
                q["start"] as? Int ?? -1, q["end"] as? Int ?? -1
            )
        }
    }

    @Test func theMarkdownFixtureGivesTheRowsOfThePlainOne() throws {
        let plain = try rows(checkout.appendingPathComponent("Fixtures/harbour-strike.txt").path)
        let markdownPath = checkout.appendingPathComponent("Fixtures/harbour-strike.md").path
        let markdown = try rows(markdownPath)
        #expect(markdown.map(\.0) == plain.map(\.0))
        // Offsets point into the Markdown file as it is on disk.
        let file = Array(try String(contentsOfFile: markdownPath, encoding: .utf8).unicodeScalars)
        for (_, start, end) in markdown {
            let span = String(String.UnicodeScalarView(file[start..<end]))
            #expect(span.first == "\"" || span.first == "“" || span.first?.isLetter == true, "\(span)")
        }
    }
}

/// Saved web pages of a dozen layouts (`Fixtures/pages/`, written by
/// `scripts/make-page-fixtures.py`): the story's rows, none from comments, ads or promos.
@Suite struct WebPageTests {
    static let pages: [String] = {
        let folder = checkout.appendingPathComponent("Fixtures/pages").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".html") }
            .sorted()
    }()

    func rows(_ path: String) throws -> [String] {
        try extractedQuotes(path).map { q in
            ["type", "text", "speaker", "role", "cue", "via"].map { "\(q[$0] ?? "-")" }.joined(separator: " | ")
        }
    }

    @Test func thereAreADozenPages() {
        #expect(Self.pages.count == 12)
    }

    @Test(arguments: pages)
    func aSavedPageGivesTheStorysRowsAndNoneFromItsFurniture(page: String) throws {
        let plain = try rows(checkout.appendingPathComponent("Fixtures/harbour-strike.txt").path)
        let saved = try rows(checkout.appendingPathComponent("Fixtures/pages/\(page)").path)
        #expect(saved == plain)
        #expect(saved.allSatisfy { !$0.contains("Tom Hale") && !$0.contains("Shopmart") && !$0.contains("Lee Grant") })
    }
}

/// The command behaves like a good Unix tool in the small things.
@Suite struct CommandManners {
    @Test func theOutputFilesExtensionChoosesTheFormat() throws {
        let dir = try temporaryDirectory()
        let fixture = checkout.appendingPathComponent("Fixtures/harbour-strike.txt").path
        for (name, start) in [("out.csv", "document,id,type"), ("out.jsonl", "{\"id\":"), ("out.md", "| # |")] {
            let path = dir.appendingPathComponent(name).path
            let r = try run(["-o", path, fixture])
            #expect(r.status == 0)
            #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix(start), "\(name)")
        }
        let forced = dir.appendingPathComponent("forced.csv").path
        _ = try run(["--format", "jsonl", "-o", forced, fixture])
        #expect(try String(contentsOfFile: forced, encoding: .utf8).hasPrefix("{\"id\":"))
    }

    @Test func optionsTheFormatIgnoresAreNamed() throws {
        let r = try run(["--bom", "--include-text"], input: "\"Yes,\" said Kim Lee.")
        #expect(r.status == 0)
        #expect(r.stderr.contains("whosaid: warning: --bom (CSV only) has no effect with --format markdown"))
        #expect(r.stderr.contains("--include-text (JSON and JSON Lines only)"))
    }

    @Test func anEmptyFolderIsAnErrorNotSilence() throws {
        let dir = try temporaryDirectory()
        let r = try run([dir.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no articles (.txt, .md, .html, .jsonl files) in this folder"))
    }

    @Test func versionAndABrokenGoldFileSayWhatTheyAre() throws {
        #expect(try run(["--version"]).stdout.hasPrefix("whosaid "))
        let dir = try temporaryDirectory()
        let gold = dir.appendingPathComponent("gold.jsonl")
        try "{\"id\": \"a\", \"text\": \"x\", \"quotes\": []}\n\n{\"id\": 1\n".write(
            to: gold, atomically: true, encoding: .utf8)
        let r = try run(["eval", gold.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("gold.jsonl: line 3: not a JSON object"))
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
    }
}

@Suite struct InstallTests {
    /// What `make install PREFIX=…` lays out: the binary finds its pack in
    /// PREFIX/share/whosaid/Patterns from any directory, with no checkout beside it.
    @Test func anInstalledBinaryFindsItsPack() throws {
        let prefix = try temporaryDirectory()
        let bin = prefix.appendingPathComponent("bin")
        let share = prefix.appendingPathComponent("share/whosaid")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: whosaid, to: bin.appendingPathComponent("whosaid"))
        try FileManager.default.copyItem(
            at: checkout.appendingPathComponent("Patterns"), to: share.appendingPathComponent("Patterns"))
        let process = Process()
        process.executableURL = bin.appendingPathComponent("whosaid")
        process.arguments = ["--format", "csv", "--lang", "en"]
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let (input, output) = (Pipe(), Pipe())
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data("\"Yes,\" said Kim Lee.\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains(",Kim Lee,"))
    }
}

@Suite struct ErrorStyleTests {
    @Test func everyErrorStartsWithWhosaidAndExitsOne() throws {
        for arguments in [["--lang", "xx"], ["--quotes", "nonsense"], ["eval", "/nonexistent/gold.jsonl"]] {
            let r = try run(arguments, input: "text")
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr.hasPrefix("whosaid: "), "\(arguments): \(r.stderr)")
        }
    }
}

@Suite struct RunSummaryTests {
    @Test func theSummaryOfSeveralDocumentsEndsWithTheWholeRun() throws {
        let dir = try temporaryDirectory()
        let fixture = checkout.appendingPathComponent("Fixtures/harbour-strike.txt")
        for name in ["a.txt", "b.txt"] {
            try FileManager.default.copyItem(at: fixture, to: dir.appendingPathComponent(name))
        }
        let markdown = try run(["--summary", dir.path])
        #expect(markdown.stdout.contains("## All 2 documents"))
        #expect(markdown.stdout.contains("| Maria Okonkwo-Reyes | 10 | 6 | 2 | 2 | 2 |  |"))
        let csv = try run(["--summary", "--format", "csv", dir.path])
        #expect(csv.stdout.contains("(all documents),Maria Okonkwo-Reyes,10,6,2,2,,,false\r\n"))
    }
}

@Suite struct OffsetsAndSummaryTests {
    @Test func offsetsAreTheFilesEvenAfterAByteOrderMark() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("bom.txt")
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("\"We will act,\" said Jane Roe.\n".utf8)
        try Data(bytes).write(to: file)
        let q = try #require(try extractedQuotes(file.path).first)
        #expect(q["byte_start"] as? Int == 3 && q["byte_end"] as? Int == 17)
        #expect(q["start"] as? Int == 1 && q["end"] as? Int == 15)
        #expect(String(decoding: bytes[3..<17], as: UTF8.self) == q["text"] as? String)
    }

    @Test func everyRowWithASpeakerSaysWhereTheSpeakerStands() throws {
        let fixture = checkout.appendingPathComponent("Fixtures/harbour-strike.txt").path
        let text = Array(try String(contentsOfFile: fixture, encoding: .utf8).unicodeScalars)
        for q in try extractedQuotes(fixture) where q["speaker"] as? String != nil {
            let start = try #require(q["speaker_start"] as? Int, "\(q["id"] ?? "")")
            let end = try #require(q["speaker_end"] as? Int)
            #expect(String(String.UnicodeScalarView(text[start..<end])) == q["speaker_mention"] as? String)
        }
    }

    @Test func theSummaryIsAlsoJSON() throws {
        let fixture = checkout.appendingPathComponent("Fixtures/harbour-strike.txt").path
        let r = try run(["--summary", "--format", "json", fixture])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let documents = try #require(object["documents"] as? [[String: Any]])
        let all = try #require(object["all"] as? [[String: Any]])
        #expect(documents.count == 1)
        #expect(all.first?["speaker"] as? String == "Maria Okonkwo-Reyes")
        #expect(all.first?["quotes"] as? Int == 5)
    }
}

@Suite struct ProgressTests {
    @Test func progressCountsFilesAndEndsWithWhatTheRunDid() throws {
        let dir = try temporaryDirectory()
        let fixture = checkout.appendingPathComponent("Fixtures/harbour-strike.txt")
        for n in 1...3 { try FileManager.default.copyItem(at: fixture, to: dir.appendingPathComponent("a\(n).txt")) }
        let r = try run(["--format", "csv", dir.path], environment: ["WHOSAID_PROGRESS": "1"])
        #expect(r.stderr.contains("whosaid: 3 documents of 3 files"))
        #expect(r.stderr.contains("%"))
        #expect(r.stderr.contains("whosaid: 3 documents, 45 rows, 0 skipped"))
    }
}
