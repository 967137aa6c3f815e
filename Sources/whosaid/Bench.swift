import ArgumentParser
import Foundation
import Inputs
import PCRE2
import Reporters
import WhoSaid

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Measure throughput: the extractor on one core and on all cores, and a plain PCRE2 scan for quoted spans as the ceiling."
    )

    @Argument(help: "Corpus files (text, HTML or JSON Lines) or folders; default: the fixture article repeated.")
    var paths: [String] = []

    @Option(help: "Copies of the fixture article in the default corpus.")
    var copies: Int = 2000

    @Option(help: "Runs of each measurement; the fastest counts.")
    var runs: Int = 3

    @Flag(help: "Also print the time and matches per rule of the profiled run, after the others (JIT compiled, files read).")
    var profile = false

    @OptionGroup var pack: PackOptions

    func run() throws {
        let records: [InputRecord]
        if paths.isEmpty {
            guard let dir = FixtureLocation.checkoutFixture(),
                let text = try? String(contentsOfFile: dir, encoding: .utf8)
            else {
                throw ValidationFailure("the fixture article was not found; give corpus files")
            }
            records = (0..<copies).map { InputRecord(id: "copy\($0)", text: text) }
        } else {
            records = Array(InputReader.records(paths, kind: .auto)).filter { $0.error == nil }
        }
        let documents = records.map { Document(id: $0.id, text: $0.text) }
        let bytes = documents.reduce(0) { $0 + $1.bytes.count }
        let extractor = Extractor(rules: try pack.load())
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print(
            "corpus: \(documents.count) documents, \(String(format: "%.2f", Double(bytes) / 1e6)) MB; best of \(runs) runs"
        )

        func measure(_ label: String, _ body: () -> Void) -> Double {
            var best = Double.infinity
            for _ in 0..<max(1, runs) {
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            let mbs = Double(bytes) / 1e6 / best
            print(
                "\(label.padding(toLength: 38, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", mbs)) MB/s  \(String(format: "%9.0f", Double(documents.count) / best)) docs/s  (\(String(format: "%.3f", best)) s)"
            )
            return mbs
        }

        var quotes = 0
        let one = measure("extractor, 1 core") {
            quotes = 0
            Batch(extractor: extractor, jobs: 1).run(documents, document: { $0 }) { _, r in
                quotes += r?.quotes.count ?? 0
            }
        }
        _ = measure("extractor, \(cores) cores") {
            Batch(extractor: extractor, jobs: cores).run(documents, document: { $0 }) { _, _ in }
        }
        // What extract and stream run: the engine in supervised worker processes.
        for workers in Set([1, cores]).sorted() {
            let engine = try SupervisedEngine(workers: workers, pack: pack)
            _ = measure("supervised, \(workers) worker process\(workers == 1 ? "" : "es")") {
                Batch(engine: engine, jobs: workers).run(documents, document: { $0 }) { _, _ in }
            }
        }
        let scan = try Pattern(#""[^"\n]*"|“[^“”\n]*”"#)
        let scratch = MatchScratch()
        var spans = 0
        let ceiling = measure("ceiling: PCRE2 JIT quoted-span scan") {
            spans = 0
            for d in documents {
                d.bytes.withUnsafeBufferPointer { buffer in
                    try? scan.forEachMatch(in: buffer, scratch: scratch) { _ in
                        spans += 1; return true
                    }
                }
            }
        }
        print("quotes found: \(quotes); quoted spans in the scan: \(spans)")
        print("extractor on 1 core is \(String(format: "%.1f", 100 * one / ceiling)) % of the ceiling scan")
        // The floor under the rules' own time: one profiled run, each rule's pattern tried
        // again only where its matches start. No faster start-finding can go below it.
        var profiled = Batch(extractor: extractor, jobs: 1)
        profiled.profiling = true
        var scanned: UInt64 = 0, atStarts: UInt64 = 0
        let started = DispatchTime.now().uptimeNanoseconds
        var profiles: [[String: RuleStat]] = []
        profiled.run(documents, document: { $0 }) { _, result in
            if profile, let p = result?.profile { profiles.append(p) }
            // Rules and anchor scans; the stages' own time is part of the rest.
            for stat in result?.profile?.values ?? [:].values where !stat.isStage {
                scanned += stat.nanoseconds
                atStarts += stat.nanosecondsAtStarts
            }
        }
        let ms = { (nanoseconds: UInt64) in String(format: "%.1f", Double(nanoseconds) / 1e6) }
        // The profiled run's own time less its rules' time and the timing of them again.
        let wall = DispatchTime.now().uptimeNanoseconds - started
        let outside = wall > scanned + atStarts ? wall - scanned - atStarts : 0
        if profile { print(ProfileReport.table(profiles)) }
        let floor = Double(bytes) * 1e3 / Double(atStarts + outside)
        print("rules as run: \(ms(scanned)) ms; the same rules tried only where they match: \(ms(atStarts)) ms")
        print(
            "the rest of the pipeline: \(ms(outside)) ms; with the rules at that floor: \(String(format: "%.1f", floor)) MB/s, \(String(format: "%.1f", 100 * floor / ceiling)) % of the ceiling scan"
        )
    }
}

/// Where the bundled fixture article is, for the default benchmark corpus.
enum FixtureLocation {
    static func checkoutFixture() -> String? {
        let exe =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = (exe as NSString).deletingLastPathComponent
        for _ in 0..<6 {
            let candidate = (dir as NSString).appendingPathComponent("Fixtures/harbour-strike.txt")
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            dir = (dir as NSString).deletingLastPathComponent
        }
        return nil
    }
}
