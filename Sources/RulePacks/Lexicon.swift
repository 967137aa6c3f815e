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
        regex = Self.regex(name: name, words: words, pattern: pattern, caseless: caseless)
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
        regex = Self.regex(name: name, words: words, pattern: pattern, caseless: caseless)
    }

    /// The regex body of this lexicon: the pattern as written, or the words factored
    /// into a trie, whole words only.
    ///
    /// PCRE2 does no trie optimisation, so a flat `said|says|say|…` alternation retries
    /// every branch at every position. The trie shares prefixes:
    /// `["said", "says", "say"]` → `(?<!\w)(?:sa(?:id|y(?:s)?))(?!\w)`.
    ///
    /// Made once, when the list is read or extended: rules call the same lists many times.
    public private(set) var regex: String

    private static func regex(name: String, words: [String], pattern: String?, caseless: Bool) -> String {
        // A written pattern's masked-quote class names become their bytes once, here.
        if let pattern { return "(?:\(MaskBytes.expand(pattern).pattern))" }
        if words.count > inlineLimit {
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
    // Unicode scalars, not Characters: the same alternation, without grapheme breaking
    // (a pack of a few thousand words is factored at every start).
    private final class Node {
        var children: [(Unicode.Scalar, Node)] = []
        var terminal = false
        func child(_ c: Unicode.Scalar) -> Node {
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
            for c in word.unicodeScalars { node = node.child(c) }
            node.terminal = true
        }
    }

    func regex() -> String {
        var out = ""
        Trie.emit(root, into: &out)
        return out
    }

    private static func emit(_ node: Node, into out: inout String) {
        let group = node.children.count > 1
        if group { out += "(?:" }
        for (k, (c, child)) in node.children.enumerated() {
            if k > 0 { out += "|" }
            // Collapse a chain of single children into one literal run.
            escape(c, into: &out)
            var next = child
            while next.children.count == 1 && !next.terminal {
                escape(next.children[0].0, into: &out)
                next = next.children[0].1
            }
            guard !next.children.isEmpty else { continue }
            if next.terminal {
                out += "(?:"
                emit(next, into: &out)
                out += ")?"
            } else {
                emit(next, into: &out)
            }
        }
        if group { out += ")" }
    }

    private static func escape(_ c: Unicode.Scalar, into out: inout String) {
        if c == " " {
            out += "\\s+"
        } else if c.isASCII && !(c.properties.isAlphabetic || ("0"..."9").contains(c)) {
            out += "\\"
            out.unicodeScalars.append(c)
        } else {
            out.unicodeScalars.append(c)
        }
    }
}
