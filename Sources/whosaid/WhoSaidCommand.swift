import ArgumentParser
import Foundation
import PCRE2
import RulePacks

@main
struct WhoSaidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whosaid",
        abstract: "Find who said what in news articles: direct, mixed and reported quotes with their speakers.",
        subcommands: [
            Extract.self, Stream.self, Explain.self, Eval.self, Bench.self, Patterns.self, WorkerCommand.self,
        ],
        defaultSubcommand: Extract.self
    )
}

/// Options every command that loads rules shares.
struct PackOptions: ParsableArguments {
    @Option(
        name: .customLong("patterns"),
        help: ArgumentHelp(
            "A directory of rule files to add to the default pack (repeatable; also WHOSAID_PATTERNS, separated by ':').",
            valueName: "dir"))
    var directories: [String] = []

    func load() throws -> RuleSet {
        do {
            return try RuleSet.loadDefault(extra: directories)
        } catch let error as RulePackErrors {
            throw ValidationFailure(error.description)
        }
    }
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

    /// The limits when the command has no options for them.
    static var defaults: LimitOptions {
        var options = LimitOptions()
        options.matchLimit = MatchLimits.default.matchLimit
        options.heapLimit = MatchLimits.default.heapLimitKiB
        return options
    }
}
