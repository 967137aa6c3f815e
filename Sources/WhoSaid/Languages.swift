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
    private var evidenceByWord: [String: [Int]]?
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
        let languagesOf = lock.withLock { evidenceIndex() }
        var counts = Array(repeating: 0, count: languages.count)
        // Words are runs of letters, read scalar by scalar and lower-cased into one byte
        // buffer as they are read (no grapheme breaking, no String per scalar: this runs
        // on every document).
        var word: [UInt8] = []
        word.reserveCapacity(64)
        func count() {
            guard !word.isEmpty else { return }
            for i in languagesOf[String(decoding: word, as: UTF8.self)] ?? [] { counts[i] += 1 }
            word.removeAll(keepingCapacity: true)
        }
        var read = 0
        for scalar in text.unicodeScalars {
            read += UTF8.width(scalar)
            if read > 4096 { break }
            if scalar.isASCII {
                let v = UInt8(scalar.value) | 0x20
                if v >= 0x61 && v <= 0x7A { word.append(v) } else { count() }
            } else if scalar.properties.isAlphabetic {
                word.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                count()
            }
        }
        count()
        let best = counts.indices.max { a, b in counts[a] < counts[b] || (counts[a] == counts[b] && a > b) } ?? 0
        return languages[best]
    }

    /// Each lower-case evidence word with the indexes of the languages whose packs hold it;
    /// built once every pack is loaded. Call under the lock.
    private func evidenceIndex() -> [String: [Int]] {
        if let built = evidenceByWord { return built }
        var index: [String: [Int]] = [:]
        for (i, language) in languages.enumerated() {
            for word in evidence[language] ?? [] { index[word, default: []].append(i) }
        }
        evidenceByWord = index
        return index
    }
}
