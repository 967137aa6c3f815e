import Spans

/// One match, valid only inside the closure that receives it: it reads the scratch's
/// output vector without copying.
public struct MatchView {
    let ovector: UnsafePointer<Int>
    let groupCount: Int
    let pattern: Pattern

    init(ovector: UnsafePointer<Int>, groupCount: Int, pattern: Pattern) {
        self.ovector = ovector
        self.groupCount = groupCount
        self.pattern = pattern
    }

    /// The byte range of the whole match. `\K` can set the start past the end; the
    /// range is then empty at the start.
    public var range: Range<Int> { Range<Int>.clamped(ovector[0], ovector[1], to: 0..<Int.max) }

    /// The byte range of group `number`, or nil when it did not take part.
    public func range(group number: Int) -> Range<Int>? {
        guard number >= 0, number < groupCount else { return nil }
        let start = ovector[2 * number]
        guard start != Pattern.unset else { return nil }
        return Range<Int>.clamped(start, ovector[2 * number + 1], to: 0..<Int.max)
    }

    /// The byte range of the first set group called `name`, or nil.
    public func range(named name: String) -> Range<Int>? {
        for number in pattern.groupNumbers(named: name) {
            if let r = range(group: number) { return r }
        }
        return nil
    }

    /// A copy that outlives the closure.
    public func copy() -> Match {
        Match(groups: (0..<groupCount).map { range(group: $0) }, pattern: pattern)
    }
}

/// A match copied out of the scratch: the byte ranges of every group.
public struct Match: Sendable {
    /// Index 0 is the whole match; nil for groups that did not take part.
    public let groups: [Range<Int>?]
    let pattern: Pattern

    public var range: Range<Int> { groups.first.flatMap { $0 } ?? 0..<0 }

    public func range(named name: String) -> Range<Int>? {
        for number in pattern.groupNumbers(named: name) where number < groups.count {
            if let r = groups[number] { return r }
        }
        return nil
    }
}
