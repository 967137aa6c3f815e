import ArgumentParser
import Evaluation
import Foundation
import WhoSaid

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the extractor on a gold file and score it with the reference scorer's matching rules.")

    @Argument(help: "Gold quotes, one document a line ({\"id\", \"text\", \"quotes\": [...]}).")
    var gold: String

    @Flag(help: "Count indirect gold quotes only when their cue is a verb of saying.")
    var coreCues = false

    @Option(help: "Comma-separated gold types to score (recall and speakers only), e.g. direct,mixed.")
    var types: String?

    @Option(help: "Print up to N misses, spurious finds and wrong speakers on standard error.")
    var errors: Int = 0

    @Option(help: "Worker threads; all cores by default.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var pack: PackOptions

    func run() throws {
        guard let data = FileManager.default.contents(atPath: gold) else {
            throw ValidationFailure("\(gold): cannot read the file")
        }
        let documents: [Scorer.GoldDocument]
        do {
            documents = try Scorer.readGold(data)
        } catch {
            throw ValidationFailure("\(gold): \(error)")
        }
        let batch = Batch(
            engine: try SupervisedEngine(workers: jobs, pack: pack), jobs: jobs)
        var predicted: [String: [Scorer.PredictedQuote]] = [:]
        batch.run(documents, document: { Document(id: $0.id, text: String(String.UnicodeScalarView($0.text))) }) {
            doc, result in
            if let failure = result?.failure { Console.error("whosaid: \(doc.id): \(failure)") }
            predicted[doc.id] = (result?.quotes ?? []).map { .init(start: $0.start, end: $0.end, speaker: $0.speaker) }
        }
        let typeSet = types.map { Set($0.split(separator: ",").map(String.init)) }
        let result = Scorer(coreCues: coreCues, types: typeSet).score(gold: documents, predicted: predicted)
        print(result.json())
        // Per type: recall and speaker accuracy over that type's gold quotes.
        print("\ntype       found / gold   recall   speaker accuracy")
        for (type, (found, total)) in result.recallByType.sorted(by: { $0.key < $1.key }) {
            let r = Scorer(coreCues: coreCues, types: [type]).score(gold: documents, predicted: predicted)
            let accuracy = r.speakerAccuracy.map { String(format: "%.3f", $0) } ?? "—"
            print(
                "\(type.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(format: "%5d / %-5d", found, total))  \(String(format: "%.3f", r.recall))    \(accuracy)"
            )
        }
        for p in result.problems.prefix(errors) {
            Console.error(
                [p.kind, p.document, p.text, p.gold ?? "None", p.predicted ?? "None"].joined(separator: "\t"))
        }
    }
}
