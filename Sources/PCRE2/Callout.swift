private import CPCRE2
import Spans

/// What a string callout `(?C"name")` sees while a pattern matches: its name, the
/// subject, and the groups captured so far. Valid only inside the handler.
public struct Callout {
    /// The callout's string, as written in the pattern.
    public let name: String
    /// The whole subject.
    public let subject: UnsafeBufferPointer<UInt8>
    let ovector: UnsafeMutablePointer<Int>
    let top: Int

    /// The byte range group `number` has captured so far, or nil.
    public func range(group number: Int) -> Range<Int>? {
        guard number > 0, number < top else { return nil }
        let start = ovector[2 * number]
        // A group still open at the callout has no end yet.
        guard start != Pattern.unset, ovector[2 * number + 1] != Pattern.unset else { return nil }
        return Range<Int>.ordered(start, ovector[2 * number + 1])
    }
}

extension MatchScratch {
    /// Called at every string callout of the next matches; return false to make the match
    /// fail at that point (PCRE2 then backtracks), true to go on.
    public typealias CalloutHandler = (Callout) -> Bool

    /// The C function PCRE2 calls; it finds the scratch through the callout data pointer.
    fileprivate static let trampoline:
        @convention(c) (UnsafeMutablePointer<pcre2_callout_block_8>?, UnsafeMutableRawPointer?) -> Int32 = {
            block, data in
            guard let block, let data else { return 0 }
            let scratch = Unmanaged<MatchScratch>.fromOpaque(data).takeUnretainedValue()
            guard let handler = scratch.calloutHandler, let text = block.pointee.callout_string else { return 0 }
            let name = String(
                decoding: UnsafeBufferPointer(start: text, count: block.pointee.callout_string_length), as: UTF8.self)
            let callout = Callout(
                name: name,
                subject: UnsafeBufferPointer(start: block.pointee.subject, count: block.pointee.subject_length),
                ovector: block.pointee.offset_vector, top: Int(block.pointee.capture_top))
            return handler(callout) ? 0 : 1
        }

    func installCallout() {
        if calloutHandler != nil {
            pcre2_set_callout_8(context, MatchScratch.trampoline, Unmanaged.passUnretained(self).toOpaque())
        } else {
            pcre2_set_callout_8(context, nil, nil)
        }
    }
}
