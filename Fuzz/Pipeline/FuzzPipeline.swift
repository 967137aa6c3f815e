// libFuzzer target over the whole pipeline: any bytes, as an article, through every
// stage and every reporter. Built by `make fuzz` with -sanitize=fuzzer,address and
// -DFUZZING; without FUZZING it replays the files given as arguments (crash reproducers).
import Foundation
import FuzzSupport
import PCRE2
import Reporters
import RulePacks
import WhoSaid

let extractor: Extractor = {
    guard let directory = RuleSet.defaultDirectory(), let rules = try? RuleSet.load(directories: [directory]) else {
        fatalError("the default pack did not load")
    }
    return Extractor(rules: rules)
}()
nonisolated(unsafe) let scratch = MatchScratch()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let document = Document(id: "fuzz", utf8: bytes)
    let result = extractor.extract(document, scratch: scratch, tracing: size < 4096)
    for q in result.quotes {
        // The contract: text is exactly the span, offsets agree.
        precondition(document.string(q.byteStart..<q.byteEnd) == q.text, "text is not the span")
        precondition(
            document.codePoint(q.byteStart) == q.start && document.codePoint(q.byteEnd) == q.end, "offsets disagree")
        precondition(q.start <= q.end, "span ends before it starts")
    }
    _ = JSONReporter.line(id: "fuzz", quotes: result.quotes)
    _ = CSVReporter.rows(document: "fuzz", quotes: result.quotes)
    _ = MarkdownReporter.table(heading: nil, quotes: result.quotes)
    _ = HTMLReporter.page([(id: "fuzz", text: document.text, quotes: result.quotes)])
    if !result.quotes.isEmpty, result.trace != nil { _ = Explainer.explain(result, quote: 0, rules: extractor.rules) }
    return 0
}

#if FUZZING
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
