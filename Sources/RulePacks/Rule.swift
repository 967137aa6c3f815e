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
    /// Where a reported clause that holds quoted words ends after its last quote (", a
    /// swipe at …", " — a play on words"); runs on the masked text.
    case clause

    /// The capture groups a rule of this kind may define; any other name is refused.
    public var allowedGroups: Set<String> {
        switch self {
        case .quote: return ["open", "content", "close", "speaker", "role"]
        case .sentence: return ["end"]
        case .mention: return ["name", "role", "affiliation", "descriptor"]
        case .attribution: return ["quote", "speaker", "cue", "role", "affiliation", "descriptor"]
        case .claim: return ["speaker", "cue", "content", "role", "affiliation", "descriptor"]
        case .clause: return []
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
        case .clause: return []
        }
    }
}

/// Where a claim's reported clause lies when the pattern has no `content` group.
public enum ClaimSpan: String, Sendable {
    /// From the end of the match to the end of the sentence: `X said (that) …`.
    case after
    /// From the start of the sentence to the start of the match: `…, X said.`
    case before
    /// The whole sentence before the match's, in the same paragraph: `… . That was
    /// confirmed by X.`
    case previous
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
public final class Rule: Sendable {
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
    /// For quote rules: a quote this rule finds becomes a row only when an attribution or
    /// claim rule names its speaker.
    public let needsAttribution: Bool
    /// For quote rules: the family of quotation marks the rule matches (`double`,
    /// `single`, …). Each document has a primary family, the one that pairs up into the
    /// most quotes; its quotes are the outer ones and the others' are nested or scare
    /// quotes, which need a rule to name their speaker. Nil: outside the contest.
    public let marks: String?
    /// For claim rules: keep the clause only when it holds a quote (a mixed quote), for
    /// cues that are not verbs of saying ("accused X of an “artful smear”").
    public let mixedOnly: Bool
    /// For claim rules without a speaker: the clause carries on the reported speech of
    /// the last speaker (a sentence in the German subjunctive after a reported one); its
    /// speaker is found by continuation, in the same or the next paragraph.
    public let continues: Bool
    /// For claim rules without a speaker: the clause is reported speech whose speaker
    /// the sentence does not name (an agentless passive: "Es wurde angekündigt, dass …");
    /// a row with no speaker. With `continues`, the clause is the last speaker's when one
    /// spoke just before, and nobody's named otherwise. Without this or `continues`, a
    /// claim rule with no speaker group finds a second predicate of the clause's subject,
    /// which only splits clauses.
    public let unnamed: Bool
    /// Lexicons that every match of this rule contains. When set, the rule runs only on
    /// the sentences where one of them occurs, from the sentence start to the last one.
    public let anchors: [String]
    /// Lexicons one of which must follow an anchor within ``Rule/nearWithin`` bytes for
    /// the rule to run there (a verb of saying with a quote after it, say).
    public let near: [String]
    /// How far after an anchor a `near` lexicon may stand, in bytes: the pack's
    /// `near_within`, else ``Rule/nearDistance``. A rule whose quote follows its cue
    /// closely says so, and runs at far fewer places.
    public let nearWithin: Int
    /// What must match where an anchor word starts for the rule to run near it: the
    /// right-hand side of the cue (a quote after a colon, `to` and a verb), checked once
    /// per anchor before the rule searches the sentence before it for a speaker. Nil: every
    /// anchor opens a window.
    public let atAnchor: Pattern?
    /// The large lexicons ``atAnchor`` calls.
    public let atAnchorLookups: LargeLexicons
    /// At most how many words before its anchor word a match starts, words being runs of
    /// anything but spaces and tabs (`reach_words`): a rule whose match holds a bounded
    /// number of blanks before its anchor (a role of up to three words before a name) runs
    /// only there, not from the sentence start. Nil: from the sentence start.
    public let reachWords: Int?
    public let examples: [RuleExample]
    public let location: RuleLocation
    /// Capture group names written in this rule's own pattern (lexicon groups excluded).
    public let groups: Set<String>
    /// How far after an anchor a `near` lexicon may stand unless a rule says otherwise, in bytes.
    public static let nearDistance = 400

    /// The large lexicons this rule calls, looked up at match time (see ``LargeLexicons``).
    public let lookups: LargeLexicons

    /// The rule's id and where it is written: what `--profile` keeps its time under, so
    /// that rules of the same id in two packs stay apart.
    public let profileKey: String

    /// Makes `scratch` ready to match this rule: installs the callout that looks up its
    /// large lexicons, or removes one left by another rule.
    public func prepare(_ scratch: MatchScratch) { lookups.install(on: scratch) }

    /// Made by ``RuleSet`` when it compiles a pack. A class, so that handing a rule from
    /// stage to stage and match to match costs one reference, not a copy of every field.
    init(
        id: String,
        kind: RuleKind,
        priority: Int,
        description: String,
        source: String,
        pattern: Pattern,
        span: ClaimSpan?,
        openEnded: Bool,
        needsAttribution: Bool,
        marks: String?,
        mixedOnly: Bool,
        continues: Bool,
        unnamed: Bool,
        anchors: [String],
        near: [String],
        nearWithin: Int,
        atAnchor: Pattern?,
        atAnchorLookups: LargeLexicons,
        reachWords: Int?,
        examples: [RuleExample],
        location: RuleLocation,
        groups: Set<String>,
        lookups: LargeLexicons,
        profileKey: String
    ) {
        self.id = id
        self.kind = kind
        self.priority = priority
        self.description = description
        self.source = source
        self.pattern = pattern
        self.span = span
        self.openEnded = openEnded
        self.needsAttribution = needsAttribution
        self.marks = marks
        self.mixedOnly = mixedOnly
        self.continues = continues
        self.unnamed = unnamed
        self.anchors = anchors
        self.near = near
        self.nearWithin = nearWithin
        self.atAnchor = atAnchor
        self.atAnchorLookups = atAnchorLookups
        self.reachWords = reachWords
        self.examples = examples
        self.location = location
        self.groups = groups
        self.lookups = lookups
        self.profileKey = profileKey
    }
}

/// Large word lists (over ``Lexicon/inlineLimit`` words) with the capture group each
/// one's candidate lands in within one compiled pattern.
public struct LargeLexicons: Sendable {
    /// Lexicon name → (group number in the pattern, caseless, words).
    let entries: [String: (group: Int, caseless: Bool, words: Set<String>)]

    public static let none = LargeLexicons(entries: [:])

    init(entries: [String: (group: Int, caseless: Bool, words: Set<String>)]) { self.entries = entries }

    /// The lexicons of `names` that are large, with their groups in `pattern`.
    init(_ names: [String], lexicons: [String: Lexicon], pattern: Pattern) {
        var entries: [String: (Int, Bool, Set<String>)] = [:]
        for name in names {
            guard let lexicon = lexicons[name], lexicon.isLarge,
                let group = pattern.groupNumbers(named: Lexicon.groupPrefix + name).first
            else { continue }
            let words = lexicon.words.map { AnchorWords.normalize(lexicon.caseless ? $0.lowercased() : $0) }
            entries[name] = (group, lexicon.caseless, Set(words))
        }
        self.entries = entries
    }

    /// Installs the callout that looks these lexicons up (or removes any when there are none).
    public func install(on scratch: MatchScratch) {
        guard !entries.isEmpty else {
            if scratch.calloutHandler != nil { scratch.calloutHandler = nil }
            return
        }
        let entries = self.entries
        scratch.calloutHandler = { callout in
            guard let entry = entries[callout.name], let range = callout.range(group: entry.group) else { return false }
            let text = AnchorWords.normalize(String(decoding: callout.subject[range], as: UTF8.self))
            return entry.words.contains(entry.caseless ? text.lowercased() : text)
        }
    }
}
