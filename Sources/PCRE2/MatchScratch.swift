private import CPCRE2

/// Resource limits applied to every match, so no pattern can run away with a document.
public struct MatchLimits: Hashable, Sendable {
    /// Maximum calls of PCRE2's internal match function per search (backtracking budget).
    public var matchLimit: UInt32
    /// Maximum backtracking depth (interpreter only).
    public var depthLimit: UInt32
    /// Maximum heap memory for backtracking, in KiB.
    public var heapLimitKiB: UInt32
    /// Maximum JIT stack, in bytes.
    public var jitStackBytes: Int

    public init(
        matchLimit: UInt32 = 2_000_000, depthLimit: UInt32 = 100_000,
        heapLimitKiB: UInt32 = 64 * 1024, jitStackBytes: Int = 4 << 20
    ) {
        self.matchLimit = matchLimit
        self.depthLimit = depthLimit
        self.heapLimitKiB = heapLimitKiB
        self.jitStackBytes = jitStackBytes
    }

    public static let `default` = MatchLimits()
}

/// Per-thread state for matching: the match data block, the match context that carries
/// the limits, and the JIT stack.
///
/// Not Sendable: one scratch belongs to one thread at a time. Reuse it for every pattern
/// and every document that thread handles; creating one costs a few allocations.
public final class MatchScratch {
    public let limits: MatchLimits
    let context: OpaquePointer
    let jitStack: OpaquePointer?
    private(set) var matchData: OpaquePointer
    private var pairs: Int
    /// The handler of string callouts, for the matches that follow; nil for none.
    public var calloutHandler: CalloutHandler? {
        didSet { installCallout() }
    }

    public init(limits: MatchLimits = .default) {
        self.limits = limits
        guard let context = pcre2_match_context_create_8(nil) else {
            fatalError("pcre2_match_context_create: out of memory")
        }
        self.context = context
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        pcre2_set_heap_limit_8(context, limits.heapLimitKiB)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, max(32 * 1024, limits.jitStackBytes), nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
        pairs = 32
        guard let data = pcre2_match_data_create_8(UInt32(pairs), nil) else {
            fatalError("pcre2_match_data_create: out of memory")
        }
        matchData = data
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(context)
    }

    /// Makes sure the match data holds every group of `pattern`.
    func reserve(for pattern: Pattern) {
        let needed = pattern.captureCount + 1
        guard needed > pairs else { return }
        pcre2_match_data_free_8(matchData)
        pairs = needed
        guard let data = pcre2_match_data_create_8(UInt32(pairs), nil) else {
            fatalError("pcre2_match_data_create: out of memory")
        }
        matchData = data
    }
}
