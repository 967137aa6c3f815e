import PCRE2

/// The words of every word-list lexicon used as an anchor, in one caseless trie, so one
/// scan of an article finds the anchors of every rule; each match is then looked up to
/// see which lexicons hold it (respecting each lexicon's own case rule).
public struct AnchorWords: Sendable {
    public let pattern: Pattern
    /// The lexicons one scan with ``pattern`` covers.
    public let lexiconNames: Set<String>
    /// Each word as written (blank runs as one space) → the case-sensitive lexicons
    /// holding it; each word lower-cased → the caseless ones. Keyed by UTF-8 bytes, so a
    /// match of ``pattern`` is looked up without making a String of it.
    private let exact: [ArraySlice<UInt8>: [String]]
    private let folded: [ArraySlice<UInt8>: [String]]

    init(_ lexicons: [Lexicon]) throws {
        var exact: [ArraySlice<UInt8>: [String]] = [:], folded: [ArraySlice<UInt8>: [String]] = [:]
        var all: [String] = []
        func add(_ name: String, _ key: String, to table: inout [ArraySlice<UInt8>: [String]]) {
            let bytes = ArraySlice(key.utf8)
            if table[bytes]?.contains(name) != true { table[bytes, default: []].append(name) }
        }
        for lexicon in lexicons {
            for word in lexicon.words {
                let key = Self.normalize(word)
                if lexicon.caseless {
                    add(lexicon.name, key.lowercased(), to: &folded)
                } else {
                    add(lexicon.name, key, to: &exact)
                }
                all.append(word.lowercased())
            }
        }
        let union = Lexicon(
            name: "anchors", description: "", words: all, pattern: nil, caseless: true,
            location: lexicons[0].location)
        pattern = try Pattern(union.regex, options: [.ucp])
        self.exact = exact
        self.folded = folded
        lexiconNames = Set(lexicons.map(\.name))
    }

    /// The lexicons that hold `word`, the bytes of a match of ``pattern``.
    ///
    /// ASCII words with single spaces, nearly every match, are looked up as they are and
    /// lower-cased byte by byte; anything else is first normalised as a String.
    public func lexicons(of word: ArraySlice<UInt8>) -> [String] {
        let plain = word.allSatisfy { $0 >= 0x20 && $0 < 0x80 }
            && !word.indices.dropFirst().contains { word[$0] == 0x20 && word[$0 - 1] == 0x20 }
        guard plain else {
            let key = Self.normalize(String(decoding: word, as: UTF8.self))
            return (exact[ArraySlice(key.utf8)] ?? []) + (folded[ArraySlice(key.lowercased().utf8)] ?? [])
        }
        let lowered = ArraySlice(word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
        return (exact[word] ?? []) + (folded[lowered] ?? [])
    }

    /// Blank runs become one space, as the trie lets `\s+` stand for a space.
    static func normalize(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
