import Foundation
import Testing

/// Each document is read with its language's pack: by the evidence, by `--lang`, or by a
/// JSON Lines record's `"lang"`.
@Suite struct LanguageCommandTests {
    static let german = "„Wir handeln“, sagte Bundeskanzlerin Angela Merkel am Montag. Die Lage sei ernst, sagte Merkel."

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

    @Test func patternsTestRunsEveryLanguage() throws {
        let r = try run(["patterns", "test"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("en: ") && r.stdout.contains("de: "))
    }
}
