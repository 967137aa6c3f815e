// libFuzzer target over the whole pipeline: any bytes, as an article, through every
// stage and every reporter. Built by `make fuzz` with -sanitize=fuzzer,address and
// -DFUZZING; without FUZZING it replays the files given as arguments (crash reproducers).
import Foundation
import FuzzSupport
import PCRE2
import Reporters
import RulePacks
import WhoSaid

/// The pipeline with each language's pack: the engine's steps that only one pack switches
/// on (German reported speech going on, passages joined) are fuzzed too.
let extractors: [Extractor] = ["en", "de"].map { language in
    guard let rules = try? RuleSet.loadDefault(language: language, environment: [:]) else {
        fatalError("the default pack for \(language) did not load")
    }
    return Extractor(rules: rules)
}
nonisolated(unsafe) let scratch = MatchScratch()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let document = Document(id: "fuzz", utf8: bytes)
    for extractor in extractors { check(document, size: size, with: extractor) }
    return 0
}

/// One document through one pack's pipeline and every reporter, with the output contract
/// checked.
func check(_ document: Document, size: Int, with extractor: Extractor) {
    let started = DispatchTime.now().uptimeNanoseconds
    let result = extractor.extract(document, scratch: scratch, tracing: size < 4096)
    // A run slower than 1 s per 10 KB (1 s at least) is a finding: something in the
    // pipeline grows faster than the text.
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    precondition(seconds <= max(1, Double(size) / 10_240), "slow input: \(size) bytes took \(seconds) s")
    for q in result.quotes {
        // The contract: text is exactly the span, offsets agree.
        precondition(document.source(q.byteStart..<q.byteEnd) == q.text, "text is not the span")
        precondition(
            document.codePoint(q.byteStart) == q.start && document.codePoint(q.byteEnd) == q.end, "offsets disagree")
        precondition(q.start <= q.end, "span ends before it starts")
    }
    _ = JSONReporter.line(id: "fuzz", quotes: result.quotes)
    _ = CSVReporter.rows(document: "fuzz", quotes: result.quotes)
    _ = MarkdownReporter.table(heading: nil, quotes: result.quotes)
    _ = HTMLReporter.page([(id: "fuzz", text: document.text, quotes: result.quotes)])
    if !result.quotes.isEmpty, result.trace != nil { _ = Explainer.explain(result, quote: 0, rules: extractor.rules) }
}

#if FUZZING
    @_silgen_name("LLVMFuzzerMutate")
    func LLVMFuzzerMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int) -> Int

    /// Half the time libFuzzer's own mutation; otherwise one of the characters that the
    /// pipeline treats specially, inserted at a random place: quotation marks of every
    /// kind, line breaks, no-break and zero-width spaces.
    @_cdecl("LLVMFuzzerCustomMutator")
    public func fuzzMutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
        var random = SplitMix(seed: UInt64(seed))
        guard random.next() % 2 == 0 else { return LLVMFuzzerMutate(data, size, maxSize) }
        let inserts = [
            "\"", "'", "“", "”", "‘", "’", "„", "‚", "«", "»", "‹", "›", "« ", " »", "\u{202F}»", "「", "」",
            "\n", "\n\n", "\r\n", "\u{0C}", "\u{00A0}", "\u{202F}", "\u{200B}", "\u{2028}", " said ", ": ",
        ].map { Array($0.utf8) }
        let insert = inserts[Int(random.next() % UInt64(inserts.count))]
        guard size + insert.count <= maxSize else { return LLVMFuzzerMutate(data, size, maxSize) }
        let at = size == 0 ? 0 : Int(random.next() % UInt64(size + 1))
        (data + at + insert.count).update(from: data + at, count: size - at)
        for (i, byte) in insert.enumerated() { data[at + i] = byte }
        return size + insert.count
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    // SwiftPM links an executable's entry point as `<target>_main`; it goes to libFuzzer's
    // driver, so libFuzzer's own main is never pulled in.
    @_cdecl("fuzz_pipeline_main")
    public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        runFuzzer(argc, argv) { fuzzPipeline($0, $1) }
    }
#else
    @main
    struct Replay {
        static func main() { replay { fuzzPipeline($0, $1) } }
    }
#endif
