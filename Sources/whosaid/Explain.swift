import ArgumentParser
import Foundation
import Inputs
import WhoSaid

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the rules tried for one quote, what each captured, and how its speaker was found.")

    @Argument(help: "An article (text, Markdown or HTML).")
    var file: String

    @Option(help: "The quote's number, as in the q column (1 for q1).")
    var quote: Int?

    @Option(help: "A code point offset inside (or just before) the quote.")
    var at: Int?

    @OptionGroup var pack: PackOptions
    @OptionGroup var reading: ReadingOptions

    func validate() throws {
        if (quote == nil) == (at == nil) { throw ValidationError("give exactly one of --quote N or --at OFFSET") }
    }

    func run() throws {
        guard let record = InputReader.records(path: file, kind: .auto).first(where: { _ in true }) else {
            throw ValidationFailure("\(file): no article in the file")
        }
        if let error = record.error { throw ValidationFailure("\(file): \(error)") }
        let packs = pack.packs()
        let language = try record.language ?? packs.detect(record.text)
        let rules = try packs.extractor(for: language).rules
        try reading.check(rules)
        let result = Extractor(rules: rules).extract(reading.document(id: file, text: record.text), tracing: true)
        let index: Int?
        if let quote {
            index = (1...max(1, result.quotes.count)).contains(quote) && !result.quotes.isEmpty ? quote - 1 : nil
        } else {
            index = at.flatMap { Explainer.quoteIndex(at: $0, in: result) }
        }
        guard let index else {
            throw ValidationFailure("\(file): no such quote (the article has \(result.quotes.count))")
        }
        let chosen = "\(language) (\(record.language != nil ? "the record's \"lang\"" : pack.lang == "auto" ? "by the packs' evidence words" : "--lang"))"
        print(Explainer.explain(result, quote: index, rules: rules, language: chosen), terminator: "")
    }
}
