import ArgumentParser
import RulePacks
import WhoSaid

struct Patterns: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and test the rule packs.",
        subcommands: [List.self, Test.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every rule in the order it runs, with its origin file.")
        @OptionGroup var pack: PackOptions

        func run() throws {
            for language in pack.languages {
                let rules = try pack.load(language: language)
                for rule in rules.rules {
                    print(
                        "\(language)\t\(rule.kind.rawValue)\t\(rule.priority)\t\(rule.id)\t\(rule.location)\t\(rule.description)"
                    )
                }
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples; print failures as file:line: rule: expected … got ….")
        @OptionGroup var pack: PackOptions

        func run() throws {
            var failed = false
            for language in pack.languages {
                let rules = try pack.load(language: language)
                let (count, failures) = PackTester(rules: rules).run()
                for failure in failures { print(failure) }
                print(
                    "\(language): \(rules.rules.count) rules, \(count) examples: \(failures.isEmpty ? "all passed" : "\(failures.count) failed")"
                )
                failed = failed || !failures.isEmpty
            }
            if failed { throw ExitCode(1) }
        }
    }
}
