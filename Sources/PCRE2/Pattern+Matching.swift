private import CPCRE2

extension Pattern {
    static let unset: Int = cpcre2_unset()

    /// Calls `body` for each match in `subject[range]`, left to right, until it returns
    /// false. Offsets are bytes into `subject`.
    ///
    /// An empty match is followed by a search from the same offset that refuses an empty
    /// match there (`PCRE2_NOTEMPTY_ATSTART`), so empty matches never repeat and never
    /// split a multi-byte character. Invalid UTF-8 in the subject never matches and never
    /// stops the scan.
    ///
    /// - Throws: ``PCRE2Error`` when a limit is reached or PCRE2 reports an error; the
    ///   matches already delivered stand.
    /// - Complexity: one PCRE2 search per match; the subject is never re-validated.
    ///
    /// With `startLimit`, matches must start at or before that offset but may run past it,
    /// to the end of `range`; a pattern compiled with ``Options/useOffsetLimit`` stops
    /// searching there, any other stops at its first match beyond.
    public func forEachMatch(
        in subject: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, startLimit: Int? = nil,
        scratch: MatchScratch, _ body: (MatchView) throws -> Bool
    ) throws {
        scratch.reserve(for: self)
        let bounds = range ?? 0..<subject.count
        prepareJIT(searching: min(bounds.upperBound, (startLimit ?? bounds.upperBound) + 1) - bounds.lowerBound)
        let limited = startLimit != nil && options.contains(.useOffsetLimit)
        if limited, let startLimit { pcre2_set_offset_limit_8(scratch.context, startLimit) }
        defer { if limited { pcre2_set_offset_limit_8(scratch.context, Pattern.unset) } }
        let data = scratch.matchData
        // swift-format-ignore: NeverForceUnwrap
        // PCRE2 returns the match data's own vector: never null for match data it made.
        let ovector = pcre2_get_ovector_pointer_8(data)!
        precondition(bounds.lowerBound >= 0 && bounds.upperBound <= subject.count, "range outside subject")
        // PCRE2 wants a non-null pointer even for an empty subject.
        let empty: [UInt8] = [0]
        try empty.withUnsafeBufferPointer { fallback in
            // swift-format-ignore: NeverForceUnwrap
            // A one-element array always has storage.
            let base = subject.baseAddress ?? fallback.baseAddress!
            var offset = bounds.lowerBound
            var options: UInt32 = 0
            while offset <= min(bounds.upperBound, startLimit ?? Int.max) {
                let rc = pcre2_match_8(code, base, bounds.upperBound, offset, options, data, scratch.context)
                if rc == cpcre2_error_nomatch() { return }
                if rc < 0 { throw PCRE2Error.fromCode(rc) }
                if let startLimit, ovector[0] > startLimit { return }
                let view = MatchView(ovector: UnsafePointer(ovector), groupCount: captureCount + 1, pattern: self)
                guard try body(view) else { return }
                let (start, end) = (ovector[0], ovector[1])
                if end == start {
                    options = UInt32(PCRE2_NOTEMPTY_ATSTART)
                } else {
                    options = 0
                }
                // \K can leave the end before the start; never move backwards.
                offset = max(end, offset + (end < start ? 1 : 0))
            }
        }
    }

    /// Every match in `text`, copied out (convenient, not for hot loops).
    public func matches(in text: String, scratch: MatchScratch = MatchScratch()) throws -> [Match] {
        var result: [Match] = []
        var copy = text
        try copy.withUTF8 { buffer in
            try forEachMatch(in: buffer, scratch: scratch) { match in
                result.append(match.copy())
                return true
            }
        }
        return result
    }

    /// The first match in `text`, or nil.
    public func firstMatch(in text: String, scratch: MatchScratch = MatchScratch()) throws -> Match? {
        var found: Match?
        var copy = text
        try copy.withUTF8 { buffer in
            try forEachMatch(in: buffer, scratch: scratch) { match in
                found = match.copy()
                return false
            }
        }
        return found
    }

    /// Whether `text` contains a match.
    public func isMatch(_ text: String, scratch: MatchScratch = MatchScratch()) throws -> Bool {
        try firstMatch(in: text, scratch: scratch) != nil
    }
}
