import ArgumentParser
import RulePacks
import WhoSaid

struct Patterns: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and test the rule packs.",
        subcommands: [List.self, Test.self, Show.self])

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
                // Then the resolution sieve's steps, in the order they are tried.
                let on = Set(rules.words("sieve_step"))
                let location = rules.lexicons["sieve_step"].map { "\($0.location)" } ?? "-"
                for (n, step) in ResolutionWords.sieveSteps.enumerated() {
                    print(
                        "\(language)\tsieve\t\(n + 1)\t\(step.step)\t\(location)\t\(on.contains(step.step) ? "" : "(off) ")\(step.description)"
                    )
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the exact PCRE2 pattern a rule compiles to: the lexicons it calls in a (?(DEFINE)…) block, then its own text, with small lexicons written out where they are called.",
            discussion: "For reading a rule as PCRE2 sees it, or timing it outside WhoSaid (scripts/pcre2_scan.c). Compile options: UTF, UCP, extended, MATCH_INVALID_UTF, plus caseless when the rule says so.")
        @OptionGroup var pack: PackOptions
        @Argument(help: "A rule id, as in `whosaid patterns list`.") var id: String
        @Flag(help: "Print the rule's at_anchor check instead, as PCRE2 compiles it.") var atAnchor = false

        func run() throws {
            for language in pack.languages {
                if let rule = try pack.load(language: language).rules.first(where: { $0.id == id }) {
                    guard atAnchor else {
                        print(rule.pattern.source)
                        return
                    }
                    guard let check = rule.atAnchor else {
                        throw ValidationError("rule '\(id)' (\(rule.location)) has no at_anchor")
                    }
                    print(check.source)
                    return
                }
            }
            throw ValidationError("no rule '\(id)' in the packs of \(pack.languages.joined(separator: ", "))")
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
