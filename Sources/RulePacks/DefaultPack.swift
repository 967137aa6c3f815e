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
        let file = (directory as NSString).appendingPathComponent("lexicons.yaml")
        return FileManager.default.fileExists(atPath: file)
    }

    private static func executablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return Bundle.main.executablePath
    }

    /// The default pack, then `WHOSAID_PATTERNS` directories, then `extra`, loaded and merged.
    public static func loadDefault(
        extra: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> RuleSet {
        guard let base = defaultDirectory() else {
            throw RulePackErrors(errors: [
                RulePackError(
                    RuleLocation(file: "Patterns", line: 0),
                    "the default rule pack was not found beside the whosaid executable; set --patterns")
            ])
        }
        let fromEnvironment = (environment[userPacksVariable] ?? "").split(separator: ":").map(String.init)
        return try load(directories: [base] + fromEnvironment + extra)
    }
}
