import Foundation
import PCRE2
import Testing

@testable import RulePacks

typealias PCRE2Pattern = PCRE2.Pattern

/// A minimal valid pack, to which each test adds one broken piece.
let baseLexicons = """
    version: 1
    lexicons:
      speech_verb:
        description: Verbs of saying.
        words: [said, says, added]
    """

func load(_ files: [(String, String)], user: [(String, String)]? = nil) throws -> RuleSet {
    try RuleSet.load(texts: user.map { [files, $0] } ?? [files])
}

func loadError(_ files: [(String, String)], user: [(String, String)]? = nil) -> String? {
    do {
        _ = try load(files, user: user)
        return nil
    } catch {
        return "\(error)"
    }
}

/// A rule file with one rule: its id on line 3, then `keys` a line each (`kind: claim`,
/// `anchor: [speech_verb]`, …), then a description and `pattern`.
func oneRule(_ id: String, _ keys: [String], pattern: String) -> String {
    "version: 1\nrules:\n  - id: \(id)\n" + keys.map { "    \($0)\n" }.joined()
        + "    description: x\n    pattern: \(pattern)\n"
}

@Suite struct LoadingTests {
    @Test func compileErrorNamesFileLineRuleAndPutsACaretUnderTheByte() {
        let rules = """
            version: 1
            rules:
              - id: broken_said
                kind: attribution
                description: Broken on purpose.
                pattern: |
                  (?<quote>x)
                  (?<speaker>\\w+) (?<cue>(?&speech_verb)
            """
        #expect(
            loadError([("lex.yaml", baseLexicons), ("cues.yaml", rules)]) == """
                cues.yaml:8: rule broken_said: PCRE2 compile error 114: missing closing parenthesis
                    (?<speaker>\\w+) (?<cue>(?&speech_verb)
                                                          ^
                """)
    }

    /// A pack names the masked-quote bytes with class names; they match those bytes,
    /// and a compile error after one still points at the byte the pack wrote.
    @Test func maskedQuoteClassNamesStandForTheirBytes() throws {
        let rules = """
            version: 1
            rules:
              - id: before_quote
                kind: claim
                span: after
                description: x
                pattern: (?<speaker>\\w+)\\h(?<cue>said)\\h(?=[[:quote:]])
              - id: up_to_quote
                kind: claim
                span: after
                description: x
                pattern: (?<speaker>\\w+)\\h(?<cue>wrote)[^[:quote:]\\n]*(?<=[[:quote_end:]])
            """
        let set = try load([("r.yaml", rules)])
        let open = Character(Unicode.Scalar(MaskBytes.open))
        let close = Character(Unicode.Scalar(MaskBytes.closePeriod))
        let said = try #require(set.rules(.claim).first { $0.id == "before_quote" })
        #expect(try said.pattern.isMatch("Roe said \(open)\(close)"))
        #expect(try !said.pattern.isMatch("Roe said it"))
        #expect(!said.pattern.source.contains("[:quote:]"))
        let broken = """
            version: 1
            rules:
              - id: broken
                kind: claim
                span: after
                description: x
                pattern: (?<speaker>[[:quote_end:]]x) (?<cue>said
            """
        #expect(
            loadError([("b.yaml", broken)]) == """
                b.yaml:7: rule broken: PCRE2 compile error 114: missing closing parenthesis
                    (?<speaker>[[:quote_end:]]x) (?<cue>said
                                                            ^
                """)
    }

    @Test func unknownKeyIsRefusedWithTheKnownOnes() {
        let rules = """
            version: 1
            rules:
              - id: said_rule
                kind: claim
                span: after
                description: x
                patern: (?<cue>said)
            """
        let message = loadError([("r.yaml", rules)])
        #expect(
            message?.hasPrefix(
                "r.yaml:7: rule said_rule: unknown key 'patern' in a rule (known keys: anchor, at_anchor, caseless, continues, description,")
                == true)
    }

    /// `near_within` bounds how far after the anchor the `near` lexicon may stand: it
    /// needs a `near` and a positive number, and it is read into the rule.
    @Test func nearWithinNeedsANearAndAPositiveDistance() throws {
        func rule(_ extra: String...) -> String {
            oneRule("colon_quote", ["kind: attribution", "anchor: [speech_verb]"] + extra, pattern: colonQuote)
        }
        let ok = try load([("lex.yaml", baseLexicons), ("r.yaml", rule("near: [speech_verb]", "near_within: 80"))])
        #expect(ok.rules(.attribution).first?.nearWithin == 80)
        let plain = try load([("lex.yaml", baseLexicons), ("r.yaml", rule("near: [speech_verb]"))])
        #expect(plain.rules(.attribution).first?.nearWithin == Rule.nearDistance)
        #expect(
            loadError([("lex.yaml", baseLexicons), ("r.yaml", rule("near_within: 80"))])
                == "r.yaml:6: rule colon_quote: 'near_within' bounds a 'near', so it needs one")
        #expect(
            loadError([("lex.yaml", baseLexicons), ("r.yaml", rule("near: [speech_verb]", "near_within: 0"))])
                == "r.yaml:7: rule colon_quote: 'near_within' is a number of bytes above 0")
    }

    /// An attribution rule's pattern: a word, a verb of saying, a colon and a quote.
    private let colonQuote = #"(?<speaker>\w+)\h(?<cue>(?&speech_verb)):\h(?<quote>"[^"]*")"#

    /// `at_anchor` is matched where an anchor word starts: it needs an anchor, compiles
    /// with the pack's lexicons, and an error in it names its own line.
    @Test func atAnchorNeedsAnAnchorAndNamesItsLine() throws {
        func rule(_ extra: String...) -> String { oneRule("colon_quote", ["kind: attribution"] + extra, pattern: colonQuote) }
        let ok = try load([("lex.yaml", baseLexicons), ("r.yaml", rule("anchor: [speech_verb]", "at_anchor: '(?&speech_verb):'"))])
        let check = try #require(ok.rules(.attribution).first?.atAnchor)
        #expect(try check.isMatch("said: \"Yes\""))
        #expect(try !check.isMatch("said \"Yes\""))
        #expect(
            loadError([("lex.yaml", baseLexicons), ("r.yaml", rule("at_anchor: '(?&speech_verb):'"))])
                == "r.yaml:5: rule colon_quote: 'at_anchor' is matched where an 'anchor' word starts, so it needs one")
        let broken = loadError([("lex.yaml", baseLexicons), ("r.yaml", rule("anchor: [speech_verb]", "at_anchor: '(?&speech_verb)(:'"))])
        #expect(broken?.hasPrefix("r.yaml:6: rule colon_quote: PCRE2 compile error") == true, "\(broken ?? "")")
    }

    /// `reach_words` counts back from an anchor word: it needs one and is 0 or more.
    @Test func reachWordsNeedsAnAnchorAndACount() throws {
        func rule(_ extra: String...) -> String {
            oneRule("said_rule", ["kind: claim", "span: after"] + extra, pattern: #"(?<speaker>\w+)\h(?<cue>(?&speech_verb))"#)
        }
        let ok = try load([("lex.yaml", baseLexicons), ("r.yaml", rule("anchor: [speech_verb]", "reach_words: 3"))])
        #expect(ok.rules(.claim).first?.reachWords == 3)
        #expect(
            loadError([("lex.yaml", baseLexicons), ("r.yaml", rule("reach_words: 3"))])
                == "r.yaml:6: rule said_rule: 'reach_words' counts back from an 'anchor' word, so it needs one")
        #expect(
            loadError([("lex.yaml", baseLexicons), ("r.yaml", rule("anchor: [speech_verb]", "reach_words: -1"))])
                == "r.yaml:7: rule said_rule: 'reach_words' is a number of words, 0 or more")
    }

    @Test func missingLexiconIsRefused() {
        let rules = """
            version: 1
            rules:
              - id: said_rule
                kind: claim
                span: after
                description: x
                pattern: (?<cue>(?&speach_verb))
            """
        #expect(
            loadError([("lex.yaml", baseLexicons), ("r.yaml", rules)])
                == "r.yaml:3: rule said_rule: lexicon 'speach_verb' is called as (?&speach_verb) but not defined")
    }

    @Test func unknownGroupIsRefused() {
        let rules = """
            version: 1
            rules:
              - id: said_rule
                kind: claim
                span: after
                description: x
                pattern: (?<who>\\w+) (?<cue>said)
            """
        #expect(
            loadError([("r.yaml", rules)])
                == "r.yaml:3: rule said_rule: group 'who' means nothing to a claim rule (known groups: affiliation, content, cue, descriptor, role, speaker)"
        )
    }

    @Test func duplicateIdInOnePackIsRefused() {
        let rule = """
              - id: said_rule
                kind: claim
                span: after
                description: x
                pattern: (?<cue>said)
            """
        let message = loadError([("r.yaml", "version: 1\nrules:\n" + rule + "\n" + rule)])
        #expect(message == "r.yaml:8: rule said_rule: duplicate rule id (first defined at r.yaml:3)")
    }

    @Test func conflictingKeysAreRefused() {
        let lexicon = """
            version: 1
            lexicons:
              verbs:
                description: x
                words: [said]
                pattern: said
            """
        #expect(
            loadError([("l.yaml", lexicon)]) == "l.yaml:4: lexicon 'verbs' has both 'words' and 'pattern'; give one")
        let rule = """
            version: 1
            rules:
              - id: q
                kind: quote
                span: after
                description: x
                pattern: '"(?<content>[^"]*)"'
            """
        #expect(loadError([("r.yaml", rule)]) == "r.yaml:5: rule q: 'span' applies to claim rules only")
        let sideways = rule.replacingOccurrences(of: "kind: quote\n    span: after", with: "kind: claim\n    span: aside")
        #expect(
            loadError([("r.yaml", sideways)])
                == "r.yaml:5: rule q: 'span' must be 'after', 'before' or 'previous', not 'aside'")
    }

    @Test func unknownAnchorIsRefused() {
        let rules = """
            version: 1
            rules:
              - id: said_rule
                kind: claim
                span: after
                anchor: [speach_verb]
                description: x
                pattern: (?<cue>said)
            """
        #expect(
            loadError([("lex.yaml", baseLexicons), ("r.yaml", rules)])
                == "r.yaml:3: rule said_rule: anchor lexicon 'speach_verb' is not defined")
    }

    @Test func wrongVersionAndBadYAMLAreRefused() {
        #expect(
            loadError([("v.yaml", "version: 2\n")])
                == "v.yaml:1: unsupported format version (this WhoSaid reads version 1)")
        #expect(loadError([("y.yaml", "version: 1\nrules: [\n")])?.hasPrefix("y.yaml:3: not valid YAML") == true)
    }

    @Test func lexiconNamedLikeAGroupIsRefused() {
        let lexicon = """
            version: 1
            lexicons:
              speaker:
                description: x
                words: [he]
            """
        #expect(
            loadError([("l.yaml", lexicon)]) == "l.yaml:4: lexicon 'speaker' has the name of a capture group; rename it"
        )
    }

    @Test func userPackOverridesDisablesAndExtends() throws {
        let base =
            baseLexicons + """

                rules:
                  - id: said_clause
                    kind: claim
                    span: after
                    description: x
                    pattern: (?<speaker>\\w+)[ ](?<cue>(?&speech_verb))
                  - id: told_clause
                    kind: claim
                    span: after
                    description: x
                    pattern: (?<speaker>\\w+)[ ](?<cue>told)
                """
        let user = """
            version: 1
            lexicons:
              speech_verb:
                extends: true
                words: [quipped]
            rules:
              - id: told_clause
                enabled: false
              - id: said_clause
                kind: claim
                span: after
                priority: 7
                description: replaced
                pattern: (?<speaker>[A-Z]\\w+)[ ](?<cue>(?&speech_verb))
            """
        let rules = try load([("base.yaml", base)], user: [("user.yaml", user)])
        #expect(rules.rules.map(\.id) == ["said_clause"])
        #expect(rules.rules[0].description == "replaced")
        #expect(rules.rules[0].location.file == "user.yaml")
        #expect(rules.words("speech_verb") == ["said", "says", "added", "quipped"])
        #expect(try rules.rules[0].pattern.isMatch("Kim quipped"))
    }

    @Test func disablingAnUnknownRuleIsRefused() {
        let user = "version: 1\nrules:\n  - id: nothing_here\n    enabled: false\n"
        #expect(
            loadError([("base.yaml", baseLexicons)], user: [("user.yaml", user)])
                == "user.yaml:3: rule nothing_here: 'enabled: false' names a rule that no earlier pack defines")
    }

    @Test func trieFactorsSharedPrefixes() throws {
        let lexicon = Lexicon(
            name: "v", description: "", words: ["said", "says", "say", "told", "pointed out"],
            pattern: nil, caseless: false, location: RuleLocation(file: "x", line: 1))
        #expect(lexicon.regex == #"(?<!\w)(?:(?:sa(?:id|y(?:s)?)|told|pointed\s+out))(?!\w)"#)
        let words = try PCRE2Pattern(lexicon.regex)
        #expect(try words.matches(in: "he says, she said, they say; I told, you pointed  out, essay").count == 5)
    }

    /// A small lexicon is written out where a rule calls it, a long one stays in the
    /// DEFINE block, and both match what the calls matched; a rule that sets (?m) for
    /// its own text keeps every call, which the block before it is out of reach of.
    @Test func smallLexiconsAreWrittenOutWhereTheyAreCalled() throws {
        // Eighty words that share little more than a first letter: a trie of some 700 bytes.
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let long = (0..<80).map { n in String([letters[n % 26], letters[(n / 26) % 26]]) + "rolled" }
            .joined(separator: ", ")
        let pack = baseLexicons + """

              speaker_name:
                description: A capitalised word.
                pattern: \\p{Lu}\\p{Ll}+
              many_words:
                description: A list too long to write out at every call.
                words: [\(long)]
            rules:
              - id: name_said
                kind: claim
                span: after
                description: x
                pattern: (?<speaker>(?&speaker_name))\\h(?<cue>(?&speech_verb)|(?&many_words))
              - id: line_said
                kind: claim
                span: after
                description: x
                pattern: (?m)^(?<speaker>(?&speaker_name))\\h(?<cue>(?&speech_verb))
            """
        let set = try load([("p.yaml", pack)])
        let written = try #require(set.rules(.claim).first { $0.id == "name_said" })
        #expect(!written.pattern.source.contains("(?&speech_verb)"))
        #expect(!written.pattern.source.contains("(?&speaker_name)"))
        #expect(written.pattern.source.hasPrefix("(?(DEFINE)(?<many_words>"))
        #expect(written.pattern.source.contains("(?&many_words)"))
        let text = "then Roe added and Kim cbrolled"
        let match = try #require(try written.pattern.firstMatch(in: text))
        #expect(match.range(named: "cue").map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) } == "added")
        #expect(try written.pattern.matches(in: "Roe said, Kim cbrolled, Lee zzrolled").count == 2)
        let line = try #require(set.rules(.claim).first { $0.id == "line_said" })
        #expect(line.pattern.source.contains("(?&speech_verb)"))
        #expect(try line.pattern.matches(in: "Roe said\nKim added").count == 2)
    }

    /// Two lexicons that call each other: the one the cycle returns to stays a call, the
    /// other is written out inside it, and the rule matches what the calls matched.
    @Test func lexiconsCallingEachOtherStayOneCall() throws {
        let pack = """
            version: 1
            lexicons:
              ping:
                description: x then maybe a pong.
                pattern: x(?&pong)?
              pong:
                description: y then maybe a ping.
                pattern: y(?&ping)?
            rules:
              - id: rally
                kind: claim
                span: after
                description: x
                pattern: (?<cue>(?&ping))!
            """
        let rule = try #require(try load([("p.yaml", pack)]).rules(.claim).first)
        #expect(rule.pattern.source.hasPrefix("(?(DEFINE)(?<ping>"))
        #expect(!rule.pattern.source.contains("(?<pong>"))
        #expect(try rule.pattern.firstMatch(in: "xyxyx!")?.range == 0..<6)
    }

    @Test func everyLanguageOfTheDefaultPackIsFoundAndLoads() throws {
        let directory = try #require(RuleSet.defaultDirectory())
        let languages = RuleSet.languages(in: directory)
        #expect(languages.contains("en") && languages.contains("de"))
        for language in languages {
            let rules = try RuleSet.loadDefault(language: language, environment: [:])
            for kind in RuleKind.allCases { #expect(!rules.rules(kind).isEmpty, "\(language): no \(kind) rules") }
        }
    }

    @Test func anUnknownLanguageIsRefusedWithThePacksThereAre() {
        #expect(throws: RulePackErrors.self) { try RuleSet.loadDefault(language: "xx", environment: [:]) }
    }
}
