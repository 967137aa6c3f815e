/// Small lexicons written out where a pattern calls them.
///
/// PCRE2's JIT runs a subroutine call `(?&name)` as a call, with its state saved at every
/// entry and restored on backtracking; the same body written out as `(?:…)` at the call
/// site runs inline. Rules try their speaker grammar at nearly every word of a sentence,
/// so the calls add up: `(?&speaker_start)(?&person)` over the English dev text takes
/// twice as long as the same pattern with every call written out. Large bodies stay in
/// the `(?(DEFINE)…)` block, where one copy serves every call: PCRE2 refuses a compiled
/// pattern over 64 KB, and the whole English speaker grammar written out is past that.
///
/// A call and its written-out body match the same text: since PCRE2 10.30 a backtracking
/// search may go back into a called group, and lexicons hold no capture groups of their
/// own (a large word list's lookup group stays a call).
struct LexiconInlining {
    /// The longest body written out, in bytes, with the calls inside it written out too.
    static let limit = 300

    /// The written-out body of each lexicon small enough, keyed by name.
    private var bodies: [String: String] = [:]
    /// Each lexicon that stays a call: its body for the DEFINE block, with the small
    /// lexicons it calls written out, and the lexicons that body still calls.
    private var definitions: [String: (regex: String, calls: [String])] = [:]

    init(lexicons: [String: Lexicon]) {
        var inCycles: [String] = []
        for name in lexicons.keys.sorted() { decide(name, lexicons: lexicons, visiting: [], inCycles: &inCycles) }
        // A lexicon kept where a cycle returns to it was kept before its callees were
        // decided: its body again, with every small lexicon written out.
        for name in inCycles { if let lexicon = lexicons[name] { keep(name, lexicon.regex) } }
    }

    /// `text` with every call of a small lexicon written out.
    func expand(_ text: String) -> String {
        var out: [UInt8] = []
        var copied = 0
        let bytes = Array(text.utf8)
        RuleSet.forEachCall(in: bytes) { range, name in
            guard let body = bodies[name] else { return }
            out += bytes[copied..<range.lowerBound]
            out += Array("(?:\(body))".utf8)
            copied = range.upperBound
        }
        guard copied > 0 else { return text }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The DEFINE-block body of a lexicon that stays a call and the lexicons it calls;
    /// nil for a lexicon written out or not defined.
    func definition(of name: String) -> (regex: String, calls: [String])? { definitions[name] }

    /// Decides lexicon `name` after its callees: written out when small, else a call. A
    /// lexicon that calls itself, directly or not, stays a call.
    private mutating func decide(
        _ name: String, lexicons: [String: Lexicon], visiting: Set<String>, inCycles: inout [String]
    ) {
        guard bodies[name] == nil, definitions[name] == nil, let lexicon = lexicons[name] else { return }
        if lexicon.isLarge || visiting.contains(name) {
            if visiting.contains(name) { inCycles.append(name) }
            keep(name, lexicon.regex)
            return
        }
        for callee in RuleSet.calls(in: lexicon.regex) {
            decide(callee, lexicons: lexicons, visiting: visiting.union([name]), inCycles: &inCycles)
        }
        // Decided meanwhile, as part of a cycle through it (kept as a call there).
        guard bodies[name] == nil, definitions[name] == nil else { return }
        let body = expand(lexicon.regex)
        if body.utf8.count <= Self.limit {
            bodies[name] = body
        } else {
            keep(name, lexicon.regex)
        }
    }

    private mutating func keep(_ name: String, _ regex: String) {
        let body = expand(regex)
        definitions[name] = (body, RuleSet.calls(in: body))
    }
}
