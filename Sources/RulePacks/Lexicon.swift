/// A named word list or pattern fragment that rules call as `(?&name)`.
public struct Lexicon: Sendable {
    public let name: String
    public let description: String
    /// The words, in file order; empty for a pattern lexicon.
    public private(set) var words: [String]
    /// A regex fragment, for lexicons that are not word lists.
    public let pattern: String?
    public let caseless: Bool
    public let location: RuleLocation

    public init(
        name: String, description: String, words: [String], pattern: String?, caseless: Bool,
        location: RuleLocation
    ) {
        self.name = name
        self.description = description
        self.words = words
        self.pattern = pattern
        self.caseless = caseless
        self.location = location
    }

    /// Word lists longer than this are looked up by a callout instead of being compiled
    /// into every pattern that calls them.
    public static let inlineLimit = 1000
    /// The capture group a large lexicon's candidate is held in: this prefix and its name.
    public static let groupPrefix = "_lexicon_"

    /// Whether the list is looked up at match time rather than compiled in.
    public var isLarge: Bool { pattern == nil && words.count > Self.inlineLimit }

    /// Adds a user pack's words to this list, keeping the first spelling of each.
    mutating func extend(with more: [String]) {
        var seen = Set(words)
        for word in more where seen.insert(word).inserted { words.append(word) }
    }

    /// The regex body of this lexicon: the pattern as written, or the words factored
    /// into a trie, whole words only.
    ///
    /// PCRE2 does no trie optimisation, so a flat `said|says|say|…` alternation retries
    /// every branch at every position. The trie shares prefixes:
    /// `["said", "says", "say"]` → `(?<!\w)(?:sa(?:id|y(?:s)?))(?!\w)`.
    public var regex: String {
        if let pattern { return "(?:\(pattern))" }
        if isLarge {
            // Too many words to inline under PCRE2's compiled-size limit: match a run of
            // up to as many words as the longest entry, and let a callout look it up.
            let most = words.map { $0.split(separator: " ").count }.max() ?? 1
            let token = #"[\p{L}\p{N}\p{M}'’.&-]"#
            return #"(?<![\p{L}\p{N}])(?<"# + Self.groupPrefix + name + #">[\p{L}\p{N}]"# + token + "*"
                + #"(?:\h+"# + token + "+){0,\(most - 1)}?)" + #"(?C""# + name + #"")(?![\p{L}\p{N}])"#
        }
        let body = Trie(words).regex()
        return caseless ? "(?<!\\w)(?i:\(body))(?!\\w)" : "(?<!\\w)(?:\(body))(?!\\w)"
    }
}

/// A character trie that prints itself as a regex alternation.
struct Trie {
    private final class Node {
        var children: [(Character, Node)] = []
        var terminal = false
        func child(_ c: Character) -> Node {
            if let found = children.first(where: { $0.0 == c }) { return found.1 }
            let node = Node()
            children.append((c, node))
            return node
        }
    }

    private let root = Node()

    init(_ words: [String]) {
        for word in words where !word.isEmpty {
            var node = root
            for c in word { node = node.child(c) }
            node.terminal = true
        }
    }

    func regex() -> String { Trie.emit(root) }

    private static func emit(_ node: Node) -> String {
        // Collapse a chain of single children into one literal run.
        let branches = node.children.map { c, child -> String in
            var literal = escape(c)
            var next = child
            while next.children.count == 1 && !next.terminal {
                literal += escape(next.children[0].0)
                next = next.children[0].1
            }
            if next.children.isEmpty { return literal }
            let rest = emit(next)
            return literal + (next.terminal ? "(?:\(rest))?" : rest)
        }
        if branches.count == 1 { return branches[0] }
        return "(?:" + branches.joined(separator: "|") + ")"
    }

    private static func escape(_ c: Character) -> String {
        if c == " " { return "\\s+" }
        if c.isLetter || c.isNumber { return String(c) }
        if c.isASCII { return "\\" + String(c) }
        return String(c)
    }
}
