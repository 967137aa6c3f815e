import Foundation

extension Scorer {
    /// Reads a gold file in the format of `shared/eval/README.md`, one document a line.
    public static func readGold(_ data: Data) throws -> [GoldDocument] {
        var documents: [GoldDocument] = []
        for (n, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where !line.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                throw EvaluationError("line \(n + 1): not a JSON object (a gold file has one {\"id\", \"text\", \"quotes\"} object per line)")
            }
            let text = object["text"] as? String ?? ""
            let quotes = (object["quotes"] as? [[String: Any]] ?? []).map { q in
                GoldQuote(
                    start: q["start"] as? Int ?? 0, end: q["end"] as? Int ?? 0, type: q["type"] as? String ?? "direct",
                    speaker: q["speaker"] as? String, aliases: q["speaker_aliases"] as? [String] ?? [],
                    spans: (q["spans"] as? [[Int]] ?? []).compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil },
                    cue: q["cue"] as? String, optional: q["optional"] as? Bool ?? false,
                    pronominal: q["speaker_pronominal"] as? Bool ?? false, text: q["text"] as? String ?? "")
            }
            documents.append(GoldDocument(id: idString(object["id"]), text: Array(text.unicodeScalars), quotes: quotes))
        }
        return documents
    }

    static func idString(_ value: Any?) -> String {
        switch value {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return ""
        }
    }
}

public struct EvaluationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension Scorer.Result {
    /// The reference scorer's JSON line, keys in its order, ratios rounded to 4 places.
    public func json() -> String {
        func r(_ x: Double) -> String {
            let rounded = (x * 10000).rounded() / 10000
            return rounded == rounded.rounded() ? String(format: "%.1f", rounded) : String(rounded)
        }
        let byType = recallByType.sorted { $0.key < $1.key }.map {
            "\"\($0.key)\": \"\($0.value.found)/\($0.value.total)\""
        }
        return
            "{\"tp\": \(tp), \"fp\": \(fp), \"fn\": \(fn), \"duplicates\": \(duplicates), \"precision\": \(r(precision)), "
            + "\"recall\": \(r(recall)), \"f1\": \(r(f1)), \"exact\": \(exact), \"speaker_scored\": \(speakerScored), "
            + "\"speaker_correct\": \(speakerCorrect), \"speaker_pronoun_gold\": \(speakerPronounGold), "
            + "\"speaker_accuracy\": \(speakerAccuracy.map(r) ?? "null"), \"attributed_recall\": \(attributedRecall.map(r) ?? "null"), "
            + "\"recall_by_type\": {\(byType.joined(separator: ", "))}}"
    }
}
