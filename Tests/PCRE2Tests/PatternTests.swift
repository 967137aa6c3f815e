import Dispatch
import Synchronization
import Testing

@testable import PCRE2

@Suite struct PatternTests {
    @Test func compileErrorCarriesOffsetAndPCRE2Message() {
        #expect {
            _ = try Pattern("said (unclosed")
        } throws: { error in
            guard let e = error as? PCRE2Error else { return false }
            return e.kind == .compile && e.offset == 14 && e.message == "missing closing parenthesis"
                && e.code > 0
        }
    }

    @Test func namedGroupsYieldByteRanges() throws {
        let p = try Pattern(#"(?<speaker>[A-Z]\w+) (?<cue>said)"#)
        let m = try #require(try p.firstMatch(in: "Then Chang said so."))
        #expect(m.range(named: "speaker") == 5..<10)
        #expect(m.range(named: "cue") == 11..<15)
        #expect(m.range(named: "role") == nil)
        #expect(p.groupNumbers(named: "cue") == [2])
    }

    @Test func multibyteOffsetsAreBytes() throws {
        // "Zoë" has a two-byte ë and "« " a two-byte guillemet.
        let text = "« Zoë », a dit Émile"
        let p = try Pattern(#"(?<name>\p{Lu}\p{Ll}+)"#)
        let names = try p.matches(in: text).map { $0.range(named: "name")! }
        #expect(names == [3..<7, 18..<24])
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[18..<24], as: UTF8.self) == "Émile")
    }

    @Test func emptyMatchesAdvanceByCodePointAndNeverRepeat() throws {
        let p = try Pattern("x*")
        let ranges = try p.matches(in: "éxx").map(\.range)
        // Perl semantics: the empty match at 0 is not repeated, the scan resumes past é.
        #expect(ranges == [0..<0, 2..<4, 4..<4])
    }

    @Test func emptyPatternOnEmptySubject() throws {
        let p = try Pattern("")
        #expect(try p.matches(in: "").map(\.range) == [0..<0])
    }

    @Test func invalidUTF8NeitherCrashesNorStopsTheScan() throws {
        let p = try Pattern(#"said"#)
        var bytes = Array("he said \u{FF}".utf8)
        bytes.append(contentsOf: [0xFF, 0xC3, 0x28, 0xE2, 0x82])  // invalid and truncated
        bytes.append(contentsOf: Array(" she said".utf8))
        var found: [Range<Int>] = []
        try bytes.withUnsafeBufferPointer { buffer in
            try p.forEachMatch(in: buffer, scratch: MatchScratch()) { m in
                found.append(m.range)
                return true
            }
        }
        #expect(found.count == 2)
        #expect(found.last == (bytes.count - 4)..<bytes.count)
    }

    @Test func aPatternIsInterpretedForShortTextsAndJITCompiledOnceItHasSearchedEnoughEvenByManyThreadsAtOnce() throws {
        let sentence = "“We will act,” she said. “Soon,” Chang added. "
        let pattern = try Pattern(#"“(?<content>[^”]*)”"#)
        #expect(try pattern.matches(in: sentence).count == 2)
        #expect(!pattern.isJITCompiled)
        // Eight threads each search a quarter of the threshold: the JIT compiles midway.
        let copies = Pattern.jitThreshold / 4 / sentence.utf8.count + 1
        let text = String(repeating: sentence, count: copies)
        let results = Mutex<[[Range<Int>]]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let found = (try? pattern.matches(in: text).map(\.range)) ?? []
            results.withLock { $0.append(found) }
        }
        let all = results.withLock { $0 }
        #expect(all.count == 8)
        #expect(all.allSatisfy { $0.count == 2 * copies && $0 == all[0] })
        #expect(pattern.isJITCompiled)
    }

    @Test func interpreterAndJITGiveTheSameMatches() throws {
        let sentence = "“We will act,” she said. “Soon,” Chang added. "
        let text = String(repeating: sentence, count: Pattern.jitThreshold / sentence.utf8.count + 1)
        let jit = try Pattern(#"“(?<content>[^”]*)”"#)
        _ = try jit.matches(in: text)
        #expect(jit.isJITCompiled)
        let interpreted = try Pattern(#"“(?<content>[^”]*)”"#, jit: false)
        _ = try interpreted.matches(in: text)
        #expect(!interpreted.isJITCompiled)
        #expect(try jit.matches(in: sentence).map(\.groups) == interpreted.matches(in: sentence).map(\.groups))
        #expect(try jit.matches(in: text).map(\.range) == interpreted.matches(in: text).map(\.range))
        #expect(try interpreted.matches(in: sentence).count == 2)
    }

    @Test func catastrophicBacktrackingHitsTheLimit() throws {
        let p = try Pattern(#"(a+)+$"#)
        let text = String(repeating: "a", count: 40) + "b"
        let scratch = MatchScratch(limits: MatchLimits(matchLimit: 100_000))
        #expect {
            _ = try p.matches(in: text, scratch: scratch)
        } throws: { error in
            (error as? PCRE2Error)?.isLimit == true
        }
    }

    @Test func scanRespectsRange() throws {
        let p = try Pattern("a")
        var found: [Range<Int>] = []
        try Array("aaaa".utf8).withUnsafeBufferPointer { b in
            try p.forEachMatch(in: b, range: 1..<3, scratch: MatchScratch()) { m in
                found.append(m.range)
                return true
            }
        }
        #expect(found == [1..<2, 2..<3])
    }

    @Test func startLimitBoundsWhereMatchesStartNotWhereTheyEnd() throws {
        let p = try Pattern(#"\w+ said"#, options: [.useOffsetLimit])
        var found: [Range<Int>] = []
        try Array("Kim said. Lee said.".utf8).withUnsafeBufferPointer { b in
            try p.forEachMatch(in: b, startLimit: 2, scratch: MatchScratch()) { m in
                found.append(m.range)
                return true
            }
        }
        #expect(found == [0..<8])
    }

    @Test func sharedAcrossThreads() async throws {
        let p = try Pattern(#"\b(?<w>said)\b"#)
        let text = String(repeating: "she said it. ", count: 200)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { (try? p.matches(in: text).count) ?? -1 } }
            var all: [Int] = []
            for await c in group { all.append(c) }
            return all
        }
        #expect(counts == Array(repeating: 200, count: 8))
    }
}

@Suite struct CalloutTests {
    @Test func stringCalloutCanRejectACandidateAndPCRE2Backtracks() throws {
        // A word followed by a callout that accepts only words from a set.
        let p = try Pattern(#"(?<!\w)(?<w>\w+(?:\h+\w+){0,2}?)(?C"set")(?!\w)"#)
        let scratch = MatchScratch()
        let allowed: Set<String> = ["said", "pointed out"]
        scratch.calloutHandler = { c in
            guard c.name == "set", let r = c.range(group: 1) else { return false }
            return allowed.contains(String(decoding: c.subject[r], as: UTF8.self))
        }
        let found = try p.matches(in: "she said he pointed out that", scratch: scratch).map(\.range)
        #expect(found == [4..<8, 12..<23])
        scratch.calloutHandler = nil
        #expect(try p.matches(in: "she said", scratch: scratch).count == 2)
    }
}
