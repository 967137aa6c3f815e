import RulePacks
import Spans

/// A stretch of text in quotation marks.
struct QuoteSpan {
    /// The whole quote, marks included.
    var range: Range<Int>
    /// What the marks enclose.
    var content: Range<Int>
    var rule: String
    /// The quote's first mark opens a paragraph-spanning quote not closed on its line.
    var openEnded: Bool
    /// Only a row when a rule names its speaker.
    var needsAttribution: Bool
    /// The speaker the quote names itself, as a transcript turn does (`WALLACE: …`).
    var speaker: Range<Int>? = nil
    var role: Range<Int>? = nil
}

extension QuoteSpan {
    /// Whether the quoted words are all capitalised, as a title's are ("The Walking Dead",
    /// "Hannity,"): then they name something rather than report someone's words.
    func isTitle(in document: Document, minorWords: Set<ArraySlice<UInt8>>) -> Bool {
        titleWords(in: document, minorWords: minorWords) != nil
    }

    /// Whether the quoted words open with a capital, as a sentence of their own does
    /// ("Never!") and words that go on the writer's sentence do not ("a ghost town").
    func opensWithCapital(in document: Document) -> Bool {
        Document.firstLetterIsUpper(document.bytes[content]) == true
    }

    /// How many words the quote has when it reads as a title; nil when it does not.
    func titleWords(in document: Document, minorWords: Set<ArraySlice<UInt8>>) -> Int? {
        let (words, capitalised) = Document.capitals(
            in: document.bytes[content], minorWords: minorWords, upTo: 9, lowerCase: 1)
        return words > 0 && words <= 8 && capitalised == words ? words : nil
    }
}

/// Finds quotes with the `quote` rules.
///
/// Every rule runs; the family of marks (``Rule/marks``) that pairs up into the most
/// quotes is the document's convention (double marks in US news, single in British,
/// „…“ in German). Candidates are then accepted rule by rule, the convention's rules
/// first, each in priority order, and a candidate that overlaps an accepted quote is
/// dropped, so a quote inside a quote belongs to the outer one and a stray mark cannot
/// swallow a quote already found. Quotes in the other families' marks are nested or
/// scare quotes: they need a rule to name their speaker, and they never run open to the
/// paragraph's end. An open-ended quote (no closing mark before the line ends) joins the
/// next paragraph when that paragraph opens with a quote; otherwise it stays one
/// paragraph long, so an unbalanced mark never swallows the article.
enum QuoteFinder {
    /// The quotes, the family of marks taken as the document's convention (nil when no
    /// rule of any family found a quote) and how many quotes each family pairs into.
    /// `convention` (else the document's own) decides the family whatever the evidence.
    static func find(in document: Document, rules: [Rule], runner: RuleRunner, convention chosen: String? = nil) -> (
        quotes: [QuoteSpan], convention: String?, pairs: [String: Int]
    ) {
        // Every rule runs once; its candidates wait until the convention is known.
        var candidates: [(rule: Rule, found: [QuoteSpan])] = []
        var pairs: [String: Int] = [:]
        // Quotes left open at a paragraph's end, per family: the evidence when no family
        // pairs (a story told over paragraphs that each open a quote and none closes).
        var open: [String: Int] = [:]
        for rule in rules {
            var found: [QuoteSpan] = []
            runner.forEachMatch(rule, in: document.bytes, document: document.id) { m in
                guard let content = m.range(named: "content") else { return }
                let speaker = m.range(named: "speaker")
                // A quote that names its speaker starts where its words do.
                let range = speaker == nil ? m.range : content.lowerBound..<m.range.upperBound
                found.append(
                    QuoteSpan(
                        range: range, content: content, rule: rule.id, openEnded: rule.openEnded,
                        needsAttribution: rule.needsAttribution, speaker: speaker, role: m.range(named: "role")))
            }
            if let marks = rule.marks {
                if rule.openEnded { open[marks, default: 0] += found.count } else { pairs[marks, default: 0] += found.count }
            }
            candidates.append((rule, found))
        }
        let convention =
            chosen ?? document.convention ?? Self.convention(pairs, rules: rules)
            ?? Self.convention(open, rules: rules)
        func secondary(_ rule: Rule) -> Bool { rule.marks != nil && rule.marks != convention }
        var accepted: [QuoteSpan] = []
        // Each rule's candidates are let go once merged, so at most one list is copied.
        let order =
            candidates.indices.filter { !secondary(candidates[$0].rule) }
            + candidates.indices.filter { secondary(candidates[$0].rule) && !candidates[$0].rule.openEnded }
        for k in order {
            var found: [QuoteSpan] = []
            swap(&found, &candidates[k].found)
            if secondary(candidates[k].rule) {
                for j in found.indices { found[j].needsAttribution = true }
            }
            accepted = merge(accepted, found)
        }
        return (joinParagraphs(accepted, document: document), convention, pairs)
    }

    /// The family of marks with the most pairs; on a tie, the family of the first rule;
    /// nil when no family pairs into a quote.
    static func convention(_ pairs: [String: Int], rules: [Rule]) -> String? {
        rules.compactMap(\.marks).first { family in
            pairs[family, default: 0] > 0 && pairs.allSatisfy { $0.value <= pairs[family, default: 0] }
        }
    }

    /// `accepted` (sorted, disjoint) plus the candidates of `found` (sorted by start) that
    /// overlap none of them, in one sweep.
    private static func merge(_ accepted: [QuoteSpan], _ found: [QuoteSpan]) -> [QuoteSpan] {
        var result: [QuoteSpan] = []
        result.reserveCapacity(accepted.count + found.count)
        var i = 0
        var lastEnd = 0
        for q in found where !q.range.isEmpty {
            while i < accepted.count && accepted[i].range.lowerBound < q.range.upperBound {
                result.append(accepted[i])
                lastEnd = max(lastEnd, accepted[i].range.upperBound)
                i += 1
            }
            // Disjoint from what came before and from the next accepted quote.
            if q.range.lowerBound >= lastEnd
                && (i == accepted.count || accepted[i].range.lowerBound >= q.range.upperBound)
            {
                result.append(q)
                lastEnd = q.range.upperBound
            }
        }
        result.append(contentsOf: accepted[i...])
        return result
    }

    /// Merges an open-ended quote with the quote that opens the next paragraph.
    private static func joinParagraphs(_ quotes: [QuoteSpan], document: Document) -> [QuoteSpan] {
        var result: [QuoteSpan] = []
        for q in quotes {
            if var last = result.last, last.openEnded {
                let lastPara = document.paragraphIndex(last.range.lowerBound)
                let para = document.paragraphIndex(q.range.lowerBound)
                let opensParagraph =
                    para == lastPara + 1
                    && (Range<Int>.ordered(document.paragraphs[para].lowerBound, q.range.lowerBound).map {
                        document.bytes[$0].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                    } ?? false)
                if opensParagraph {
                    last.range = last.range.lowerBound..<q.range.upperBound
                    last.content = last.content.lowerBound..<q.content.upperBound
                    last.openEnded = q.openEnded
                    result[result.count - 1] = last
                    continue
                }
            }
            result.append(q)
        }
        return result
    }
}
