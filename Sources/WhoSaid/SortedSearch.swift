extension RandomAccessCollection where Index == Int {
    /// The first index whose element's key is not below `value`, in a collection sorted
    /// by that key (`count` when there is none).
    ///
    /// ```swift
    /// [2, 4, 4, 9].lowerBound(of: 4) { $0 }  // 1
    /// ```
    /// - Complexity: O(log n)
    func lowerBound(of value: Int, by key: (Element) -> Int) -> Int {
        var lo = startIndex, hi = endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if key(self[mid]) < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension RandomAccessCollection where Index == Int, Element == Int {
    /// The first index whose value is not below `value`.
    func lowerBound(of value: Int) -> Int { lowerBound(of: value) { $0 } }
}
