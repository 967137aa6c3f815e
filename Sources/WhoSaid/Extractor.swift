import PCRE2
import RulePacks
import Spans

/// The pipeline: document → quotes → masked text → sentences → mentions → attribution
/// and claims → resolution → rows.
///
/// An extractor is immutable and may be shared by threads; each thread passes its own
/// ``MatchScratch``.
///
/// ```swift
/// let extractor = Extractor(rules: try RuleSet.loadDefault(language: "en"))
/// let result = extractor.extract(Document(id: "a", text: "\"We will act,\" Kim said."))
/// result.quotes[0].speaker  // "Kim"
/// ```
public struct Extractor: Sendable {
    public let rules: RuleSet
    private let titles: Set<String>
    private let resolutionWords: ResolutionWords
    private let clauseWords: ClauseWords

    /// Refuses a pack that lacks a lexicon the engine reads (``ResolutionWords/required``),
    /// naming the pack's first file, so that a renamed list never switches a step off.
    public static func checkContract(_ rules: RuleSet, language: String) throws {
        let missing = ResolutionWords.required.filter { rules.lexicons[$0] == nil }
        guard !missing.isEmpty else { return }
        let file = rules.rules.first?.location ?? RuleLocation(file: language, line: 0)
        throw RulePackErrors(errors: [
            RulePackError(
                RuleLocation(file: file.file, line: 0),
                "the '\(language)' pack lacks lexicons the engine reads: \(missing.joined(separator: ", ")) (an empty list switches a step off)"
            )
        ])
    }

    public init(rules: RuleSet) {
        self.rules = rules
        titles = Set((rules.words("title") + rules.words("role_noun")).map { $0.lowercased() })
        resolutionWords = ResolutionWords(rules: rules)
        clauseWords = ClauseWords(rules: rules)
    }

    /// A document longer than this many bytes is read in sections of about this size,
    /// cut where paragraphs start, so that its quotes never all wait in memory at once;
    /// an article is far shorter and is read whole.
    public var sectionBytes = 1 << 20

    /// How many passages (quotes and claims) the first reading of a long document keeps
    /// for the second; past that, sections are read again (a few hundred bytes each).
    var keptPassages = 50_000

    /// Extracts the quotes of `document`. With `tracing`, the result also holds every
    /// rule match, for `whosaid explain`; with `profiling`, time and matches per rule.
    ///
    /// With `rows`, rows leave in batches of ``rowBatch`` as they are made, so that a
    /// document of a million quotes never holds them all; the result then holds the last,
    /// partial batch.
    ///
    /// A document longer than ``sectionBytes`` is read section by section, twice: first
    /// for its quotation convention and the people it names, then for its rows, with
    /// offsets into the whole text and speakers resolved across sections. The first
    /// reading is kept for the second unless the document is dense with quotes.
    public func extract(
        _ document: Document, scratch: MatchScratch = MatchScratch(), tracing: Bool = false,
        profiling: Bool = false, rows: (([Quote]) -> Void)? = nil
    ) -> ExtractionResult {
        FailPoint.check(document.id)
        let runner = RuleRunner(scratch: scratch, tracing: tracing, profiling: profiling)
        // Headlines by their capitals, where the language writes them so (`headline_style`).
        let headlines = runner.stage("headlines") {
            Set(
                resolutionWords.capitalisedHeadlines
                    ? document.paragraphs.indices.filter {
                        document.isHeadline($0, minorWords: resolutionWords.titleMinorWords)
                    } : [])
        }
        var entities = EntityIndex(titles: titles, bodies: resolutionWords.organisation)
        let sections = document.sections(of: sectionBytes)
        let sectioned = sections.count > 1
        // A long document's first reading runs untraced and unprofiled, so that explain and
        // --profile show the reading that gives the rows; it is kept for the second reading
        // while its passages are few, and a document dense with quotes is read again.
        let first = sectioned ? RuleRunner(scratch: scratch) : runner
        var pairs: [String: Int] = [:]
        var kept: [Reading] = []
        var passages = 0
        for section in sections {
            if sectioned { first.section = section }
            let reading = read(document, runner: first, convention: document.convention)
            pairs.merge(reading.pairs, uniquingKeysWith: +)
            first.stage("entities") {
                collectEntities(reading, document: document, headlines: headlines, into: &entities)
            }
            passages += reading.quotes.count + reading.stage.claims.count
            if !sectioned || (!tracing && !profiling && passages <= keptPassages) { kept.append(reading) }
        }
        // The family that pairs into the most quotes over the whole text.
        let convention = document.convention ?? QuoteFinder.convention(pairs, rules: rules.rules(.quote))
        runner.stage("entities") { entities.finish() }
        var assembly = Assembly(
            resolver: Resolver(document: document, entities: entities, words: resolutionWords, explaining: tracing),
            emit: rows)
        for (k, section) in sections.enumerated() {
            if k < kept.count && kept[k].convention == convention {
                runner.stage("resolution and rows") { assemble(kept[k], document: document, into: &assembly) }
            } else {
                runner.section = section
                let reading = read(document, runner: runner, convention: convention)
                runner.stage("resolution and rows") { assemble(reading, document: document, into: &assembly) }
            }
        }
        var warnings = first.warnings
        for warning in runner.warnings where !warnings.contains(warning) { warnings.append(warning) }
        return ExtractionResult(
            document: document, quotes: assembly.rows, reasons: assembly.reasons, trace: runner.trace,
            profile: runner.profile, warnings: warnings, convention: convention)
    }

    /// What the stages before resolution find in a document, or in the runner's section.
    private struct Reading {
        let quotes: [QuoteSpan]
        /// The text with its quotes masked, which the sieve reads for clause words.
        let masked: [UInt8]
        let convention: String?
        let pairs: [String: Int]
        let sentences: Sentences
        let stage: AttributionStage
        /// The names the mention rules found, in rule order.
        let mentions: [Mention]
    }

    /// A name a mention rule found, with its role and affiliation, and where the match
    /// begins (before the name when the role stands first).
    private struct Mention {
        let name: Range<Int>
        let role: Range<Int>?
        let affiliation: Range<Int>?
        let from: Int
    }

    private func read(_ document: Document, runner: RuleRunner, convention: String?) -> Reading {
        let (quotes, convention, pairs) = runner.stage("quotes") {
            QuoteFinder.find(in: document, rules: rules.rules(.quote), runner: runner, convention: convention)
        }
        let masked = runner.stage("masking") {
            Masking.mask(
                document.bytes, quotes: quotes, document: document, minorWords: resolutionWords.titleMinorWords)
        }
        let sentences = runner.stage("sentences") {
            Sentences(masked: masked, document: document, rules: rules.rules(.sentence), runner: runner)
        }
        let anchors = Anchors(masked: masked, sentences: sentences, rules: rules, runner: runner, document: document.id)
        var mentions: [Mention] = []
        runner.stage("mentions") {
            for rule in rules.rules(.mention) {
                runner.forEachMatch(rule, in: masked, windows: anchors.windows(for: rule), document: document.id) { m in
                    guard let name = m.range(named: "name") else { return }
                    mentions.append(
                        Mention(
                            name: name, role: m.range(named: "role"), affiliation: m.range(named: "affiliation"),
                            from: m.range.lowerBound))
                }
            }
        }
        let stage = runner.stage("attribution and claims") {
            AttributionStage(
                masked: masked, document: document, quotes: quotes, sentences: sentences,
                rules: rules, clauseWords: clauseWords, runner: runner, anchors: anchors)
        }
        return Reading(
            quotes: quotes, masked: masked, convention: convention, pairs: pairs, sentences: sentences, stage: stage,
            mentions: mentions)
    }

    /// Adds the people a reading names to `entities`: the mention rules' names, then the
    /// speakers named at a cue, so that later short forms resolve to them.
    private func collectEntities(
        _ reading: Reading, document: Document, headlines: Set<Int>, into entities: inout EntityIndex
    ) {
        func inHeadline(_ offset: Int) -> Bool { headlines.contains(document.paragraphIndex(offset)) }
        for mention in reading.mentions where !inHeadline(mention.name.lowerBound) {
            entities.add(
                name: document.string(mention.name), role: mention.role.map(document.string),
                affiliation: mention.affiliation.map(document.string), at: mention.name.lowerBound,
                from: mention.from)
        }
        let stage = reading.stage
        // Added in text order, so the result never depends on dictionary order.
        // Keys only (what to sort by, and where the finding is), so that a document of a
        // million quotes does not copy every finding to sort it.
        var named: [(start: Int, cue: Int, rule: String, direct: Int?, claim: Int?)] = []
        named.reserveCapacity(stage.direct.count + stage.claims.count)
        for (quote, f) in stage.direct.enumerated() {
            if let f, let s = f.speaker { named.append((s.lowerBound, f.cue?.lowerBound ?? -1, f.rule, quote, nil)) }
        }
        for (i, claim) in stage.claims.enumerated() {
            if let s = claim.found.speaker {
                named.append((s.lowerBound, claim.found.cue?.lowerBound ?? -1, claim.found.rule, nil, i))
            }
        }
        named.sort { a, b in (a.start, a.cue, a.rule) < (b.start, b.cue, b.rule) }
        for key in named {
            guard let found = key.direct.flatMap({ stage.direct[$0] }) ?? key.claim.map({ stage.claims[$0].found }),
                let s = found.speaker
            else { continue }
            // A name starts with a capital, in any script (Émile, Øystein, Łukasz).
            if !inHeadline(s.lowerBound), s.lowerBound < document.bytes.count,
                document.string(s).unicodeScalars.first?.properties.isUppercase == true
            {
                entities.add(
                    name: document.string(s), role: found.role.map(document.string),
                    affiliation: found.affiliation.map(document.string), at: s.lowerBound)
            }
        }
    }

    /// What resolution carries from passage to passage, and from section to section.
    private struct Assembly {
        let resolver: Resolver
        let emit: (([Quote]) -> Void)?
        /// The last few speakers, for pronouns and continuations.
        var resolved: [Resolved] = []
        /// Rows not yet handed to `emit`.
        var rows: [Quote] = []
        var made = 0
        var reasons: [String] = []
        /// The paragraph of the last row; nil before the first.
        var lastParagraph: Int?
        /// Where the last row ends.
        var lastEnd = 0
        /// The last row of reported speech going on, which the next sentence of the same
        /// speaker joins (`passage_style: [joined]`): its index in `rows` and in `reasons`,
        /// its bytes, speaker and paragraph; nil once another row comes between.
        var passage: Passage?
        typealias Passage = (row: Int, reason: Int, range: Range<Int>, speaker: String, paragraph: Int)
    }

    /// Orders the passages, resolves speakers in text order (pronouns and continuations
    /// look back), and drops unattributed quoted fragments that are scare quotes or titles.
    /// Rows handed out at a time when the caller takes them as they are made.
    public static let rowBatch = 4096

    private func assemble(_ reading: Reading, document: Document, into a: inout Assembly) {
        let quotes = reading.quotes
        let stage = reading.stage
        let resolver = a.resolver
        enum Passage { case quote(Int), claim(Int) }
        let inClaims = Set(stage.claims.flatMap(\.quotes))
        var passages: [(Int, Passage)] = quotes.indices.filter { !inClaims.contains($0) }
            .map { (quotes[$0].range.lowerBound, .quote($0)) }
        passages += stage.claims.indices.map { (stage.claims[$0].content.lowerBound, .claim($0)) }
        passages.sort { $0.0 < $1.0 }
        // Quotes inside the reported clause of a quote before them (`reportedClause`).
        var inReportedClause = Set<Int>()

        for (_, passage) in passages {
            if case .quote(let i) = passage, inReportedClause.contains(i) { continue }
            var range: Range<Int>
            var type: QuoteType
            var found: Found?
            var fragments: [Int] = []
            switch passage {
            case .quote(let i):
                range = quotes[i].range
                type = .direct
                found = stage.direct[i]
            case .claim(let i):
                range = stage.claims[i].content
                type = stage.claims[i].quotes.isEmpty ? .indirect : .mixed
                found = stage.claims[i].found
            }
            let paragraph = document.paragraphIndex(range.lowerBound)
            var r: Resolved
            var step: String?
            if let found, found.continues {
                // Reported speech going on: the last speaker's, if they spoke just before
                // (the sieve's continuation step); else, for an `unnamed` rule, reported
                // speech whose speaker the text does not name here ("Demnach …" after a
                // report that named no one).
                if resolutionWords.steps.contains("continuation"), let last = a.resolved.last, last.speaker != nil,
                    let lastParagraph = a.lastParagraph, paragraph - lastParagraph <= 1
                {
                    r =
                        subjectBetween(
                            a.lastEnd, and: range.lowerBound, sentences: reading.sentences, resolver: resolver,
                            previous: a.resolved)
                        ?? Resolved(
                            speaker: last.speaker, mention: last.mention, via: .continuation, role: last.role,
                            affiliation: last.affiliation, anonymous: last.anonymous, plural: last.plural,
                            offset: range.lowerBound,
                            reason: resolver.why("reported speech going on (\(found.rule)), by \(last.speaker ?? "")"))
                } else if found.unnamed {
                    r = resolver.resolve(found, previous: a.resolved)
                    r.reason = resolver.why("reported speech (\(found.rule)) with no speaker just before it")
                } else {
                    continue
                }
            } else if let found, found.speaker != nil || found.unnamed || type != .direct {
                // A claim (never `.direct`) or a quote whose rule named a speaker.
                r = resolver.resolve(found, previous: a.resolved)
            } else {
                // A quote no rule named a speaker for: after a cue alone (a rule with no
                // speaker group: Ben shouted "Legs!"), or with none.
                guard case .quote(let i) = passage, found != nil || !quotes[i].needsAttribution,
                    let (cueless, cuelessStep) = speakerWithoutCue(
                        quotes[i], cued: found != nil, paragraph: paragraph, lastParagraph: a.lastParagraph, lastEnd: a.lastEnd,
                        sentences: reading.sentences, resolved: a.resolved, resolver: resolver, document: document)
                else { continue }
                r = cueless
                step = cuelessStep
            }
            var quoteRule: String?
            if case .quote(let i) = passage {
                quoteRule = quotes[i].rule
                // A quote that is part of a reported clause is a mixed quote: that clause.
                if let clause = reportedClause(of: i, found: found, reading: reading, inClaims: inClaims, document: document) {
                    range = clause.range
                    type = .mixed
                    fragments = clause.quotes
                    inReportedClause.formUnion(fragments)
                    r.reason += resolver.why("; " + clause.reason)
                }
            }
            let provenance = Provenance(rule: found?.rule, quoteRule: quoteRule, step: step)
            // Reported speech going on in the sentence right after the last one of the same
            // speaker's is one passage with it, one row, as a direct quote of several
            // sentences is.
            let goesOn = found?.continues == true && r.via == .continuation && r.speaker != nil
            let joining = a.passage.flatMap { p -> Assembly.Passage? in
                guard resolutionWords.joinsPassages, goesOn, p.speaker == r.speaker, p.paragraph == paragraph,
                    p.row < a.rows.count, p.range.upperBound <= range.lowerBound,
                    Self.onlyBetweenSentences(document.string(p.range.upperBound..<range.lowerBound))
                else { return nil }
                return p
            }
            a.resolved.append(r)
            // Pronouns and continuations look back over the last few speakers only.
            if a.resolved.count > 4 * Resolver.lookBack {
                a.resolved.removeFirst(a.resolved.count - 2 * Resolver.lookBack)
            }
            a.lastParagraph = paragraph
            a.lastEnd = range.upperBound
            let cue = found?.cue.map(document.string)
            // Each row's reason, for explain, stands at the row's index.
            func add(_ type: QuoteType, _ range: Range<Int>, _ provenance: Provenance, reason: String) {
                if resolver.explaining { a.reasons.append(reason) }
                a.made += 1
                a.rows.append(
                    row(
                        id: a.made, type: type, range: range, r: r, cue: cue, provenance: provenance,
                        paragraph: paragraph, document: document))
            }
            if let p = joining {
                let whole = p.range.lowerBound..<range.upperBound
                a.rows[p.row].text = document.source(whole)
                a.rows[p.row].end = document.codePoint(whole.upperBound)
                a.rows[p.row].byteEnd = whole.upperBound
                if type == .mixed { a.rows[p.row].type = .mixed }
                if resolver.explaining {
                    a.reasons[p.reason] += resolver.why("; goes on in the next sentence (\(found?.rule ?? ""))")
                }
                a.passage?.range = whole
            } else {
                add(type, range, provenance, reason: r.reason)
                a.passage =
                    goesOn
                    ? (a.rows.count - 1, a.reasons.count - 1, range, r.speaker ?? "", paragraph) : nil
            }
            // The quoted fragments of a mixed quote, as direct quotes, where the pack says so.
            if case .claim(let i) = passage { fragments = stage.claims[i].quotes }
            if resolutionWords.fragmentRows {
                for q in fragments where quotes.indices.contains(q) {
                    add(
                        .direct, quotes[q].range, Provenance(rule: found?.rule, quoteRule: quotes[q].rule, step: step),
                        reason: resolver.why("a quoted fragment of the mixed quote before it: ") + r.reason)
                }
            }
            if let emit = a.emit, a.rows.count >= Self.rowBatch {
                emit(a.rows)
                a.rows.removeAll(keepingCapacity: true)
                a.passage = nil
                FailPoint.check(document.id, late: true)
            }
        }
    }

    /// Whether `gap` holds no word: only blanks, sentence punctuation and closing marks
    /// between two sentences.
    private static func onlyBetweenSentences(_ gap: String) -> Bool {
        gap.unicodeScalars.allSatisfy { !$0.properties.isAlphabetic && $0.properties.numericType == nil }
    }

    /// The subject of the sentence right before the one holding `start`, when it stands
    /// wholly after `lastEnd` (a sentence of the writer's between the last row and reported
    /// speech going on: "Gall hält sich zurück. So sei …").
    private func subjectBetween(
        _ lastEnd: Int, and start: Int, sentences: Sentences, resolver: Resolver, previous: [Resolved]
    ) -> Resolved? {
        guard let before = sentences.sentence(beforeAcrossParagraphs: sentences.bounds(of: start).lowerBound),
            before.lowerBound >= lastEnd, !before.isEmpty,
            var r = resolver.subject(at: before.lowerBound, previous: previous)
        else { return nil }
        r.via = .continuation
        r.offset = start
        r.reason = resolver.why("no speaker of its own; the writer's sentence before it " + r.reason)
        return r
    }

    /// Who said a quote that no rule named a speaker for (`cued`: a rule found its cue
    /// alone), and the sieve step to report, or nil when the
    /// quote is no row (a title, or a scare quote in a sentence with no subject).
    private func speakerWithoutCue(
        _ q: QuoteSpan, cued: Bool, paragraph: Int, lastParagraph: Int?, lastEnd: Int, sentences: Sentences,
        resolved: [Resolved],
        resolver: Resolver, document: Document
    ) -> (Resolved, step: String?)? {
        let start = q.range.lowerBound
        let sentence = sentences.bounds(of: start)
        let insideSentence = sentence.lowerBound < start
        let paragraphStart = document.paragraphs[paragraph].lowerBound
        // After a cue, a quote that opens with a capital is speech however short (a voice
        // exclaimed "Ralph!"); quoted words after one are not (what he called "trade goods").
        let fragment = !Self.isUtterance(q, document: document) && !(cued && q.opensWithCapital(in: document))
        // A title in quotation marks ("The Walking Dead") is nobody's words.
        // So is one of a few words inside a paragraph, even punctuated as a sentence (on
        // "Meet the Press."), though not one word ("Yes.").
        if resolutionWords.capitalisedTitles,
            let words = q.titleWords(in: document, minorWords: resolutionWords.titleMinorWords),
            fragment || (paragraphStart < start && words >= 2)
        {
            return nil
        }
        // A quote inside a sentence about a person is that person's words ("Rubio
        // bemoaned a climate where people "hate each other"", "Ryan worried that the net
        // was becoming "a hammock …"").
        let steps = resolutionWords.steps
        if insideSentence, steps.contains("sentence_subject"),
            var subject = resolver.subject(at: sentence.lowerBound, previous: resolved)
        {
            subject.reason = resolver.why("a quote in a sentence that " + subject.reason)
            return (subject, "sentence_subject")
        }
        // In a sentence about someone not known as a person ("White House officials
        // started to portray it as a "workplace" issue"), the quote is that subject's
        // words; a fragment in a sentence with no subject is a scare quote and no row.
        if insideSentence, steps.contains("described_subject"),
            var subject = resolver.describedSubject(at: sentence.lowerBound, before: start, previous: resolved)
        {
            subject.reason = resolver.why("a quote in a sentence whose subject is " + subject.reason)
            return (subject, "described_subject")
        }
        if fragment { return nil }
        // Continuation: a quote with no cue right after a passage of the same speaker.
        // The mention is the one the passage before named the speaker with, so that a
        // continued row still points at where its speaker stands.
        func continuing(_ last: Resolved) -> Resolved {
            Resolved(
                speaker: last.speaker, mention: last.mention, via: .continuation, role: last.role,
                affiliation: last.affiliation, anonymous: last.anonymous, plural: last.plural, offset: start,
                reason: resolver.why("no cue: continues the passage before it, by \(last.speaker ?? "")"))
        }
        let last = steps.contains("continuation") ? resolved.last.flatMap { $0.speaker == nil ? nil : $0 } : nil
        // Turn-taking: a paragraph that opens with a quote after two paragraphs of two
        // different speakers is the earlier one's turn again (dialogue in fiction).
        if steps.contains("turn_taking"), paragraphStart == start, paragraph >= 2, resolved.count >= 2, let last {
            let before = resolved[resolved.count - 2]
            if let other = before.speaker, other != last.speaker,
                document.paragraphIndex(last.offset) == paragraph - 1,
                document.paragraphIndex(before.offset) == paragraph - 2
            {
                var turn = continuing(before)
                turn.reason = resolver.why("no cue: turn-taking, the speaker before the last, \(other)")
                return (turn, "turn_taking")
            }
        }
        if let last, let lastParagraph,
            lastParagraph == paragraph || (paragraph - lastParagraph == 1 && paragraphStart == start)
        {
            if lastParagraph == paragraph, paragraphStart < start,
                let between = subjectBetween(lastEnd, and: start, sentences: sentences, resolver: resolver, previous: resolved)
            {
                return (between, nil)
            }
            return (continuing(last), nil)
        }
        // "Bystrom agreed. "Republicans are running out of time."": the paragraph's subject.
        if paragraphStart < start, steps.contains("paragraph_subject"),
            var subject = resolver.subject(at: paragraphStart, previous: resolved)
        {
            subject.reason = resolver.why("no cue: the paragraph " + subject.reason)
            return (subject, "paragraph_subject")
        }
        if let last, let lastParagraph, paragraph - lastParagraph <= 1 { return (continuing(last), nil) }
        if paragraph > 0, steps.contains("paragraph_subject"),
            let subject = resolver.subject(ofParagraph: paragraph - 1, previous: resolved)
        {
            return (subject, nil)
        }
        return (
            Resolved(
                speaker: nil, mention: nil, via: .none, role: nil, affiliation: nil, anonymous: false, plural: false,
                offset: start,
                reason: resolver.why("no rule attributed it and no quote of a known speaker comes just before")),
            nil
        )
    }

    /// The reported clause a quote is part of, with the quotes it holds (none that is part
    /// of a claim, `inClaims`) and why, when the
    /// pack's `fragment_style` asks for it:
    /// - `clause`: a quoted fragment with no cue, in a clause a complementizer opens earlier
    ///   in its sentence ("Rubio argued that the "elites" need not obey the law"): from the
    ///   complementizer to the sentence's end;
    /// - `lead_in`: a quote whose cue follows it, run into by words of the writer's in its
    ///   sentence ("Since then, the county has engaged in "a culture of …," she said"):
    ///   from the sentence's start, or from after its last coordinator, to the quote's end;
    ///   with `lead_in_comma` the words may end in a comma (German sets one before every
    ///   subordinate clause: "… mitgewirkt, „den Lauf der Geschichte zu ändern“, schrieb …").
    private func reportedClause(
        of i: Int, found: Found?, reading: Reading, inClaims: Set<Int>, document: Document
    ) -> (range: Range<Int>, quotes: [Int], reason: String)? {
        let q = reading.quotes[i]
        let style = resolutionWords.fragmentStyle
        let sentence = reading.sentences.bounds(of: q.range.lowerBound)
        guard sentence.lowerBound < q.range.lowerBound else { return nil }
        let masked = reading.masked
        // The words before the quote in its sentence that are read, bounded so that a
        // paragraph of a million bytes with no sentence end stays linear.
        let before = max(sentence.lowerBound, q.range.lowerBound - Self.clauseReach)..<q.range.lowerBound
        // The quotes of the document are sorted by start.
        func firstQuote(from offset: Int) -> Int { reading.quotes.lowerBound(of: offset, by: \.range.lowerBound) }
        if let found {
            guard style.contains("lead_in"), !found.continues, let cue = found.cue, cue.lowerBound >= q.range.upperBound,
                found.speaker.map({ $0.lowerBound >= q.range.upperBound }) ?? true,
                // The writer's words run into it (no colon, comma or dash between; a comma
                // only with `lead_in_comma`) …
                Self.wordsRunInto(q.range.lowerBound, in: masked[before], overComma: style.contains("lead_in_comma")),
                // … and it goes on with their sentence rather than opening one of its own,
                !q.opensWithCapital(in: document),
                // with no other quote before it in the sentence.
                firstQuote(from: sentence.lowerBound) == i
            else { return nil }
            // From after the last coordinator, where one joins a second clause ("… in
            // recent weeks and that will take time to "cool off,"").
            var start = lastWord(clauseWords.coordinators, in: masked, before)?.upperBound ?? before.lowerBound
            if !masked[start..<q.range.lowerBound].contains(where: Self.isWordByte) { start = before.lowerBound }
            let clause = AttributionStage.trim(start..<q.range.upperBound, in: masked, words: clauseWords)
            return (clause, [i], "words of the writer's lead into it in its sentence")
        }
        guard style.contains("clause"), !Self.isUtterance(q, document: document),
            let opening = lastWord(clauseWords.complementizers, in: masked, before)?.lowerBound
        else { return nil }
        let clause = AttributionStage.trim(
            opening..<max(sentence.upperBound, q.range.upperBound), in: masked, words: clauseWords)
        guard clause.lowerBound <= q.range.lowerBound else { return nil }
        let inside = (firstQuote(from: clause.lowerBound)..<firstQuote(from: clause.upperBound)).filter { k in
            reading.quotes[k].range.upperBound <= clause.upperBound && reading.stage.direct[k] == nil
                && !inClaims.contains(k)
        }
        return (clause, inside, "the fragment stands in a reported clause after a complementizer")
    }

    /// How far before a quote, in bytes, `reportedClause` looks for the words that open
    /// its clause.
    static let clauseReach = 400

    /// The last of `words` standing as a whole word in `masked[range]`.
    private func lastWord(_ words: [[UInt8]], in masked: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        func inWord(_ k: Int) -> Bool { k >= 0 && k < masked.count && Self.isWordByte(masked[k]) }
        var found: Range<Int>?
        for word in words where !word.isEmpty {
            var k = range.upperBound - word.count
            while k >= range.lowerBound && k > found?.lowerBound ?? -1 {
                if masked[k..<(k + word.count)].elementsEqual(word), !inWord(k - 1), !inWord(k + word.count) {
                    found = k..<(k + word.count)
                    break
                }
                k -= 1
            }
        }
        return found
    }

    /// A byte that may be part of a word: an ASCII letter or digit, or any byte of a
    /// multi-byte character.
    private static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || (b >= 0x30 && b <= 0x39)
    }

    private func row(
        id: Int, type: QuoteType, range: Range<Int>, r: Resolved, cue: String?, provenance: Provenance,
        paragraph: Int, document: Document
    ) -> Quote {
        Quote(
            id: "q\(id)", type: type, text: document.source(range),
            start: document.codePoint(range.lowerBound), end: document.codePoint(range.upperBound),
            byteStart: range.lowerBound, byteEnd: range.upperBound,
            speaker: r.speaker, speakerMention: r.mention.map(document.source),
            speakerStart: r.mention.map { document.codePoint($0.lowerBound) },
            speakerEnd: r.mention.map { document.codePoint($0.upperBound) },
            role: r.role, affiliation: r.affiliation, cue: cue, via: r.via,
            anonymous: r.anonymous, rule: provenance.column, paragraph: paragraph + 1, provenance: provenance)
    }

    /// Whether an unattributed quote reads as speech rather than a scare-quoted word or
    /// a title: it ends with punctuation inside the marks and runs to a few words, or runs
    /// to several words, or it opens its paragraph (a turn of dialogue: "Indeed?", "Quite
    /// early.") and ends with punctuation or is the whole paragraph, or it is a sentence of
    /// its own after another sentence or a colon (She hung her head: "Yes.").
    static func isUtterance(_ q: QuoteSpan, document: Document) -> Bool {
        let content = document.bytes[q.content]
        let words = content.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }).count
        let last = content.last(where: { $0 != UInt8(ascii: " ") })
        let punctuated =
            last.map { [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "?")].contains($0) }
            ?? false
        if words >= 6 || (punctuated && words >= 3) { return true }
        // A turn of dialogue; not a bracketed aside ("(CROSSTALK.)") nor a label ("Related:").
        let first = content.first(where: { $0 != UInt8(ascii: " ") })
        guard let first, let last, first != UInt8(ascii: "("), first != UInt8(ascii: "["), last != UInt8(ascii: ":")
        else { return false }
        let paragraph = document.paragraphs[document.paragraphIndex(q.range.lowerBound)]
        func blank(_ range: Range<Int>?) -> Bool {
            range.map { document.bytes[$0].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } } ?? false
        }
        guard blank(Range<Int>.ordered(paragraph.lowerBound, q.range.lowerBound)) else {
            // A sentence of its own after another or after a colon (She hung her head:
            // "Yes." / She broke off. "Tommy!").
            let final = last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?")
            return final && Self.followsSentenceEnd(q.range.lowerBound, in: document.bytes[paragraph])
        }
        // Words that open their paragraph and end with punctuation are a turn ("I kicked,"
        // replied the boy); unpunctuated, only when the quote is the whole paragraph.
        return punctuated || blank(Range<Int>.ordered(q.range.upperBound, paragraph.upperBound))
    }

    /// Whether the last character before `offset` that is no blank ends a sentence or
    /// introduces one: . ! ? : or a closing quotation mark.
    private static func followsSentenceEnd(_ offset: Int, in paragraph: ArraySlice<UInt8>) -> Bool {
        guard let previous = lastCharacter(before: offset, in: paragraph) else { return false }
        return ".!?:\"”’»«“".unicodeScalars.contains(previous.scalar)
    }

    /// Whether a word (a letter or digit at its end) stands right before `offset` in
    /// `text`, past blanks and, with `overComma`, one comma.
    private static func wordsRunInto(_ offset: Int, in text: ArraySlice<UInt8>, overComma: Bool) -> Bool {
        func isWordEnd(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic || c.properties.numericType != nil }
        guard let last = lastCharacter(before: offset, in: text) else { return false }
        if isWordEnd(last.scalar) { return true }
        guard overComma, last.scalar == ",", let beforeComma = lastCharacter(before: last.start, in: text) else {
            return false
        }
        return isWordEnd(beforeComma.scalar)
    }

    /// The last character before `offset` in `text` that is no blank (space, tab or
    /// no-break space), and where it starts; nil when there is none.
    private static func lastCharacter(
        before offset: Int, in text: ArraySlice<UInt8>
    ) -> (scalar: Unicode.Scalar, start: Int)? {
        var i = offset
        while i > text.startIndex {
            if text[i - 1] == UInt8(ascii: " ") || text[i - 1] == UInt8(ascii: "\t") {
                i -= 1
            } else if i - 1 > text.startIndex, text[i - 2] == 0xC2, text[i - 1] == 0xA0 {
                i -= 2  // a no-break space
            } else {
                break
            }
        }
        guard i > text.startIndex else { return nil }
        // The character's first byte: back past UTF-8 continuation bytes.
        var start = i - 1
        while start > text.startIndex, i - start < 4, text[start] & 0xC0 == 0x80 { start -= 1 }
        guard let scalar = String(decoding: text[start..<i], as: UTF8.self).unicodeScalars.last else { return nil }
        return (scalar, start)
    }
}
