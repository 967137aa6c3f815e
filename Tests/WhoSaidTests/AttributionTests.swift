import RulePacks
import Spans
import Testing

@testable import WhoSaid

/// One expectation: the marked span's type, speaker, cue and how the speaker was found.
struct Expect: Sendable, CustomTestStringConvertible {
    let text: String
    let type: QuoteType
    let speaker: String?
    let cue: String?
    let via: Via
    var role: String? = nil
    var testDescription: String { text }
}

@Suite struct AttributionTests {
    static let shapes: [Expect] = [
        Expect(
            text: #"⟦"We will act,"⟧ Kim Jong Un said."#, type: .direct, speaker: "Kim Jong Un", cue: "said",
            via: .explicit),
        Expect(
            text: #"⟦"We will act,"⟧ said Kim Jong Un."#, type: .direct, speaker: "Kim Jong Un", cue: "said",
            via: .explicit),
        Expect(
            text: #"Kim Jong Un said: ⟦"We will act."⟧"#, type: .direct, speaker: "Kim Jong Un", cue: "said",
            via: .explicit),
        Expect(
            text: #"⟦“We will reconsider,”⟧ South Korean national security advisor Chang Ho-jin told reporters."#,
            type: .direct, speaker: "Chang Ho-jin", cue: "told", via: .explicit, role: "national security advisor"),
        Expect(
            text: #"⟦"It is over,"⟧ Jane Roe, a spokeswoman for the ministry, said."#,
            type: .direct, speaker: "Jane Roe", cue: "said", via: .explicit, role: "spokeswoman"),
        Expect(
            text: #"⟦"Never again."⟧ — Commissioner Jane Roe"#, type: .direct, speaker: "Jane Roe", cue: nil,
            via: .explicit),
        Expect(
            text: #"⟦"It is over,"⟧ according to Jane Roe."#, type: .direct, speaker: "Jane Roe", cue: "according to",
            via: .explicit),
        Expect(
            text: #"Trump wrote on Twitter, ⟦"Sad!"⟧"#, type: .direct, speaker: "Trump", cue: "wrote", via: .explicit),
        Expect(
            text: "⟦« Nous agirons »⟧, said Émile Zoë Durand.", type: .direct, speaker: "Émile Zoë Durand", cue: "said",
            via: .explicit),
        Expect(
            text: "Er sagte nichts. ⟦„Wir handeln.“⟧ — Minister Jan Weber", type: .direct, speaker: "Jan Weber",
            cue: nil, via: .explicit),
        Expect(
            text: "⟦‘I don’t know,’⟧ said Maria Okonkwo-Reyes.", type: .direct, speaker: "Maria Okonkwo-Reyes",
            cue: "said", via: .explicit),
        Expect(
            text: "⟦'I don't know,'⟧ said Maria Okonkwo-Reyes.", type: .direct, speaker: "Maria Okonkwo-Reyes",
            cue: "said", via: .explicit),
        Expect(
            text: "⟦''We will act,''⟧ said Maria Okonkwo-Reyes.", type: .direct, speaker: "Maria Okonkwo-Reyes",
            cue: "said", via: .explicit),
        // Claims.
        // The reported question ends where the quote's attribution begins ("Trump replied").
        Expect(
            text: #"Asked ⟦if it had appeared he was encouraging violence⟧, Trump replied, "We never did.""#,
            type: .indirect, speaker: nil, cue: "Asked", via: .none),
        Expect(
            text: "South Korea said ⟦it could send weapons to Ukraine⟧.", type: .indirect, speaker: "South Korea",
            cue: "said", via: .explicit),
        Expect(
            text: "OSLO — ⟦The strike at the port ended on Friday⟧, the harbour board said.", type: .indirect,
            speaker: "the harbour board", cue: "said", via: .explicit),
        Expect(
            text: "PORTLAND, Maine -- Officials said ⟦the port would reopen⟧.", type: .indirect, speaker: "Officials",
            cue: "said", via: .explicit),
        Expect(
            text: "Port director Henrik Lindqvist said ⟦the company had offered to retrain every worker⟧.",
            type: .indirect,
            speaker: "Henrik Lindqvist", cue: "said", via: .explicit, role: "director"),
        Expect(
            text: "The minister told reporters that ⟦the talks had failed⟧.", type: .indirect, speaker: "The minister",
            cue: "told", via: .explicit),
        // Words between the cue and "that" are the writer's; a role with no name is kept as written.
        Expect(
            text: "The chief executive said on a conference call that ⟦profits would fall⟧.", type: .indirect,
            speaker: "The chief executive", cue: "said", via: .explicit),
        Expect(
            text: "According to Jane Roe, ⟦the talks have failed⟧.", type: .indirect, speaker: "Jane Roe",
            cue: "According to", via: .explicit),
        Expect(
            text: "⟦The talks have failed⟧, according to Jane Roe.", type: .indirect, speaker: "Jane Roe",
            cue: "according to", via: .explicit),
        Expect(
            text: "⟦The talks have failed⟧, Jane Roe said.", type: .indirect, speaker: "Jane Roe", cue: "said",
            via: .explicit),
        Expect(
            text: "In exchange, reports say, ⟦Russia has provided North Korea with technology⟧.", type: .indirect,
            speaker: "reports", cue: "say", via: .explicit),
        // Mixed: a reported clause holding a quoted fragment.
        Expect(
            text: #"Putin, on a trip Friday, warned Seoul, saying that ⟦it would be a "big mistake."⟧"#, type: .mixed,
            speaker: "Putin", cue: "saying", via: .explicit),
        Expect(
            text: #"Jane Roe said ⟦the plan was "dead on arrival" and would be withdrawn⟧."#, type: .mixed,
            speaker: "Jane Roe", cue: "said", via: .explicit),
        Expect(
            text: #"⟦Oslo "will act fast" if Bergen goes ahead⟧, Jane Roe said, reported Radio North."#, type: .mixed,
            speaker: "Jane Roe", cue: "said", via: .explicit),
        // Marks that do not match, as pasted text often has them.
        Expect(
            text: #"⟦"I prefer the mayor,”⟧ Jane Roe said."#, type: .direct, speaker: "Jane Roe", cue: "said",
            via: .explicit),
        Expect(
            text: #"⟦“It is unusual,“⟧ said Tom Berg, a lawyer."#, type: .direct, speaker: "Tom Berg", cue: "said",
            via: .explicit),
        // Speakers named through someone else, and a role before the name in commas.
        Expect(
            text: #"⟦“We can win,”⟧ Jane Roe’s son told the radio show."#, type: .direct, speaker: "Jane Roe’s son",
            cue: "told", via: .explicit),
        Expect(
            text: #"⟦“She is a policy wonk,”⟧ said the campaign’s communications director, Jen Palmer, on Monday."#,
            type: .direct, speaker: "Jen Palmer", cue: "said", via: .explicit),
        // A quote ending with a period is attributed by a short "Roe said." after it …
        Expect(
            text: #"⟦"They are not reporting it."⟧ Roe said to cheers."#, type: .direct, speaker: "Roe", cue: "said",
            via: .explicit),
        // … but not by the next sentence's subject.
        Expect(
            text: #"Oslo urged ⟦Bergen to "stop its escapades."⟧ The agency said the test had failed."#,
            type: .mixed, speaker: "Oslo", cue: "urged", via: .explicit),
        // A relative "who" after the name, and an adverb before the cue.
        Expect(
            text: #"It drew a reply from Mayor Aisha Patel, who called ⟦the levy "unfit to serve" the port⟧."#,
            type: .mixed, speaker: "Aisha Patel", cue: "called", via: .explicit),
        Expect(
            text: #"Jane Roe famously said that ⟦the plan was "likable enough"⟧."#, type: .mixed, speaker: "Jane Roe",
            cue: "said", via: .explicit),
        // A participle after a quote's attribution reports a clause of its own.
        Expect(
            text: #""We see no link," the mayor said, adding that ⟦it would take "more hours" to know⟧."#,
            type: .mixed, speaker: "the mayor", cue: "adding", via: .explicit),
        // A headline: its subject, a verb in title case, and quoted words.
        Expect(
            text: "Jane Roe Praises ⟦Dock Deal as ‘Fair to Everyone’⟧\n\nThe deal was signed on Monday.", type: .mixed,
            speaker: "Jane Roe", cue: "Praises", via: .explicit),
        // A claim inside a reported clause belongs to the outer speaker.
        Expect(
            text: "Pointing to the staff, Jane Roe noted that ⟦Marlow boasted only one paid organiser in 2012⟧.",
            type: .indirect, speaker: "Jane Roe", cue: "noted", via: .explicit),
        Expect(
            text: "⟦The union is ready⟧, said Mr. Barrett, the lawyer for the harbour board.", type: .indirect,
            speaker: "Barrett", cue: "said", via: .explicit),
        // A show's name in quotation marks is not what the speaker after it said.
        Expect(
            text:
                "Wednesday on Channel 4’s “Harbour Talk,” Jane Roe said ⟦if the board picked her it would be a “two-captain ship.”⟧",
            type: .mixed, speaker: "Jane Roe", cue: "said", via: .explicit),
        // Curly quotes inside curly quotes stay one quote.
        Expect(
            text: "Jeff Roe tweeted: ⟦“People wore “Settle For Roe” shirts at her event.”⟧", type: .direct,
            speaker: "Jeff Roe", cue: "tweeted", via: .explicit),
        // Possessives in s' and possessive determiners.
        Expect(
            text: "Roberts' team said ⟦the board had skirted the limits⟧.", type: .indirect, speaker: "Roberts' team",
            cue: "said", via: .explicit),
        Expect(
            text: "But his campaign said ⟦he halted all paid speeches⟧.", type: .indirect, speaker: "his campaign",
            cue: "said", via: .explicit),
        // A participle of saying after a comma starts a clause of its own.
        Expect(
            text: "Jane Roe said ⟦she saw no need to change the plan⟧, telling reporters that the dock would reopen.",
            type: .indirect, speaker: "Jane Roe", cue: "said", via: .explicit),
    ]

    @Test(arguments: shapes)
    func shape(_ e: Expect) throws {
        let (text, spans) = marked(e.text)
        let found = quotes(text)
        let q = try #require(quote(at: spans[0], in: found))
        #expect(q.type == e.type)
        #expect(q.speaker == e.speaker)
        #expect(q.cue == e.cue)
        #expect(q.via == e.via)
        if let role = e.role { #expect(q.role == role) }
    }

    @Test func aliasResolvesToTheFullestName() throws {
        let (text, spans) = marked(
            """
            South Korean national security advisor Chang Ho-jin met reporters.

            ⟦"Any cooperation is a violation,"⟧ Chang added.
            """)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "Chang Ho-jin")
        #expect(q.speakerMention == "Chang")
        #expect(q.via == .alias)
        #expect(q.role == "national security advisor")
        #expect(q.affiliation == "South Korean")
    }

    @Test func quoteWithoutCueContinuesThePreviousSpeaker() throws {
        let (text, spans) = marked(
            """
            ⟦"Any cooperation is a violation,"⟧ Chang Ho-jin added. ⟦"It does not make sense to promise military co-operation."⟧
            """)
        let found = quotes(text)
        let second = try #require(quote(at: spans[1], in: found))
        #expect(second.speaker == "Chang Ho-jin")
        #expect(second.via == .continuation)
        #expect(second.cue == nil)
    }

    /// A sentence of the writer's between them that opens with a known person hands the
    /// next quote with no cue to that person, not to the last speaker.
    @Test func aQuoteAfterASentenceAboutAKnownPersonIsTheirs() throws {
        let (text, spans) = marked(
            """
            ⟦"The port stays shut,"⟧ said Dana Okafor. Mayor Jane Roe shook her head. ⟦"We will reopen it on Monday."⟧
            """)
        let q = try #require(quote(at: spans[1], in: quotes(text)))
        #expect(q.speaker == "Jane Roe")
        #expect(q.via == .continuation)
    }

    @Test func continuationCrossesAParagraph() throws {
        let (text, spans) = marked(
            """
            ⟦"We will stay out,"⟧ said Maria Okonkwo-Reyes.

            ⟦"Every crane they automate is a family that loses its income."⟧
            """)
        let q = try #require(quote(at: spans[1], in: quotes(text)))
        #expect(q.speaker == "Maria Okonkwo-Reyes")
        #expect(q.via == .continuation)
        #expect(q.paragraph == 2)
    }

    @Test func pronounResolvesToTheNearestCompatibleSpeaker() throws {
        let (text, spans) = marked(
            """
            ⟦"We will decide soon,"⟧ Putin said.

            But he also said that ⟦South Korea has "nothing to worry about" from the pact⟧.
            """)
        let q = try #require(quote(at: spans[1], in: quotes(text)))
        #expect(q.speaker == "Putin")
        #expect(q.speakerMention == "he")
        #expect(q.via == .pronoun)
        #expect(q.type == .mixed)
    }

    @Test func pronounPrefersThePersonJustNamed() throws {
        let (text, spans) = marked(
            """
            ⟦"The offer stands,"⟧ Henrik Lindqvist said.

            Marlow's mayor, Aisha Patel, urged both sides to return. ⟦"Nobody wins a long strike,"⟧ she said.
            """)
        let q = try #require(quote(at: spans[1], in: quotes(text)))
        #expect(q.speaker == "Aisha Patel")
        #expect(q.role == "mayor")
        #expect(q.via == .pronoun)
    }

    @Test func pronounSkipsBodiesForAPerson() throws {
        let (text, spans) = marked(
            """
            "We will strike," said Jan Weber.

            The Marlow Herald reported that the talks had failed.

            ⟦Weber told the paper that talks had "been hard for some time,"⟧ he claimed.
            """)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "Jan Weber")
        #expect(q.via == .pronoun)
        #expect(q.type == .mixed)
    }

    @Test func splitQuoteAttributesBothFragments() throws {
        let (text, spans) = marked(
            #"⟦"Nobody wins a long strike,"⟧ Aisha Patel said, ⟦"least of all the people of this city."⟧"#)
        let found = quotes(text)
        let first = try #require(quote(at: spans[0], in: found))
        let second = try #require(quote(at: spans[1], in: found))
        #expect(first.speaker == "Aisha Patel")
        #expect(second.speaker == "Aisha Patel")
        #expect(second.cue == "said")
    }

    @Test func roleNounResolvesToTheEntityWithThatRole() throws {
        let (text, spans) = marked(
            """
            Foreign minister Cho Tae-yul flew to Tokyo on Monday.

            ⟦"We are ready,"⟧ the minister said.
            """)
        let q = try #require(quote(at: spans[1 - 1], in: quotes(text)))
        #expect(q.speaker == "Cho Tae-yul")
        #expect(q.via == .role)
    }

    /// A role noun qualified otherwise than the entity's role is someone else; one the role
    /// does not qualify, or qualified by a word of the role, is that entity.
    @Test func aRoleNounQualifiedOtherwiseIsSomeoneElse() throws {
        let (text, spans) = marked(
            """
            ⟦'We will not back down,'⟧ the union's general secretary, Jana Roe, told a rally in Leeds.

            Asked about the dispute, the transport secretary said: ⟦'A deal can be done.'⟧

            ⟦'We are close,'⟧ the general secretary said later.

            President Tom Berg visited the docks. ⟦'It was a hard year,'⟧ the former president said.
            """)
        let found = quotes(text)
        let roe = try #require(quote(at: spans[0], in: found))
        let transport = try #require(quote(at: spans[1], in: found))
        let general = try #require(quote(at: spans[2], in: found))
        let former = try #require(quote(at: spans[3], in: found))
        #expect(roe.speaker == "Jana Roe")
        #expect(transport.speaker == "the transport secretary")
        #expect(transport.via == .explicit)
        #expect(general.speaker == "Jana Roe")
        #expect(general.via == .role)
        #expect(former.speaker == "Tom Berg")
        #expect(former.via == .role)
    }

    @Test func vagueSourcesAreMarkedAnonymous() throws {
        let (text, spans) = marked(
            """
            Critics say ⟦the port has ignored safety warnings⟧, and a person familiar with the talks said ⟦the union rejected three offers⟧.
            """)
        let found = quotes(text)
        let critics = try #require(quote(at: spans[0], in: found))
        let person = try #require(quote(at: spans[1], in: found))
        #expect(critics.speaker == "Critics")
        #expect(critics.anonymous)
        #expect(person.speaker == "a person familiar with the talks")
        #expect(person.anonymous)
    }

    @Test func quoteInsideAQuoteBelongsToTheOuterOne() throws {
        let (text, spans) = marked(#"⟦"She told me 'never again' and left,"⟧ Jane Roe said."#)
        let found = quotes(text)
        #expect(found.count == 1)
        #expect(try #require(quote(at: spans[0], in: found)).speaker == "Jane Roe")
    }

    @Test func quoteRunsOverParagraphs() throws {
        let (text, spans) = marked(
            """
            Jane Roe said: ⟦"The first part has no closing mark

            "and the second part closes it."⟧
            """)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "Jane Roe")
        #expect(q.type == .direct)
    }

    @Test func aStoryToldInParagraphsThatOpenAQuoteAndNeverCloseIsQuoted() throws {
        // No quote in the text pairs, so the open marks alone are the evidence.
        let (text, spans) = marked(
            """
            ⟦"We sailed from Marlow in the spring of that year, and the harbour was empty behind us.⟧

            ⟦"The second night the wind rose and the mate took the wheel himself.⟧
            """)
        let found = quotes(text)
        #expect(found.count == 1)
        let q = try #require(quote(at: spans[0].lowerBound..<spans[1].upperBound, in: found))
        #expect(q.type == .direct)
    }

    @Test func unbalancedMarksStayInTheirParagraph() {
        let text = "He said \"this never closes\n\nJane Roe said: \"Real quote.\"\n\nA last \" stray mark."
        let found = quotes(text)
        #expect(found.contains { $0.text == "\"Real quote.\"" && $0.speaker == "Jane Roe" })
        #expect(found.allSatisfy { !$0.text.contains("\n") })
    }

    @Test func offsetsAreCodePointsAndBytes() throws {
        let (text, spans) = marked("Zoë 😀 said nothing. ⟦\"Ça va,\"⟧ said Émile Durand.")
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[q.byteStart..<q.byteEnd], as: UTF8.self) == "\"Ça va,\"")
        #expect(q.byteStart == q.start + 1 + 3)  // ë is 2 bytes, 😀 is 4
        #expect(Array(text.unicodeScalars)[q.start..<q.end].map(String.init).joined() == q.text)
        #expect(q.speaker == "Émile Durand")
    }
}

@Suite struct MixedQuoteTests {
    @Test func characterisingVerbWithQuotedWordsIsAMixedQuoteEndingAtTheNextCue() throws {
        let (text, spans) = marked(
            #"Maria Okonkwo-Reyes called ⟦the plan "a polite way of saying goodbye"⟧ and said ⟦she would put it to a vote⟧."#
        )
        let found = quotes(text)
        let mixed = try #require(quote(at: spans[0], in: found))
        #expect(mixed.type == .mixed)
        #expect(mixed.cue == "called")
        #expect(mixed.speaker == "Maria Okonkwo-Reyes")
        let claim = try #require(quote(at: spans[1], in: found))
        #expect(claim.type == .indirect)
        #expect(claim.cue == "said")
    }

    @Test func secondPredicateOfTheSubjectSplitsAMixedClauseAndKeepsTheSpeaker() throws {
        let (text, spans) = marked(
            #"Jane Roe called ⟦the deal "a disaster"⟧ and ranked ⟦it among "the worst" of the decade⟧."#)
        let found = quotes(text)
        let first = try #require(quote(at: spans[0], in: found))
        let second = try #require(quote(at: spans[1], in: found))
        #expect(first.speaker == "Jane Roe" && first.cue == "called")
        #expect(second.speaker == "Jane Roe" && second.cue == "ranked" && second.type == .mixed)
        #expect(second.rule == "coordinated_predicate")
    }

    @Test func coordinatedCueBeforeAQuoteMakesItADirectQuoteOfTheSameSpeaker() throws {
        let (text, spans) = marked(
            #"Mayor Aisha Patel noted that ⟦she had sailed the route⟧, and added: ⟦"I know a little about this."⟧"#)
        let found = quotes(text)
        let clause = try #require(quote(at: spans[0], in: found))
        let direct = try #require(quote(at: spans[1], in: found))
        #expect(clause.type == .indirect && clause.cue == "noted")
        #expect(direct.type == .direct && direct.speaker == "Aisha Patel" && direct.cue == "added")
    }

    @Test func mixedClauseEndsWhereTheWriterTakesOver() throws {
        let (text, spans) = marked(
            #"The harbour chief said ⟦the crews would "not get pushed around" at the dock⟧, a swipe at the new owners."#
        )
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.type == .mixed && q.speaker == "The harbour chief")
    }

    @Test func warningSomeoneAgainstSomethingIsNoClaimOfItsOwn() throws {
        let found = quotes(
            #"Jane Roe, on a visit Friday, warned Marlow against the plan, saying it would be a "big mistake.""#)
        #expect(found.count == 1)
        #expect(found.first?.type == .mixed && found.first?.cue == "saying")
    }

    @Test func clauseWithoutQuotedWordsIsNotSplit() throws {
        let (text, spans) = marked("Jane Roe said ⟦the ferry stopped and started again⟧.")
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.type == .indirect)
    }

    @Test func characterisingVerbWithoutQuotedWordsIsNotAClaim() {
        #expect(quotes("Maria Okonkwo-Reyes called the plan weak.").isEmpty)
    }
}

@Suite struct AnchorTests {
    /// A rule file with its rules' `anchor`, `near` and `at_anchor` keys taken out.
    static func unanchored(_ yaml: String) -> String {
        var inCheck = false
        return yaml.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            if line.hasPrefix("    at_anchor:") { inCheck = true; return false }
            if inCheck && line.hasPrefix("      ") { return false }
            inCheck = false
            return !line.hasPrefix("    anchor:") && !line.hasPrefix("    near") && !line.hasPrefix("    reach_words:")
        }.joined(separator: "\n")
    }

    /// Anchors only skip text: the same article gives the same quotes with every anchor removed.
    @Test func anchoredRulesFindWhatUnanchoredRulesFind() throws {
        let text = try String(contentsOfFile: checkoutPath("Fixtures/harbour-strike.txt"), encoding: .utf8)
        let unanchored = try RuleSet.load(texts: [packTexts().map { name, yaml in (name, Self.unanchored(yaml)) }])
        #expect(unanchored.rules.allSatisfy { $0.anchors.isEmpty && $0.atAnchor == nil && $0.reachWords == nil })
        #expect(defaultRules.rules.contains { $0.atAnchor != nil } && defaultRules.rules.contains { $0.reachWords != nil })
        let a = Extractor(rules: defaultRules).extract(Document(id: "a", text: text)).quotes
        let b = Extractor(rules: unanchored).extract(Document(id: "a", text: text)).quotes
        #expect(a == b)
        #expect(a.count > 10)
    }

    /// Windows come sorted and disjoint: ranges that overlap or touch become one.
    @Test func windowsThatOverlapOrTouchAreJoined() {
        #expect([5..<9, 0..<3, 3..<4, 8..<12, 20..<21].coalesced() == [0..<4, 5..<12, 20..<21])
        #expect([Range<Int>]().coalesced().isEmpty)
    }

    /// A rule runs only near the anchor words where its `at_anchor` pattern matches. A
    /// check that wants a colon after the verb, stricter than the rule, keeps the rule from
    /// the verb with none: `whosaid patterns test` says the pipeline never runs it there.
    @Test func aRuleRunsOnlyNearAnchorsWhereItsCheckMatches() throws {
        let pack = """
            version: 1
            lexicons:
              reporting_verb:
                description: Verbs of saying.
                words: [said, says]
            rules:
              - id: name_said
                kind: claim
                anchor: [reporting_verb]
                at_anchor: '(?&reporting_verb):'
                span: after
                description: A capitalised word and a verb of saying.
                pattern: (?<speaker>\\p{Lu}\\p{Ll}+)\\h(?<cue>(?&reporting_verb)):?\\h
                examples:
                  match:
                    - text: 'Later Roe said: the dock stays shut.'
                      captures: {speaker: Roe, cue: said}
                    - text: 'Then Lee said the ferry runs.'
                      captures: {speaker: Lee, cue: said}
                  no_match:
                    - 'Then Lee sang.'
            """
        let checked = PackTester(rules: try RuleSet.load(texts: [[("p.yaml", pack)]])).run()
        #expect(
            checked.failures.map(\.description) == [
                "p.yaml:18: name_said: matches 'Then Lee said the ferry runs.' only where the pipeline never runs it: no anchor (reporting_verb, where at_anchor matches) stands there"
            ])
        // Without the check the rule runs near every verb of saying.
        let plain = PackTester(rules: try RuleSet.load(texts: [[("p.yaml", Self.unanchored(pack))]])).run()
        #expect(plain.examples == 3 && plain.failures.isEmpty, "\(plain.failures)")
    }

    /// With `reach_words`, a rule runs from that many words before its anchor word, not
    /// from the sentence start: a match that starts further back is never tried.
    @Test func aRuleRunsOnlyWithinItsReachInWords() throws {
        func pack(_ reach: Int) -> String {
            """
            version: 1
            lexicons:
              role_word:
                description: Roles.
                words: [mayor, minister]
            rules:
              - id: role_name
                kind: mention
                anchor: [role_word]
                reach_words: \(reach)
                description: Up to two words and a role before a name.
                pattern: (?<role>(?:[a-z]+\\h){0,2}(?&role_word))\\h(?<name>\\p{Lu}\\p{Ll}+)
                examples:
                  match:
                    - text: 'Then the harbour town mayor Roe spoke.'
                      captures: {role: harbour town mayor, name: Roe}
                  no_match:
                    - 'Then the mayor spoke.'
            """
        }
        let reaching = PackTester(rules: try RuleSet.load(texts: [[("p.yaml", pack(2))]])).run()
        #expect(reaching.failures.isEmpty, "\(reaching.failures)")
        // One word back, the match that starts two words before the role is never tried.
        #expect(
            PackTester(rules: try RuleSet.load(texts: [[("p.yaml", pack(1))]])).run().failures.map(\.description) == [
                "p.yaml:15: role_name: matches 'Then the harbour town mayor Roe spoke.' only where the pipeline never runs it: no anchor (role_word, within 1 words) stands there"
            ])
    }
}

@Suite struct ParagraphSubjectTests {
    @Test func quoteParagraphAfterAParagraphAboutASpeakerContinuesThatSpeaker() throws {
        let (text, spans) = marked(
            """
            "We will build it," said Henrik Lindqvist.

            Critics disagreed loudly at the meeting on Monday night.

            Lindqvist was quick to add that the plan would not change.

            ⟦"Building it is not negotiable, and neither is the date."⟧
            """)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "Henrik Lindqvist")
        #expect(q.via == .continuation)
    }

    @Test func paragraphAboutNobodyLeavesTheQuoteUnattributed() throws {
        let (text, spans) = marked(
            """
            "We will build it," said Henrik Lindqvist.

            The weather turned cold and the harbour froze over for a week.

            ⟦"Nobody has seen a winter like this one in forty years."⟧
            """)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == nil)
        #expect(q.via == Via.none)
    }

    @Test func quoteAfterAPersonsSentenceInItsParagraphIsThatPersonsNotTheLastSpeakers() throws {
        let (text, spans) = marked(
            """
            "We will build it," said Henrik Lindqvist.

            Harbour economist Dana Okafor agreed. ⟦"The port has run out of time to find another plan."⟧
            """)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "Dana Okafor")
        #expect(q.rule == "paragraph_subject+double_straight")
    }

    @Test func quoteInASentenceAboutABodyIsTheBodysNotTheLastSpeakers() throws {
        let (text, spans) = marked(
            """
            "We will build it," said Henrik Lindqvist.

            The harbour board released a statement saying the plan ⟦"is based on opinion, not on facts,"⟧ and left it there.
            """)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "The harbour board")
        #expect(q.rule == "described_subject+double_straight")
    }

    @Test func sentenceAboutAPersonWinsOverContinuationForAQuoteInside() throws {
        let (text, spans) = marked(
            """
            "We will build it," said Henrik Lindqvist.

            Mayor Aisha Patel worried that the levy was becoming ⟦"a tax that drives the ferries away from Marlow."⟧
            """)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "Aisha Patel")
        #expect(q.rule == "sentence_subject+double_straight")
    }
}

@Suite struct FragmentTests {
    @Test func quotedFragmentInASentenceAboutAPersonIsThatPersonsWords() throws {
        let (text, spans) = marked(#"Aisha Patel stood by her plan for a ⟦"fortress of jobs"⟧ in the old port."#)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "Aisha Patel")
        #expect(q.rule == "sentence_subject+double_straight")
    }

    @Test func introductoryPhraseIsSkippedToFindTheSentencesSubject() throws {
        let (text, spans) = marked(
            #"In the depths of the long recession, Mayor Aisha Patel worried ⟦that the levy had become "a hammock for idle ships" at best⟧."#
        )
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "Aisha Patel")
        #expect(q.type == .mixed)
    }

    @Test func aPlaceAfterFormerIsNoNameAndTheTitledNameAfterItIsTheSubject() throws {
        let (text, spans) = marked(
            #"Weighing in on the vote, former Ontario Gov. Dana Okafor agreed, praising her rival as ⟦"a fair partner for the port"⟧."#)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "Dana Okafor")
        #expect(q.rule == "sentence_subject+double_straight")
    }

    @Test func fragmentInASentenceAboutAGroupIsTheGroupsWords() throws {
        let (text, spans) = marked(
            #"Harbour officials started to portray the closure as a ⟦"routine pause"⟧ for repairs."#)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "Harbour officials")
        #expect(q.rule == "described_subject+double_straight")
    }

    @Test func fragmentsInAClauseAfterAComplementizerAreOneMixedQuoteOfThatClause() throws {
        let (text, spans) = marked(
            #"Aisha Patel argued that ⟦the port would be "incredibly quiet," "a ghost town" and "a loss for all."⟧"#)
        let found = quotes(text)
        #expect(found.count == 1)
        let q = try #require(quote(at: spans[0], in: found))
        #expect(q.type == .mixed)
        #expect(q.speaker == "Aisha Patel")
        // A fragment with no complementizer before it stays the quoted words alone.
        let (plain, words) = marked(#"Aisha Patel stood by her plan for a ⟦"fortress of jobs"⟧ in the old port."#)
        #expect(try #require(quote(at: words[0], in: quotes(plain))).type == .direct)
    }

    @Test func writersWordsRunningIntoAQuoteBeforeItsCueMakeAMixedQuote() throws {
        let (text, spans) = marked(
            """
            ⟦Since the ruling, the county has engaged in "a pattern of neglect toward the docks,"⟧ said Jan Weber.

            The strike has dragged on for weeks and ⟦that will take time to "cool off,"⟧ Weber said.

            Weber was blunt: ⟦"The port will close,"⟧ he said.

            At the gate ⟦"Nobody goes in,"⟧ the guard said.
            """)
        let found = quotes(text)
        #expect(found.count == 4)
        for (span, type) in zip(spans, [QuoteType.mixed, .mixed, .direct, .direct]) {
            let q = try #require(quote(at: span, in: found))
            #expect(q.type == type, "\(q.text)")
        }
    }

    @Test func aShortSentenceAfterACueIsSpeechEvenWhenNoRuleNamesItsSpeaker() throws {
        let (text, spans) = marked(
            """
            The meeting ran late.

            At last the old docker at the back of the hall shouted ⟦"Never!"⟧ and sat down.

            At last the old docker at the back of the hall held up "Never!" and sat down.

            At last the old docker at the back of the hall shouted "never" and sat down.
            """)
        let found = quotes(text)
        #expect(found.count == 1)
        let q = try #require(quote(at: spans[0], in: found))
        #expect(q.cue == "shouted")
        #expect(q.rule == "cue_before_quote+double_straight")
    }

    @Test func datelineAndQuantifierSubjectsAreFound() throws {
        let (text, spans) = marked(
            """
            MARLOW, May 4 (Harbour News) — The Harbour Workers Union released a statement offering ⟦"a deep apology"⟧ to the crews.

            During the long strike, many followed the idea ⟦that the port was a "sinking ship" at best⟧.
            """)
        let found = quotes(text)
        #expect(try #require(quote(at: spans[0], in: found)).speaker == "Harbour Workers Union")
        #expect(try #require(quote(at: spans[1], in: found)).speaker == "many")
    }

    @Test func quotedTitlesAreNoRow() {
        #expect(quotes(#"Mayor Aisha Patel starred in "The Harbour Years" on Channel 4."#).isEmpty)
    }

    @Test func scareQuotesWithNoPersonAreNoRow() {
        #expect(quotes(#"The so-called "deal" was never signed."#).isEmpty)
    }

    /// Dialogue with no verb of saying a rule knows: a short turn that opens its paragraph,
    /// and a short sentence of its own after a colon or another sentence, are rows; a
    /// title punctuated like a sentence inside a paragraph is not.
    @Test func shortTurnsOfDialogueAreRowsAndTitlesInsideAParagraphAreNot() {
        let turns = quotes("\"I kicked,\" grunted the charity-boy.\n\nShe hung her head: \"Yes.\"\n\nHe broke off. \"Tommy!\"")
        #expect(turns.map(\.text) == ["\"I kicked,\"", "\"Yes.\"", "\"Tommy!\""])
        #expect(quotes("Jane Roe gave an interview after her show on \"Harbour Nights Live.\" Then she left.").isEmpty)
    }
}

@Suite struct SingleQuoteTests {
    @Test func singleMarksInABritishTextReadAsDoubleMarksInAnAmericanOne() {
        let british = quotes("The players' union met the owners' lawyers and said nothing of 'the deal' at all today.")
        let american = quotes("The players' union met the owners' lawyers and said nothing of \"the deal\" at all today.")
        #expect(british.map(\.speaker) == american.map(\.speaker))
        #expect(british.map(\.start) == american.map(\.start))
        // Apostrophes never open or close a quote.
        #expect(british.allSatisfy { !$0.text.hasPrefix("' union") && !$0.text.hasPrefix("' lawyers") })
        #expect(quotes("'We are not done yet,' said Jane Roe.").first?.speaker == "Jane Roe")
    }

    @Test func singleMarksInsideDoubleMarksAreNestedAndNeedTheirOwnSpeaker() {
        let found = quotes("\"He told me 'go home' and left,\" said Jane Roe. The players' union met.")
        #expect(found.count == 1)
        #expect(found.first?.text == "\"He told me 'go home' and left,\"")
        #expect(found.first?.speaker == "Jane Roe")
    }
}

@Suite struct HeadlineTests {
    @Test func namesInATitleCaseHeadlineDoNotBecomeTheFullestName() throws {
        let (text, spans) = marked(
            """
            Jane Roe Promises Action On Harbour Dues

            Harbour commissioner Jane Roe spoke on Monday.

            ⟦"We will act,"⟧ Roe said.
            """)
        let q = try #require(quote(at: spans[0], in: quotes(text)))
        #expect(q.speaker == "Jane Roe")
        #expect(q.via == .alias)
    }

    @Test func headlineNeedsMostWordsCapitalised() {
        // The English pack's words a title leaves in lower case.
        let minor = ResolutionWords(rules: defaultRules).titleMinorWords
        #expect(minor.contains(ArraySlice("of".utf8)))
        let document = Document(
            id: "h", text: "Bernie Sanders Promises Action On Climate\nSanders promised action on the climate today.")
        #expect(document.isHeadline(0, minorWords: minor))
        #expect(!document.isHeadline(1, minorWords: minor))
        // Quotation marks before a word and no-break spaces do not hide its first letter.
        let quoted = Document(
            id: "q",
            text:
                "Jane Roe Says \u{2018}No Deal\u{2019} On Harbour Dues\nRoe and Weber ended in a \u{201C}virtual tie\u{201D}\u{A0}on the dues."
        )
        #expect(quoted.isHeadline(0, minorWords: minor))
        #expect(!quoted.isHeadline(1, minorWords: minor))
    }
}

@Suite struct TranscriptTests {
    @Test func transcriptTurnsNameTheirSpeakers() throws {
        let (text, spans) = marked(
            """
            "ROE: ⟦We will not move the ferry, and you know it.⟧

            "WEBER: ⟦Then the union will strike on Monday.⟧

            UPDATE: The vote was delayed.
            """)
        let found = quotes(text)
        let first = try #require(quote(at: spans[0], in: found))
        let second = try #require(quote(at: spans[1], in: found))
        #expect(first.speaker == "ROE")
        #expect(second.speaker == "WEBER")
        #expect(second.rule == "transcript_turn")
        #expect(found.count == 2)
    }
}
