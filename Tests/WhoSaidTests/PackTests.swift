import RulePacks
import Testing

@testable import WhoSaid

@Suite struct PackTests {
    @Test func everyExampleOfTheDefaultPackPasses() {
        let (count, failures) = PackTester(rules: defaultRules).run()
        #expect(count > 2 * defaultRules.rules.count - 1)
        #expect(failures.map(\.description) == [])
    }

    @Test func failingExampleIsReportedWithFileLineAndCaptures() throws {
        let pack = """
            version: 1
            rules:
              - id: said_clause
                kind: claim
                span: after
                description: x
                pattern: (?<speaker>[A-Z]\\w+)[ ](?<cue>said)
                examples:
                  match:
                    - text: Kim said so.
                      captures: {speaker: Lee}
                    - Nobody here.
                  no_match:
                    - Park said no.
            """
        let rules = try RuleSet.load(texts: [[("p.yaml", pack)]])
        let failures = PackTester(rules: rules).run().failures.map(\.description)
        #expect(
            failures == [
                "p.yaml:10: said_clause: expected speaker 'Lee', got 'Kim'",
                "p.yaml:12: said_clause: expected a match in 'Nobody here.', got none",
                "p.yaml:14: said_clause: expected no match in 'Park said no.', got 'Park said'",
            ])
    }

    @Test func offsetBugsShowAfterTheMultibytePrefix() throws {
        // \C matches one byte, so this rule captures differently after é.
        let pack = """
            version: 1
            rules:
              - id: bytes
                kind: claim
                span: after
                description: x
                pattern: (?<speaker>^\\w+)[ ](?<cue>said)
                examples:
                  match:
                    - text: Kim said so.
                      captures: {speaker: Kim}
                  no_match:
                    - nothing
            """
        let rules = try RuleSet.load(texts: [[("p.yaml", pack)]])
        let failures = PackTester(rules: rules).run().failures.map(\.description)
        #expect(
            failures == ["p.yaml:10: bytes: expected a match in 'Kim said so.', got none (after a multibyte prefix)"])
    }
}
