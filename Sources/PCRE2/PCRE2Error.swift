private import CPCRE2

/// A failure reported by PCRE2, with its own message and, for compile errors, the byte
/// offset in the pattern where it stopped.
///
/// `kind` is an open set of values rather than an exhaustive enum, so new kinds can be
/// added without breaking callers that switch on it.
public struct PCRE2Error: Error, Equatable, CustomStringConvertible, Sendable {
    /// What went wrong, in broad terms.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The pattern does not compile.
        public static let compile = Kind("compile")
        /// A match hit the match (backtracking) limit.
        public static let matchLimit = Kind("match limit")
        /// A match hit the depth limit.
        public static let depthLimit = Kind("depth limit")
        /// A match hit the heap limit or ran out of JIT stack.
        public static let heapLimit = Kind("heap limit")
        /// Any other error returned while matching.
        public static let match = Kind("match")
    }

    public let kind: Kind
    /// PCRE2's numeric error code.
    public let code: Int
    /// Byte offset into the pattern (compile errors only).
    public let offset: Int?
    /// PCRE2's own message for `code`.
    public let message: String

    public init(kind: Kind, code: Int, offset: Int? = nil, message: String) {
        self.kind = kind
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// True when the match stopped because a resource limit was reached, not because the
    /// pattern or subject is wrong. Callers skip the rule for that text and go on.
    public var isLimit: Bool { kind == .matchLimit || kind == .depthLimit || kind == .heapLimit }

    public var description: String {
        if let offset { return "\(kind) error \(code) at offset \(offset): \(message)" }
        return "\(kind) error \(code): \(message)"
    }

    /// The error for a PCRE2 return code, with PCRE2's message text.
    static func fromCode(_ code: Int32, offset: Int? = nil, compiling: Bool = false) -> PCRE2Error {
        let kind: Kind
        if compiling {
            kind = .compile
        } else if code == cpcre2_error_matchlimit() {
            kind = .matchLimit
        } else if code == cpcre2_error_depthlimit() {
            kind = .depthLimit
        } else if code == cpcre2_error_heaplimit() || code == cpcre2_error_jit_stacklimit() {
            kind = .heapLimit
        } else {
            kind = .match
        }
        return PCRE2Error(kind: kind, code: Int(code), offset: offset, message: message(for: code))
    }

    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer {
            pcre2_get_error_message_8(code, $0.baseAddress, $0.count)
        }
        guard length > 0 else { return "unknown PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }
}
