/// Byte spans built from computed bounds.
///
/// Every range in WhoSaid whose two ends come from separate computations is made here,
/// so that no trap waits on an invariant kept somewhere else: either the caller means
/// "no span" when the ends are inverted (``ordered(_:_:)``), or it wants the span cut to
/// what exists (``clamped(_:_:to:)``).
extension Range where Bound == Int {
    /// `lower..<upper`, or nil when `upper < lower`.
    @inlinable
    public static func ordered(_ lower: Int, _ upper: Int) -> Range<Int>? {
        lower <= upper ? lower..<upper : nil
    }

    /// `lower..<upper` cut to `bounds`; empty, at the cut lower end, when `upper < lower`.
    @inlinable
    public static func clamped(_ lower: Int, _ upper: Int, to bounds: Range<Int>) -> Range<Int> {
        let lo = Swift.min(Swift.max(lower, bounds.lowerBound), bounds.upperBound)
        let hi = Swift.min(Swift.max(upper, lo), bounds.upperBound)
        return lo..<hi
    }
}

extension Array where Element == Range<Int> {
    /// These ranges sorted by their starts, with those that overlap or touch joined into
    /// one: the sorted, disjoint windows a rule runs in.
    public func coalesced() -> [Range<Int>] {
        var joined: [Range<Int>] = []
        joined.reserveCapacity(count)
        for range in sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = joined.last, range.lowerBound <= last.upperBound {
                joined[joined.count - 1] = last.lowerBound..<Swift.max(last.upperBound, range.upperBound)
            } else {
                joined.append(range)
            }
        }
        return joined
    }
}
