import PCRE2

/// What a rule recognises, which decides the stage that runs it and the text it sees.
public enum RuleKind: String, CaseIterable, Sendable {
    /// Quotation marks and what they enclose; runs on the article text.
    case quote
    /// Sentence ends; runs on the text with quotes masked.
    case sentence
    /// People and bodies with role and affiliation; runs on the masked text.
    case mention
    /// Ties a quote to a speaker and a cue; runs on the masked text.
    case attribution
    /// A reported clause without (or with partial) quotation marks; runs on the masked text.
    case claim

    /// The capture groups a rule of this kind may define; any other name is refused.
    public var allowedGroups: Set<String> {
        switch self {
        case .quote: return ["open", "content", "close"]
        case .sentence: return ["end"]
        case .mention: return ["name", "role", "affiliation", "descriptor"]
        case .attribution: return ["quote", "speaker", "cue", "role", "affiliation", "descriptor"]
        case .claim: return ["speaker", "cue", "content", "role", "affiliation", "descriptor"]
        }
    }

    /// Groups every rule of this kind must define.
    public var requiredGroups: Set<String> {
        switch self {
        case .quote: return ["content"]
        case .sentence: return []
        case .mention: return ["name"]
        case .attribution: return ["quote"]
        case .claim: return []
        }
    }
}

/// Where a claim's reported clause lies when the pattern has no `content` group.
public enum ClaimSpan: String, Sendable {
    /// From the end of the match to the end of the sentence: `X said (that) …`.
    case after
    /// From the start of the sentence to the start of the match: `…, X said.`
    case before
}

/// An example from a rule file: text that must (or must not) match, and the captures a
/// match must yield.
public struct RuleExample: Sendable {
    public let text: String
    /// Expected captured text by group name.
    public let captures: [(group: String, text: String)]
    public let shouldMatch: Bool
    public let location: RuleLocation
}

/// A file and line in a rule pack, for messages people can act on.
public struct RuleLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
    public var description: String { "\(file):\(line)" }
}

/// One compiled rule.
public struct Rule: Sendable {
    public let id: String
    public let kind: RuleKind
    /// Lower runs first; on ties, file order.
    public let priority: Int
    public let description: String
    /// The pattern as written in the file.
    public let source: String
    /// The pattern with the lexicons it calls appended as `(?(DEFINE)…)`.
    public let pattern: Pattern
    public let span: ClaimSpan?
    /// For quote rules: the quote may stay open at a paragraph's end and continue in the
    /// next paragraph that opens with a quotation mark.
    public let openEnded: Bool
    /// For claim rules: keep the clause only when it holds a quote (a mixed quote), for
    /// cues that are not verbs of saying ("accused X of an “artful smear”").
    public let mixedOnly: Bool
    /// Lexicons that every match of this rule contains. When set, the rule runs only on
    /// the sentences where one of them occurs, from the sentence start to the last one.
    public let anchors: [String]
    public let examples: [RuleExample]
    public let location: RuleLocation
    /// Capture group names written in this rule's own pattern (lexicon groups excluded).
    public let groups: Set<String>
}
