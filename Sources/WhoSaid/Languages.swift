import Foundation
import RulePacks

/// The rule packs of every language, each loaded once, and the choice of one per
/// document: the language a document names (a JSON Lines record's `"lang"`), the one
/// the command was told (`--lang de`), or, for `auto`, the language whose pack's
/// `language_evidence` words occur most often in the document's first few kilobytes.
/// The engine knows no language itself: evidence words are a lexicon of each pack.
public final class LanguagePacks: @unchecked Sendable {
    // Unchecked: the extractors are built under the lock and immutable once built.
    public let languages: [String]
    private let load: (String) throws -> RuleSet
    private var extractors: [String: Extractor] = [:]
    private var evidence: [String: Set<String>] = [:]
    private let lock = NSLock()

    /// `load` makes the rule set of one language (the default pack's, with the user's
    /// packs on top); it is called at most once per language.
    public init(languages: [String], load: @escaping (String) throws -> RuleSet) {
        self.languages = languages
        self.load = load
    }

    public func extractor(for language: String) throws -> Extractor {
        try lock.withLock {
            if let extractor = extractors[language] { return extractor }
            let rules = try load(language)
            try Extractor.checkContract(rules, language: language)
            let extractor = Extractor(rules: rules)
            extractors[language] = extractor
            evidence[language] = Set(extractor.rules.words("language_evidence").map { $0.lowercased() })
            return extractor
        }
    }

    /// Every language's extractor, loaded now: a broken pack shows before the first document.
    public func loadAll() throws {
        for language in languages { _ = try extractor(for: language) }
    }

    /// The language of `text`: the one whose evidence words occur most often in its first
    /// 4 KB; on a tie (no evidence at all, say), the first language given.
    public func detect(_ text: String) throws -> String {
        guard languages.count > 1 else { return languages.first ?? "" }
        try loadAll()
        let counts = lock.withLock { () -> [Int] in
            var counts = Array(repeating: 0, count: languages.count)
            let opening = String(decoding: text.utf8.prefix(4096), as: UTF8.self)
            // Words are runs of letters, read scalar by scalar (no grapheme breaking: this
            // runs on every document).
            var word = String.UnicodeScalarView()
            func count() {
                guard !word.isEmpty else { return }
                let lower = String(word).lowercased()
                for (i, language) in languages.enumerated() where evidence[language]?.contains(lower) == true {
                    counts[i] += 1
                }
                word = String.UnicodeScalarView()
            }
            for scalar in opening.unicodeScalars {
                let letter =
                    scalar.isASCII
                    ? (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A) : scalar.properties.isAlphabetic
                if letter { word.append(scalar) } else { count() }
            }
            count()
            return counts
        }
        let best = counts.indices.max { a, b in counts[a] < counts[b] || (counts[a] == counts[b] && a > b) } ?? 0
        return languages[best]
    }
}
