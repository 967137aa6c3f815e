import Foundation
import PCRE2
import RulePacks
import Spans

/// Runs rules over a byte buffer with one thread's scratch, turning a rule that hits a
/// match limit into a warning (rule id and document) instead of a failed document.
final class RuleRunner {
    let scratch: MatchScratch
    private(set) var warnings: [String] = []
    /// Every match of every rule, in run order, when explaining; nil otherwise.
    private(set) var trace: [TracedMatch]?

    /// Time and matches per rule id, when profiling; nil otherwise.
    private(set) var profile: [String: RuleStat]?
    /// The time spent in rules so far, when profiling: a stage's own time is its time less
    /// the rules' inside it.
    private var inRules: UInt64 = 0

    /// The part of the text being read (see ``Extractor/sectionBytes``): matches start
    /// only inside it; nil for the whole text.
    var section: Range<Int>?

    init(scratch: MatchScratch, tracing: Bool = false, profiling: Bool = false) {
        self.scratch = scratch
        trace = tracing ? [] : nil
        profile = profiling ? [:] : nil
    }

    /// Calls `body` with each match of `rule` in `bytes`, or only with the matches that
    /// start inside `windows` (sorted, disjoint) when given.
    func forEachMatch(
        _ rule: Rule, in bytes: [UInt8], windows: [Range<Int>]? = nil, document: String,
        _ body: (MatchView) -> Void
    ) {
        rule.prepare(scratch)
        scan(
            rule.id, rule: rule, rule.pattern, in: bytes, windows: windows, document: document, groups: rule.groups
        ) { m in
            if trace != nil {
                let groups = rule.groups.sorted().compactMap { name in m.range(named: name).map { (name, $0) } }
                trace?.append(TracedMatch(rule: rule, range: m.range, groups: groups))
            }
            body(m)
        }
    }

    /// Runs `body`, one stage of the pipeline, and records its own time (less the rules run
    /// inside it) as `stage:` and `name`, when profiling.
    func stage<T>(_ name: String, _ body: () -> T) -> T {
        guard profile != nil else { return body() }
        let started = DispatchTime.now().uptimeNanoseconds
        let rulesBefore = inRules
        defer {
            let own = DispatchTime.now().uptimeNanoseconds - started - (inRules - rulesBefore)
            record("stage:" + name, kind: RuleStat.stageKind, nanoseconds: own, atStarts: own)
        }
        return body()
    }

    /// Adds to the profile under `key` (a rule's ``Rule/profileKey``, an anchor's or a
    /// stage's name); the entry is made the first time only, so that profiling costs
    /// little beside what it measures.
    private func record(
        _ key: String, id: String? = nil, rule: Rule? = nil, kind: String? = nil, nanoseconds: UInt64, atStarts: UInt64,
        matches: Int = 0
    ) {
        if profile?[key] == nil {
            var stat = RuleStat(id: id ?? rule?.id ?? key, rule: rule)
            if let kind { stat.kind = kind }
            profile?[key] = stat
        }
        profile?[key]?.add(nanoseconds: nanoseconds, atStarts: atStarts, matches: matches)
    }

    /// The anchor offsets where `rule`'s `at_anchor` pattern matches, tried once at each
    /// (the pattern is compiled to stop searching at its offset limit); all of them when
    /// the rule has none. Its time is profiled as the rule's id and `at_anchor`, with the
    /// anchors that pass as its matches. An offset where the check stops at a match limit
    /// is kept: the rule itself then decides.
    func anchorsPassing(_ rule: Rule, _ offsets: [Int], in bytes: [UInt8]) -> [Int] {
        guard let check = rule.atAnchor else { return offsets }
        let started = profile == nil ? 0 : DispatchTime.now().uptimeNanoseconds
        rule.atAnchorLookups.install(on: scratch)
        let kept = bytes.withUnsafeBufferPointer { buffer in
            offsets.filter { offset in
                var found = false
                do {
                    try check.forEachMatch(in: buffer, range: offset..<buffer.count, startLimit: offset, scratch: scratch) {
                        _ in
                        found = true
                        return false
                    }
                } catch { found = true }
                return found
            }
        }
        if profile != nil {
            let spent = DispatchTime.now().uptimeNanoseconds - started
            inRules += spent
            // Its own row: what the check costs beside what it saves the rule.
            record(
                rule.profileKey + " at_anchor", id: rule.id + " at_anchor", rule: rule, nanoseconds: spent, atStarts: 0,
                matches: kept.count)
        }
        return kept
    }

    /// Start offsets of the matches of an anchor lexicon's pattern.
    func anchorPositions(
        _ name: String, _ pattern: Pattern, lookups: LargeLexicons = .none, in bytes: [UInt8],
        document: String
    ) -> [Int] {
        var positions: [Int] = []
        anchorMatches(name, pattern, lookups: lookups, in: bytes, document: document) {
            positions.append($0.lowerBound)
        }
        return positions
    }

    /// The ranges of an anchor pattern's matches.
    func anchorMatches(
        _ name: String, _ pattern: Pattern, lookups: LargeLexicons = .none, in bytes: [UInt8],
        document: String, _ body: (Range<Int>) -> Void
    ) {
        lookups.install(on: scratch)
        scan("anchor:" + name, rule: nil, pattern, in: bytes, windows: nil, document: document, groups: []) {
            body($0.range)
        }
    }

    /// Runs `pattern` (the pattern of `rule`, or an anchor's) and records its time under
    /// the rule's id and file, so that rules of the same id in two packs stay apart.
    private func scan(
        _ id: String, rule: Rule?, _ pattern: Pattern, in bytes: [UInt8], windows: [Range<Int>]?, document: String,
        groups: Set<String>, _ body: (MatchView) -> Void
    ) {
        let started = profile == nil ? 0 : DispatchTime.now().uptimeNanoseconds
        var count = 0
        // When profiling, where each match starts, to time the pattern tried there alone.
        var starts: [Int] = []
        defer {
            if profile != nil {
                let spent = DispatchTime.now().uptimeNanoseconds - started
                let atStarts = timeAtStarts(pattern, starts, in: bytes)
                inRules += spent + atStarts
                record(rule?.profileKey ?? id, rule: rule, nanoseconds: spent, atStarts: atStarts, matches: count)
            }
        }
        var windows = windows
        if let section {
            windows = (windows ?? [0..<bytes.count]).compactMap {
                Range<Int>.ordered(max($0.lowerBound, section.lowerBound), min($0.upperBound, section.upperBound))
            }.filter { !$0.isEmpty }
        }
        bytes.withUnsafeBufferPointer { buffer in
            do {
                guard let windows else {
                    try pattern.forEachMatch(in: buffer, scratch: scratch) { m in
                        count += 1
                        if profile != nil { starts.append(m.range.lowerBound) }
                        body(m)
                        return true
                    }
                    return
                }
                // Matches start inside a window but may run past it; a window never
                // restarts inside the previous match.
                var lastEnd = 0
                for window in windows where window.upperBound > lastEnd {
                    let lower = max(window.lowerBound, lastEnd)
                    try pattern.forEachMatch(
                        in: buffer, range: lower..<buffer.count, startLimit: window.upperBound - 1,
                        scratch: scratch
                    ) { m in
                        lastEnd = max(lastEnd, m.range.upperBound)
                        count += 1
                        if profile != nil { starts.append(m.range.lowerBound) }
                        body(m)
                        return true
                    }
                }
            } catch let error as PCRE2Error where error.isLimit {
                warnings.append(
                    "\(document): rule \(named(id, rule)) stopped at the \(error.kind) and was skipped for the rest of this document"
                )
            } catch {
                warnings.append("\(document): rule \(named(id, rule)) failed: \(error)")
            }
        }
    }

    /// The time `pattern` takes tried only at `starts`, where it matched: what the rule
    /// would cost if it were started nowhere else, the floor under its time.
    private func timeAtStarts(_ pattern: Pattern, _ starts: [Int], in bytes: [UInt8]) -> UInt64 {
        let started = DispatchTime.now().uptimeNanoseconds
        bytes.withUnsafeBufferPointer { buffer in
            for start in starts {
                // A match starts here, so the search's first attempt is the one that matches.
                try? pattern.forEachMatch(in: buffer, range: start..<buffer.count, startLimit: start, scratch: scratch) {
                    _ in false
                }
            }
        }
        return DispatchTime.now().uptimeNanoseconds - started
    }
}

/// A rule's id with the file and line it is written at, for a warning a person reads.
private func named(_ id: String, _ rule: Rule?) -> String {
    rule.map { "\(id) (\($0.location))" } ?? id
}

/// One match recorded for `whosaid explain`: byte ranges into the article.
public struct TracedMatch: Sendable {
    public let rule: Rule
    public let range: Range<Int>
    public let groups: [(name: String, range: Range<Int>)]
}

/// What one rule cost: time spent matching (including the caller's work per match) and
/// how many matches it found.
public struct RuleStat: Sendable, Codable {
    /// The rule's id (or `anchor:` and the anchor's name), its kind and where it is written.
    public var id = ""
    public var kind: String?
    public var location: String?
    public var nanoseconds: UInt64 = 0
    /// The kind of a stage of the pipeline's entry, beside the rule kinds.
    public static let stageKind = "stage"
    /// Whether this is a stage's own time, not a rule's, an anchor scan's or a check's.
    public var isStage: Bool { kind == Self.stageKind }
    /// The time the pattern took tried again only where its matches start (see
    /// `RuleRunner.timeAtStarts`): the rest of ``nanoseconds`` went to places it failed.
    public var nanosecondsAtStarts: UInt64 = 0
    public var matches = 0
    public var runs = 0

    public init() {}

    init(id: String, rule: Rule?) {
        self.id = id
        kind = rule?.kind.rawValue
        location = rule.map { "\($0.location)" }
    }

    mutating func add(nanoseconds: UInt64, atStarts: UInt64, matches: Int) {
        self.nanoseconds += nanoseconds
        nanosecondsAtStarts += atStarts
        self.matches += matches
        runs += 1
    }

    public mutating func merge(_ other: RuleStat) {
        if id.isEmpty { (id, kind, location) = (other.id, other.kind, other.location) }
        nanoseconds += other.nanoseconds
        nanosecondsAtStarts += other.nanosecondsAtStarts
        matches += other.matches
        runs += other.runs
    }
}
