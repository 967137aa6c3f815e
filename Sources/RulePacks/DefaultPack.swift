import Foundation

extension RuleSet {
    /// The environment variable that names extra pack directories, separated by `:`.
    public static let userPacksVariable = "WHOSAID_PATTERNS"

    /// Where the default pack lives, found without flags from any working directory:
    /// beside the executable (`share/whosaid/Patterns` for an installed binary, or any
    /// parent folder's `Patterns/` for one built in a checkout) and, last, the checkout
    /// this file was compiled in.
    public static func defaultDirectory(executable: String? = nil) -> String? {
        var candidates: [String] = []
        if let exe = executable ?? executablePath() {
            var dir = (exe as NSString).deletingLastPathComponent
            candidates.append((dir as NSString).appendingPathComponent("../share/whosaid/Patterns"))
            for _ in 0..<6 {
                candidates.append((dir as NSString).appendingPathComponent("Patterns"))
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        // Sources/RulePacks/DefaultPack.swift → the checkout's Patterns/.
        let checkout = ((#filePath as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("../../Patterns")
        candidates.append(checkout)
        return candidates.map { ($0 as NSString).standardizingPath }.first(where: isPack)
    }

    private static func isPack(_ directory: String) -> Bool {
        let file = (directory as NSString).appendingPathComponent("core/quotes.yaml")
        return FileManager.default.fileExists(atPath: file)
    }

    /// The folder of the part every language shares (typography, masking).
    public static let corePack = "core"

    /// The languages the default pack has: every folder beside `core/` that holds rule
    /// files, in name order (`de`, `en`, …).
    public static func languages(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            guard name != corePack, !name.hasPrefix(".") else { return false }
            let folder = (directory as NSString).appendingPathComponent(name)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return files.contains { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        }.sorted()
    }

    /// The rule files of the default pack for `language`, in the order they load.
    public static func defaultPackFiles(language: String = "en") -> [String] {
        guard let base = defaultDirectory() else { return [] }
        return defaultDirectories(language: language, in: base).flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { (folder as NSString).appendingPathComponent($0) }
        }
    }

    /// The directories of the default pack for `language`: the shared core, then the
    /// language's own rules.
    public static func defaultDirectories(language: String, in directory: String) -> [String] {
        [corePack, language].map { (directory as NSString).appendingPathComponent($0) }
    }

    private static func executablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return Bundle.main.executablePath
    }

    /// The default pack for `language`, then `WHOSAID_PATTERNS` directories, then `extra`,
    /// loaded and merged.
    public static func loadDefault(
        language: String = "en", extra: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> RuleSet {
        guard let base = defaultDirectory() else {
            throw RulePackErrors(errors: [
                RulePackError(
                    RuleLocation(file: "Patterns", line: 0),
                    "the default rule pack was not found beside the whosaid executable; set --patterns")
            ])
        }
        guard languages(in: base).contains(language) else {
            throw RulePackErrors(errors: [
                RulePackError(
                    RuleLocation(file: base, line: 0),
                    "no rule pack for the language '\(language)' (the packs: \(languages(in: base).joined(separator: ", ")))")
            ])
        }
        let fromEnvironment = (environment[userPacksVariable] ?? "").split(separator: ":").map(String.init)
        return try load(
            directories: defaultDirectories(language: language, in: base) + fromEnvironment + extra, language: language)
    }
}
