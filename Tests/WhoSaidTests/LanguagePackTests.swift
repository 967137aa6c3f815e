import Foundation
import RulePacks
import Testing

@testable import WhoSaid

/// The engine holds no language: a small pack for Esperanto, made up here, gives rows
/// through the whole pipeline, and a pack that lacks a lexicon the engine reads is refused.
@Suite struct LanguagePackTests {
    /// The shared core of the default pack: quotation marks and masking.
    static func core() throws -> [(String, String)] {
        let folder = checkoutPath("Patterns/core")
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { ($0, try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)) }
    }

    static let lexicons = ResolutionWords.required.filter { $0 != "language_evidence" && $0 != "role_noun" }
        .map { "  \($0):\n    description: none in this pack\n    words: []\n" }.joined()

    static let esperanto = """
        version: 1
        lexicons:
        \(lexicons)  language_evidence:
            description: Frequent Esperanto words.
            words: [la, kaj, estas, ke, de, diris]
          role_noun:
            description: Roles before a name.
            words: [ministro, urbestro]
          not_speaker_label:
            description: Labels that name no speaker.
            words: [NOTO]
          abbreviation:
            description: Abbreviations.
            words: [s-ro]
          speech_verb:
            description: Verbs of saying.
            words: [diris, aldonis, skribis]
          eo_name:
            description: One or two capitalised words.
            pattern: \\p{Lu}\\p{Ll}+(?:\\h\\p{Lu}\\p{Ll}+)?
        rules:
          - id: eo_sentence_end
            kind: sentence
            description: A period before a blank and a capital.
            pattern: '[.!?](?<end>)(?=\\s+\\p{Lu})'
          - id: eo_role_name
            kind: mention
            description: A role before a name (urbestro Maria Kovač).
            pattern: (?<role>(?&role_noun))\\h(?<name>(?&eo_name))
          - id: eo_quote_cue_speaker
            kind: attribution
            description: A quote, the cue, the speaker.
            pattern: (?<quote>(?&masked_quote)),?\\h(?<cue>(?&speech_verb))\\h(?:(?&role_noun)\\h)?(?<speaker>(?&eo_name))
          - id: eo_speaker_cue_clause
            kind: claim
            span: after
            description: A speaker, a cue, a comma and ke, then the clause.
            pattern: (?<speaker>(?&eo_name))\\h(?<cue>(?&speech_verb)),\\h(?:ke\\h)?
          - id: eo_clause_end
            kind: clause
            description: Where the writer takes over.
            pattern: ',\\hsed\\h'
        """

    @Test func aPackForAnotherLanguageGivesItsRows() throws {
        let rules = try RuleSet.load(texts: [try Self.core(), [("eo.yaml", Self.esperanto)]])
        try Extractor.checkContract(rules, language: "eo")
        let text = "\"Ni agos,\" diris urbestro Maria Kovač. Petro diris, ke la haveno restos fermita."
        let found = Extractor(rules: rules).extract(Document(id: "eo", text: text)).quotes
        try #require(found.count == 2)
        #expect(found[0].text == "\"Ni agos,\"")
        #expect(found[0].speaker == "Maria Kovač")
        #expect(found[0].role == "urbestro")
        #expect(found[0].cue == "diris")
        #expect(found[1].type == .indirect)
        #expect(found[1].text == "la haveno restos fermita")
        #expect(found[1].speaker == "Petro")
    }

    /// The rows of `text` read with the Esperanto pack, one more rule file, and the sieve
    /// steps `steps` (the pack itself switches every step off).
    static func quotes(_ text: String, adding file: String, steps: String = "[]") throws -> [Quote] {
        let esperanto = esperanto.replacingOccurrences(
            of: "  sieve_step:\n    description: none in this pack\n    words: []",
            with: "  sieve_step:\n    description: The sieve's steps.\n    words: \(steps)")
        let rules = try RuleSet.load(texts: [try core(), [("eo.yaml", esperanto), ("more.yaml", file)]])
        return Extractor(rules: rules).extract(Document(id: "eo", text: text)).quotes
    }

    /// An agentless passive ("it was announced that …") is reported speech with no
    /// speaker: an `unnamed` rule gives it as a row with an empty speaker, where the same
    /// rule without the field only ends the clause before it.
    @Test func anUnnamedClauseIsARowWithNoSpeaker() throws {
        let passive = """
            version: 1
            rules:
              - id: eo_passive_clause
                kind: claim
                span: after
                unnamed: true
                description: It was announced that … (estis anoncite, ke …).
                pattern: (?i:estis)\\h(?<cue>anoncite),\\hke\\h
            """
        let text = "Petro diris, ke la haveno restos fermita. Hieraŭ estis anoncite, ke la ponto estas riparita."
        let found = try Self.quotes(text, adding: passive)
        try #require(found.count == 2)
        #expect(found[1].text == "la ponto estas riparita")
        #expect(found[1].speaker == nil)
        #expect(found[1].cue == "anoncite")
        #expect(found[1].rule == "eo_passive_clause")
        let predicate = passive.replacingOccurrences(of: "    unnamed: true\n", with: "")
        #expect(try Self.quotes(text, adding: predicate).map(\.text) == ["la haveno restos fermita"])
    }

    /// `span: previous`: the report is the sentence before the one naming its speaker
    /// ("The port stays closed. That was announced by the city."), in the same paragraph only.
    @Test func aPreviousSpanIsTheSentenceBeforeInItsParagraph() throws {
        let that = """
            version: 1
            rules:
              - id: eo_that_said_speaker
                kind: claim
                span: previous
                description: Tion diris X (That said X), naming who said the sentence before.
                pattern: (?<=\\.\\h)(?i:tion)\\h(?<cue>(?&speech_verb))\\h(?<speaker>(?&eo_name))
            """
        let found = try Self.quotes("La haveno restos fermita. Tion diris Petro. La ponto estas riparita.", adding: that)
        #expect(found.map(\.text) == ["La haveno restos fermita"])
        #expect(found.map(\.speaker) == ["Petro"])
        #expect(found.map(\.rule) == ["eo_that_said_speaker"])
        // A paragraph break between them: the sentence before is another paragraph's.
        #expect(try Self.quotes("La haveno restos fermita.\n\nTion diris Petro.", adding: that).isEmpty)
    }

    /// A clause that goes on with a report ("Accordingly, …") is the last speaker's when
    /// one spoke just before; with `unnamed` it is a row with no speaker otherwise, and
    /// without it no row.
    @Test func aContinuingClauseIsTheLastSpeakersOrUnnamed() throws {
        let goesOn = """
            version: 1
            rules:
              - id: eo_accordingly
                kind: claim
                continues: true
                unnamed: true
                description: Accordingly, … (Laŭe …).
                pattern: (?<=\\.\\h|^)(?<content>(?<cue>Laŭe)\\h[^.\\n]+)
            """
        func rows(_ pack: String, _ text: String, steps: String = "[]") throws -> [(String, String?)] {
            try Self.quotes(text, adding: pack, steps: steps).map { ($0.text, $0.speaker) }
        }
        // The made-up pack switches every sieve step off; continuation is the one this needs.
        let after = try rows(
            goesOn, "Petro diris, ke la haveno restos fermita. Laŭe la ŝipoj atendos", steps: "[continuation]")
        #expect(after.map(\.0) == ["la haveno restos fermita", "Laŭe la ŝipoj atendos"])
        #expect(after.map(\.1) == ["Petro", "Petro"])
        let alone = try rows(goesOn, "La raporto aperis. Laŭe la ŝipoj atendos")
        #expect(alone.map(\.0) == ["Laŭe la ŝipoj atendos"])
        #expect(alone.map(\.1) == [nil])
        let continuesOnly = goesOn.replacingOccurrences(of: "    unnamed: true\n", with: "")
        #expect(try rows(continuesOnly, "La raporto aperis. Laŭe la ŝipoj atendos").isEmpty)
    }

    @Test func anUnnamedClauseWithASpeakerGroupIsRefused() throws {
        let contradictory = """
            version: 1
            rules:
              - id: eo_named_passive
                kind: claim
                span: after
                unnamed: true
                description: A passive that names its speaker after all.
                pattern: (?<speaker>\\p{Lu}\\p{Ll}+)\\h(?<cue>anoncis),\\h
            """
        #expect {
            try RuleSet.load(texts: [try Self.core(), [("eo.yaml", Self.esperanto), ("bad.yaml", contradictory)]])
        } throws: { error in
            "\(error)".contains("bad.yaml:3: rule eo_named_passive: a 'unnamed' clause names no speaker")
        }
    }

    @Test func aPackWithoutALexiconTheEngineReadsIsRefusedNamingIt() throws {
        let lacking = Self.esperanto.replacingOccurrences(of: "  verb_adverb:\n", with: "  unused_list:\n")
        let rules = try RuleSet.load(texts: [try Self.core(), [("eo.yaml", lacking)]])
        #expect {
            try Extractor.checkContract(rules, language: "eo")
        } throws: { error in
            "\(error)".contains("the 'eo' pack lacks lexicons the engine reads: verb_adverb")
        }
    }

    @Test func theLanguageIsChosenByEachPacksEvidenceWords() throws {
        let packs = LanguagePacks(languages: ["en", "de"]) { try RuleSet.loadDefault(language: $0, environment: [:]) }
        #expect(try packs.detect("Die Regierung hat am Montag erklärt, dass sie nicht zurücktreten werde.") == "de")
        #expect(try packs.detect("The government said on Monday that it would not resign.") == "en")
        #expect(try packs.detect("12345") == "en")
        // Words are lower-cased before they are counted, a non-ASCII letter too (FÜR → für),
        // and only the first 4 KB count.
        #expect(try packs.detect("FÜR Für für The") == "de")
        #expect(try packs.detect(String(repeating: "x ", count: 2048) + "die der das und") == "en")
    }
}

/// The sieve's steps are the pack's to switch: a pack that leaves `continuation` out of
/// its `sieve_step` list gets no speaker for a quote with no cue after one of the same.
@Suite struct SieveStepTests {
    @Test func aPackSwitchesASieveStepOff() throws {
        let text = "\"We will stay,\" said Jane Roe. \"We will not move.\""
        #expect(quotes(text).last?.via == .continuation)
        let override = """
            version: 1
            lexicons:
              sieve_step:
                description: Every step but continuation.
                words: [alias, role, pronoun, sentence_subject, described_subject, paragraph_subject]
            """
        let rules = try RuleSet.load(texts: [try packTexts(), [("house.yaml", override)]])
        let found = Extractor(rules: rules).extract(Document(id: "t", text: text)).quotes
        #expect(found.first?.speaker == "Jane Roe")
        #expect(found.last?.speaker == nil)
    }
}

@Suite struct NonASCIINameTests {
    @Test func aNameThatStartsOutsideASCIIResolvesItsShortForm() {
        let found = quotes("Émile Zola, the writer, said the trial was unfair. \"It is a scandal,\" Zola added.")
        #expect(found.map(\.speaker) == ["Émile Zola", "Émile Zola"])
        #expect(found.last?.via == .alias)
    }
}

@Suite struct ProvenanceTests {
    @Test func theRuleColumnIsBuiltFromTypedFields() throws {
        let found = quotes("\"We will stay,\" said Jane Roe. \"We will not move.\" Jane Roe called it \"a farce\" today.")
        let first = try #require(found.first)
        #expect(first.provenance == Provenance(rule: "quote_cue_speaker", quoteRule: "double_straight"))
        #expect(first.rule == "quote_cue_speaker+double_straight")
        let second = try #require(found.dropFirst().first)
        #expect(second.provenance.rule == nil && second.provenance.quoteRule == "double_straight")
        #expect(second.rule == "double_straight")
    }
}

@Suite struct AnchoredExampleTests {
    /// An example that matches only where the rule's anchors never let it run is a failing
    /// example: the pack's own test would otherwise pass a rule the pipeline never runs.
    @Test func anExampleWithoutTheRulesAnchorFails() throws {
        let pack = """
            version: 1
            language: en
            lexicons:
              house_verb:
                description: A verb the example does not use.
                words: [deadpanned]
            rules:
              - id: house_claim
                kind: claim
                anchor: [house_verb]
                span: after
                description: A speaker and a verb, then the clause.
                pattern: (?<speaker>\\p{Lu}\\p{Ll}+)\\h(?<cue>(?:deadpanned|quipped))\\h
                examples:
                  match:
                    - 'Kim quipped it was late.'
                  no_match:
                    - 'Kim left.'
            """
        let rules = try RuleSet.load(texts: [try packTexts(), [("house.yaml", pack)]])
        let failures = PackTester(rules: rules).run().failures.map(\.description)
        #expect(failures.contains { $0.contains("house_claim: matches 'Kim quipped it was late.' only where the pipeline never runs it") })
    }
}

@Suite struct TurnTakingTests {
    @Test func aDialogueLineWithNoCueIsTheEarlierSpeakersTurn() {
        let text = """
            "Where were you?" asked Anna Berg.

            "At the harbour," said Tom Hale.

            "All night?"

            "All night."
            """
        let found = quotes(text)
        #expect(found.map(\.speaker) == ["Anna Berg", "Tom Hale", "Anna Berg", "Tom Hale"])
        #expect(found[2].rule == "turn_taking+double_straight")
    }
}
