private import CPCRE2
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A compiled PCRE2 pattern over UTF-8 text.
///
/// The pattern is compiled with `PCRE2_UTF` and `PCRE2_MATCH_INVALID_UTF`, so subjects
/// with invalid UTF-8 are matched safely (invalid bytes never match) and are not
/// re-validated on each call, which keeps a scan over one buffer linear. It is
/// JIT-compiled once it has been asked to search ``jitThreshold`` bytes in all: until
/// then the interpreter runs it, which for a short article is faster than compiling (a
/// one-line article would otherwise JIT-compile every rule of the pack, most of the
/// start-up), and a pack's rules that a run never uses, another language's say, cost no
/// JIT time. When the JIT is unavailable or refuses the pattern, matching stays with the
/// interpreter and `isJITCompiled` says so.
///
/// ```swift
/// let p = try Pattern(#"(?<who>\w+) said"#)
/// p.groupNumbers(named: "who")  // [1]
/// ```
///
/// Sendable: the code block is written only by the JIT compilation, once, under a pthread lock
/// that every match passes before it runs (an atomic flag once done), and PCRE2
/// documents compiled patterns as safe to share between threads. Per match state lives
/// in a ``MatchScratch``, one per thread.
public final class Pattern: @unchecked Sendable {
    /// Compile options beyond UTF, which is always on.
    public struct Options: OptionSet, Hashable, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let caseless = Options(rawValue: UInt32(PCRE2_CASELESS))
        /// Whitespace and `#` comments in the pattern are ignored.
        public static let extended = Options(rawValue: UInt32(PCRE2_EXTENDED))
        /// `^` and `$` match at line starts and ends.
        public static let multiline = Options(rawValue: UInt32(PCRE2_MULTILINE))
        public static let dotAll = Options(rawValue: UInt32(PCRE2_DOTALL))
        /// `\w`, `\d`, `\b` and POSIX classes use Unicode properties.
        public static let ucp = Options(rawValue: UInt32(PCRE2_UCP))
        /// Allows `startLimit` in ``Pattern/forEachMatch(in:range:startLimit:scratch:_:)``.
        public static let useOffsetLimit = Options(rawValue: UInt32(PCRE2_USE_OFFSET_LIMIT))
    }

    /// The pattern source as given.
    public let source: String
    public let options: Options
    /// Whether matching runs JIT-compiled code: false until the pattern has searched
    /// ``jitThreshold`` bytes, and for good when the JIT refused it.
    public var isJITCompiled: Bool {
        jitState.withLock { $0 ?? false }
    }
    /// Whether the JIT compiled the pattern; nil until it first matches. `jitDone` says it
    /// is set, for the check every match makes without the lock.
    private let jitState: JITState
    private let jitDone: Atomic<Bool>
    /// Bytes searched with the interpreter so far.
    private let interpreted = Atomic<Int>(0)
    /// How many bytes a pattern searches with the interpreter before it is JIT-compiled.
    ///
    /// Measured on the English pack: JIT-compiling a rule takes about 0.4 ms and the
    /// interpreter reads a rule's windows many times slower than JIT code; at 16 KB a
    /// 1.3 MB corpus took 35 % longer, at 1 KB 10 %, at 256 bytes no measurable
    /// difference, while a one-line article still never pays for a compilation.
    public static let jitThreshold = 256
    /// Number of capture groups, not counting the whole match.
    public let captureCount: Int
    /// Group numbers by name (several when `(?J)` allows duplicate names).
    public let namedGroups: [String: [Int]]

    let code: OpaquePointer

    /// Compiles `source`.
    ///
    /// - Parameter jit: pass `false` to use the interpreter only (tests of the fallback path).
    /// - Throws: ``PCRE2Error`` of kind `.compile` with PCRE2's message and the byte offset.
    public init(_ source: String, options: Options = [], jit: Bool = true) throws {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let flags = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF) | options.rawValue
        let compiled: OpaquePointer? =
            source.utf8.withContiguousStorageIfAvailable { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count, flags, &errorCode, &errorOffset, nil)
            }
            ?? Array(source.utf8).withUnsafeBufferPointer { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count, flags, &errorCode, &errorOffset, nil)
            }
        guard let compiled else {
            throw PCRE2Error.fromCode(errorCode, offset: errorOffset, compiling: true)
        }
        self.code = compiled
        self.source = source
        self.options = options
        jitState = JITState(jit ? nil : false)
        jitDone = Atomic(!jit)
        self.captureCount = Int(Pattern.info(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT)))
        self.namedGroups = Pattern.nameTable(compiled)
    }

    deinit { pcre2_code_free_8(code) }

    /// Counts `bytes` about to be searched, and JIT-compiles the pattern once the count
    /// reaches ``jitThreshold``.
    func prepareJIT(searching bytes: Int) {
        guard !jitDone.load(ordering: .acquiring) else { return }
        guard interpreted.add(bytes, ordering: .relaxed).newValue >= Self.jitThreshold else { return }
        jitState.withLock { state in
            guard state == nil else { return }
            state = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0
            jitDone.store(true, ordering: .releasing)
        }
    }

    /// The group numbers for `name`, empty when the pattern has no such group.
    public func groupNumbers(named name: String) -> [Int] { namedGroups[name] ?? [] }

    private static func info(_ code: OpaquePointer, _ what: UInt32) -> UInt32 {
        var value: UInt32 = 0
        let rc = pcre2_pattern_info_8(code, what, &value)
        precondition(rc == 0, "pcre2_pattern_info(\(what)) failed with \(rc)")
        return value
    }

    private static func nameTable(_ code: OpaquePointer) -> [String: [Int]] {
        let count = Int(info(code, UInt32(PCRE2_INFO_NAMECOUNT)))
        guard count > 0 else { return [:] }
        let entrySize = Int(info(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE)))
        var table: UnsafePointer<UInt8>? = nil
        let rc = pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard rc == 0, let table else { preconditionFailure("pcre2_pattern_info(NAMETABLE) failed with \(rc)") }
        var names: [String: [Int]] = [:]
        for i in 0..<count {
            // Each entry: a 16-bit group number, most significant byte first, then the
            // zero-terminated name, padded to entrySize.
            let entry = table + i * entrySize
            let number = Int(entry[0]) << 8 | Int(entry[1])
            let name = String(cString: entry + 2)
            names[name, default: []].append(number)
        }
        return names
    }
}

/// Whether the JIT compiled a pattern (nil until it is tried), behind a pthread mutex.
/// ThreadSanitizer follows pthread locks; the standard library's `Mutex` it did not see
/// order two threads crossing the JIT threshold at once, and it reported the state read
/// and written under that lock as a race.
private final class JITState: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Read and written only inside `withLock`.
    private var state: Bool?

    init(_ state: Bool?) {
        self.state = state
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<T>(_ body: (inout Bool?) -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body(&state)
    }
}
