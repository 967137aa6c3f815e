import RulePacks

/// The rule trail behind one quote, for `whosaid explain`: the attribution and claim
/// rules in the order they ran with what each captured around the quote, the rule that
/// won, the mentions that built the speaker's entity, and the resolution step.
public enum Explainer {
    /// How the document was read: its quotation convention and its line layout.
    public static func layout(_ result: ExtractionResult) -> String {
        let doc = result.document
        let marks =
            result.convention.map { "quotation marks: \($0) (the family that pairs into the most quotes)" }
            ?? "quotation marks: none found"
        let lines =
            doc.wrapWidth.map { "lines wrapped at \($0) characters, \(doc.softWraps) line breaks read as spaces" }
            ?? (doc.softWraps > 0 ? "\(doc.softWraps) line breaks read as spaces" : "one paragraph per line or block")
        return "\(marks); \(lines); \(doc.paragraphs.count) paragraphs"
    }

    /// Explains quote `index` (0-based) of a traced extraction.
    public static func explain(
        _ result: ExtractionResult, quote index: Int, rules: RuleSet, language: String? = nil
    ) -> String {
        let doc = result.document
        let q = result.quotes[index]
        let trace = result.trace ?? []
        var out = "\(q.id) \(q.type.rawValue), paragraph \(q.paragraph), code points \(q.start)..<\(q.end):\n"
        out += "  \(excerpt(q.text, 200))\n\n"
        out += "Document: " + (language.map { "language \($0); " } ?? "") + layout(result) + "\n\n"
        // The paragraphs the quote touches, and the one before (pronouns look back).
        let first = max(0, q.paragraph - 1)
        let last = doc.paragraphIndex(max(q.byteStart, q.byteEnd - 1))
        let window = doc.paragraphs[first].lowerBound..<doc.paragraphs[min(last, doc.paragraphs.count - 1)].upperBound
        let winner = q.provenance.rule ?? q.provenance.step ?? q.provenance.quoteRule ?? q.rule
        out += "Rules tried, in order (matches in this paragraph):\n"
        for rule in rules.rules where rule.kind == .attribution || rule.kind == .claim || rule.kind == .quote {
            let here = trace.filter { $0.rule.id == rule.id && $0.range.overlaps(window) }
            let head = "  \(rule.kind.rawValue) \(rule.id) (\(rule.location))"
            if here.isEmpty {
                if rule.kind != .quote { out += head + ": no match\n" }
                continue
            }
            for m in here {
                let touches =
                    m.range.overlaps(q.byteStart..<q.byteEnd) || m.range.upperBound == q.byteStart
                    || m.range.lowerBound == q.byteEnd
                let won = rule.id == winner && touches
                out += head + ": matched \(excerpt(doc.string(m.range), 90))"
                out += won ? "  ← gave this row\n" : "\n"
                for g in m.groups where g.name != "content" || rule.kind == .quote {
                    out += "      \(g.name) = \(excerpt(doc.string(g.range), 70))\n"
                }
            }
        }
        out += "\nSpeaker: \(q.speaker ?? "none") (via \(q.via.rawValue))\n"
        out += "  \(result.reasons[index])\n"
        if let speaker = q.speaker {
            let names = Set(EntityIndex.tokens(speaker))
            let mentions = trace.filter { m in
                m.rule.kind == .mention
                    && m.groups.contains {
                        $0.name == "name" && !names.isDisjoint(with: EntityIndex.tokens(doc.string($0.range)))
                    }
            }
            if !mentions.isEmpty { out += "  Mentions that built the entity:\n" }
            for m in mentions.prefix(8) {
                let groups = m.groups.map { "\($0.name)=\(excerpt(doc.string($0.range), 50))" }.joined(separator: " ")
                out += "    paragraph \(doc.paragraphIndex(m.range.lowerBound) + 1), \(m.rule.id): \(groups)\n"
            }
        }
        return out
    }

    /// The index of the quote holding code point `offset`, or the nearest one after it.
    public static func quoteIndex(at offset: Int, in result: ExtractionResult) -> Int? {
        result.quotes.firstIndex { $0.start <= offset && offset < $0.end }
            ?? result.quotes.firstIndex { $0.start >= offset }
    }

    private static func excerpt(_ text: String, _ limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
        return flat.count <= limit ? "⟨\(flat)⟩" : "⟨\(flat.prefix(limit))…⟩"
    }
}
