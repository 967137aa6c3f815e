/// How a quote's speaker was found, most certain first.
public enum Via: String, Sendable, Codable {
    /// A name stands at the cue.
    case explicit
    /// A shorter form (surname, honorific) of a name given elsewhere in the article.
    case alias
    /// A role noun ("the minister") that names an entity given earlier.
    case role
    /// A pronoun, resolved to the nearest compatible speaker.
    case pronoun
    /// No cue: the quote follows a quote of the same speaker.
    case continuation
    /// Not attributed.
    case none
}

/// The kind of passage, as in the output contract.
public enum QuoteType: String, Sendable, Codable {
    case direct, mixed, indirect
}

/// What made a row, field by field: the attribution or claim rule that named its speaker,
/// the quote rule that found its marks, and the sieve step that settled a quote no rule
/// attributed. `column` is what the `rule` column prints: `rule+quote rule`, or
/// `step+quote rule`, or the quote rule alone.
public struct Provenance: Sendable, Equatable {
    public var rule: String?
    public var quoteRule: String?
    public var step: String?

    public init(rule: String? = nil, quoteRule: String? = nil, step: String? = nil) {
        self.rule = rule
        self.quoteRule = quoteRule
        self.step = step
    }

    public var column: String {
        let first = rule ?? step
        guard let first else { return quoteRule ?? "" }
        guard let quoteRule, quoteRule != first else { return first }
        return first + "+" + quoteRule
    }
}

/// One attributed passage: the output contract's row. Offsets are code points
/// (`start`, `end`) and UTF-8 bytes (`byteStart`, `byteEnd`) into the document text.
public struct Quote: Sendable, Equatable {
    public var id: String
    public var type: QuoteType
    public var text: String
    public var start: Int
    public var end: Int
    public var byteStart: Int
    public var byteEnd: Int
    public var speaker: String?
    public var speakerMention: String?
    public var speakerStart: Int?
    public var speakerEnd: Int?
    public var role: String?
    public var affiliation: String?
    public var cue: String?
    public var via: Via
    /// True when the source is unnamed or vague ("officials", "critics", "a person
    /// familiar with the matter"): the rows a fact-checker audits first.
    public var anonymous: Bool
    /// The rule column: `rule+quote rule`, `step+quote rule` or the quote rule (see
    /// ``Provenance``); made from `provenance` when read, so a row keeps its strings once.
    public var rule: String { provenance.column }
    /// 1-based.
    public var paragraph: Int
    /// The same as `rule`, field by field.
    public var provenance: Provenance

    public init(
        id: String, type: QuoteType, text: String, start: Int, end: Int, byteStart: Int, byteEnd: Int,
        speaker: String?, speakerMention: String?, speakerStart: Int?, speakerEnd: Int?, role: String?,
        affiliation: String?, cue: String?, via: Via, anonymous: Bool, rule: String, paragraph: Int,
        provenance: Provenance? = nil
    ) {
        self.id = id
        self.type = type
        self.text = text
        self.start = start
        self.end = end
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.speaker = speaker
        self.speakerMention = speakerMention
        self.speakerStart = speakerStart
        self.speakerEnd = speakerEnd
        self.role = role
        self.affiliation = affiliation
        self.cue = cue
        self.via = via
        self.anonymous = anonymous
        self.paragraph = paragraph
        self.provenance = provenance ?? Provenance(rule: rule)
    }
}

/// Rows of a document that were set aside before its last ones (a worker process hands
/// a long document's rows over as they are made), read back in order.
public protocol EarlierRows: Sendable {
    /// How many rows there are.
    var count: Int { get }
    /// Calls `body` with the rows, a batch at a time, in order.
    func forEachBatch(_ body: ([Quote]) throws -> Void) throws
}

/// The result for one document.
public struct ExtractionResult: Sendable {
    public let document: Document
    /// Rows set aside before ``lastRows``, or nil when the result holds every row.
    public let earlier: (any EarlierRows)?
    /// The rows, or the last of them after ``earlier``.
    public let lastRows: [Quote]
    /// For each quote, how the resolution sieve settled its speaker, in words (traced
    /// extractions only; empty otherwise).
    public let reasons: [String]
    /// Every rule match, in the order rules ran, when the extraction was traced.
    public let trace: [TracedMatch]?
    /// Time and matches per rule id, when the extraction was profiled.
    public let profile: [String: RuleStat]?
    /// Problems met while extracting (a rule that hit a match limit, say): the rest of
    /// the document was still processed.
    public let warnings: [String]
    /// Why the engine gave no rows for this document (its worker process died on it),
    /// or nil when it ran.
    public let failure: String?
    /// The family of quotation marks taken as the document's convention (`double`,
    /// `single`, …), or nil when it has no quotes.
    public let convention: String?

    public init(
        document: Document, quotes: [Quote], earlier: (any EarlierRows)? = nil, reasons: [String] = [],
        trace: [TracedMatch]? = nil, profile: [String: RuleStat]? = nil, warnings: [String] = [],
        failure: String? = nil, convention: String? = nil
    ) {
        self.convention = convention
        self.document = document
        self.earlier = earlier
        self.lastRows = quotes
        self.reasons = reasons
        self.trace = trace
        self.profile = profile
        self.warnings = warnings
        self.failure = failure
    }

    /// Every row, in order. A document whose rows were set aside reads them back into
    /// memory; ``forEachBatch(_:)`` does not.
    public var quotes: [Quote] {
        guard let earlier else { return lastRows }
        var all: [Quote] = []
        all.reserveCapacity(earlier.count + lastRows.count)
        // Rows set aside that cannot be read back are lost to this view; a reporter
        // reading with forEachBatch reports the failure.
        try? earlier.forEachBatch { all += $0 }
        return all + lastRows
    }

    /// How many rows there are, without reading any back.
    public var rowCount: Int { (earlier?.count ?? 0) + lastRows.count }

    /// Calls `body` with the rows, a batch at a time, in order, so that a document of a
    /// million quotes is never held whole.
    public func forEachBatch(_ body: ([Quote]) throws -> Void) throws {
        try earlier?.forEachBatch(body)
        if !lastRows.isEmpty { try body(lastRows) }
    }
}
