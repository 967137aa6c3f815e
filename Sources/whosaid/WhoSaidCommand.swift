import ArgumentParser
import Foundation
import PCRE2
import RulePacks
import WhoSaid

@main
struct WhoSaidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whosaid",
        abstract: "Find who said what in news articles: direct, mixed and reported quotes with their speakers.",
        version: "whosaid 0.6.0 (2026-12-02)",
        subcommands: [
            Extract.self, Stream.self, Explain.self, Eval.self, Bench.self, Patterns.self, WorkerCommand.self,
        ],
        defaultSubcommand: Extract.self
    )

    /// One error style for every subcommand: `whosaid: what went wrong`, exit status 1
    /// for a usage or pack error (2 is kept for inputs that could not be read, which the
    /// commands report themselves); help and `--version` as ArgumentParser prints them.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as ValidationFailure {
            Console.error("whosaid: \(failure.description)")
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every command that loads rules shares.
struct PackOptions: ParsableArguments {
    @Option(
        name: .customLong("patterns"),
        help: ArgumentHelp(
            "A directory of rule files to add to the default pack (repeatable; also WHOSAID_PATTERNS, separated by ':').",
            valueName: "dir"))
    var directories: [String] = []

    @Option(
        help: ArgumentHelp(
            "The language's rule pack: auto (chosen per document by the packs' evidence words, or a JSON Lines record's \"lang\") or a pack's name (en, de).",
            valueName: "lang"))
    var lang: String = "auto"

    /// The languages this run may use: all of the default pack's for `auto`.
    var languages: [String] {
        guard lang == "auto" else { return [lang] }
        let all = RuleSet.defaultDirectory().map(RuleSet.languages) ?? []
        // English first: it wins a tie of evidence.
        return all.contains("en") ? ["en"] + all.filter { $0 != "en" } : all
    }

    /// The rule set of `language` (the first of ``languages`` when nil).
    func load(language: String? = nil) throws -> RuleSet {
        do {
            return try RuleSet.loadDefault(language: language ?? languages.first ?? "en", extra: directories)
        } catch let error as RulePackErrors {
            throw ValidationFailure(error.description)
        }
    }

    /// Every language this run may use, each loaded when first needed.
    func packs() -> LanguagePacks {
        LanguagePacks(languages: languages) { language in try load(language: language) }
    }

    /// The same options, for a worker process.
    var arguments: [String] { directories.flatMap { ["--patterns", $0] } + ["--lang", lang] }
}

/// An error whose text is printed as it is, with exit status 1.
struct ValidationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The limits that keep a backtracking pattern from hanging a run.
struct LimitOptions: ParsableArguments {
    @Option(
        help: "Most backtracking steps one rule may take on one document before it is skipped there with a warning.")
    var matchLimit: UInt32 = MatchLimits.default.matchLimit

    @Option(help: "Most memory, in KiB, one match may use for backtracking.")
    var heapLimit: UInt32 = MatchLimits.default.heapLimitKiB

    var limits: MatchLimits { MatchLimits(matchLimit: matchLimit, heapLimitKiB: heapLimit) }

    /// The same options, for a worker process.
    var arguments: [String] { ["--match-limit", String(matchLimit), "--heap-limit", String(heapLimit)] }
}

/// How to read each document's layout and quotation marks, when the evidence in the
/// document should be overruled.
struct ReadingOptions: ParsableArguments {
    @Option(help: "Whether single line breaks inside paragraphs are soft wraps: auto (decided per document), yes or no.")
    var wrapped: Wrapping = .auto

    @Option(
        help: ArgumentHelp(
            "The quotation marks to take as the convention: auto (per document, the marks that pair into the most quotes) or a family of the pack (double, single, low_high, guillemets).",
            valueName: "family"))
    var quotes: String = "auto"

    var convention: String? { quotes == "auto" ? nil : quotes }

    /// The same options, for a worker process.
    var arguments: [String] { ["--wrapped", wrapped.rawValue, "--quotes", quotes] }

    func document(id: String, text: String, language: String? = nil) -> Document {
        Document(id: id, text: text, wrapping: wrapped, convention: convention, language: language)
    }

    /// Refuses a family no quote rule of the pack names.
    func check(_ rules: RuleSet) throws {
        guard let convention else { return }
        let families = Set(rules.rules(.quote).compactMap(\.marks))
        guard families.contains(convention) else {
            throw ValidationFailure(
                "--quotes: no quote rule has marks '\(convention)' (the pack's families: \(families.sorted().joined(separator: ", ")))"
            )
        }
    }
}

extension Wrapping: ExpressibleByArgument {}
