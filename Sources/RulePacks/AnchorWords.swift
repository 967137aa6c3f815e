import PCRE2

/// The words of every word-list lexicon used as an anchor, in one caseless trie, so one
/// scan of an article finds the anchors of every rule; each match is then looked up to
/// see which lexicons hold it (respecting each lexicon's own case rule).
public struct AnchorWords: Sendable {
    public let pattern: Pattern
    /// The lexicons one scan with ``pattern`` covers.
    public let lexiconNames: Set<String>
    private let exact: [String: Set<String>]
    private let folded: [String: Set<String>]

    init(_ lexicons: [Lexicon]) throws {
        var exact: [String: Set<String>] = [:], folded: [String: Set<String>] = [:]
        var all: [String] = []
        for lexicon in lexicons {
            for word in lexicon.words {
                let key = Self.normalize(word)
                if lexicon.caseless {
                    folded[key.lowercased(), default: []].insert(lexicon.name)
                } else {
                    exact[key, default: []].insert(lexicon.name)
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

    /// The lexicons that hold `text`, a match of ``pattern``.
    public func lexicons(of text: String) -> Set<String> {
        let key = Self.normalize(text)
        return (exact[key] ?? []).union(folded[key.lowercased()] ?? [])
    }

    /// Blank runs become one space, as the trie lets `\s+` stand for a space.
    static func normalize(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
