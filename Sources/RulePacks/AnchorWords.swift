import PCRE2

/// The words of every word-list lexicon used as an anchor, in one caseless trie, so one
/// scan of an article finds the anchors of every rule; each match is then looked up to
/// see which lexicons hold it (respecting each lexicon's own case rule).
public struct AnchorWords: Sendable {
    public let pattern: Pattern
    /// The lexicons one scan with ``pattern`` covers, in an order ``forEachLexicon(of:_:)``
    /// numbers them by.
    public let lexiconNames: [String]
    /// Each word as written (blank runs as one space) → the case-sensitive lexicons
    /// holding it; each word lower-cased → the caseless ones, by their numbers in
    /// ``lexiconNames``. Keyed by UTF-8 bytes, so a match of ``pattern`` is looked up
    /// without making a String of it.
    private let exact: [ArraySlice<UInt8>: [Int]]
    private let folded: [ArraySlice<UInt8>: [Int]]

    init(_ lexicons: [Lexicon]) throws {
        var exact: [ArraySlice<UInt8>: [Int]] = [:], folded: [ArraySlice<UInt8>: [Int]] = [:]
        var all: [String] = []
        var names: [String] = []
        func add(_ lexicon: Int, _ key: String, to table: inout [ArraySlice<UInt8>: [Int]]) {
            let bytes = ArraySlice(key.utf8)
            if table[bytes]?.contains(lexicon) != true { table[bytes, default: []].append(lexicon) }
        }
        for lexicon in lexicons {
            let number = names.firstIndex(of: lexicon.name) ?? names.count
            if number == names.count { names.append(lexicon.name) }
            for word in lexicon.words {
                let key = Self.normalize(word)
                if lexicon.caseless {
                    add(number, key.lowercased(), to: &folded)
                } else {
                    add(number, key, to: &exact)
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
        lexiconNames = names
    }

    /// Calls `body` with the number in ``lexiconNames`` of each lexicon that holds `word`,
    /// the bytes of a match of ``pattern``, case-sensitive ones first. A word already in
    /// lower case (nearly every match) is looked up with no copy made.
    public func forEachLexicon(of word: ArraySlice<UInt8>, _ body: (Int) -> Void) {
        var plain = true, upper = false, lastBlank = false
        for b in word {
            if b < 0x20 || b >= 0x80 || (b == 0x20 && lastBlank) { plain = false; break }
            if b >= 0x41 && b <= 0x5A { upper = true }
            lastBlank = b == 0x20
        }
        guard plain else {
            let key = Self.normalize(String(decoding: word, as: UTF8.self))
            for n in exact[ArraySlice(key.utf8)] ?? [] { body(n) }
            for n in folded[ArraySlice(key.lowercased().utf8)] ?? [] { body(n) }
            return
        }
        for n in exact[word] ?? [] { body(n) }
        let lowered = upper ? ArraySlice(word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }) : word
        for n in folded[lowered] ?? [] { body(n) }
    }

    /// Blank runs become one space, as the trie lets `\s+` stand for a space.
    static func normalize(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
