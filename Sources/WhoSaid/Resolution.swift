import Foundation
import RulePacks
import Spans

/// A speaker after the sieve.
struct Resolved {
    var speaker: String?
    var mention: Range<Int>?
    var via: Via
    var role: String?
    var affiliation: String?
    var anonymous: Bool
    /// Plural or a body rather than one person ("they", "critics", "the ministry").
    var plural: Bool
    /// Where the speaker was last mentioned (for pronouns looking back).
    var offset: Int
    /// Which step of the sieve settled it, in words, for `whosaid explain`.
    var reason: String = ""
}

/// The resolution sieve, most certain step first: an explicit name at the cue, an alias
/// of an entity named elsewhere, a role noun naming an earlier entity, a pronoun to the
/// nearest compatible earlier speaker. Continuation is decided by the extractor, which
/// sees the order of quotes. What none of the steps settles stays unresolved.
/// The word lists the sieve reads, made once per rule set rather than once per document.
public struct ResolutionWords: Sendable {
    let masculine: Set<String>
    let feminine: Set<String>
    let plural: Set<String>
    let anonymous: [[String]]
    let roleNouns: Set<String>
    /// Last words of bodies' names, which "he" or "she" never stands for.
    let organisation: Set<String>
    /// The lists that find a sentence's subject (see `Patterns/lexicons.yaml`).
    let sentenceOpeners: Set<String>
    let introductions: Set<String>
    let setOffAdverbs: Set<String>
    let notSubjectOpeners: Set<String>
    let subjectOpeners: Set<String>
    let nounMarkers: Set<String>
    let verbAdverbs: Set<String>
    let irregularVerbs: Set<String>
    /// Endings of finite verbs (`-ed`, `-s`), and endings that look like one and are not (`-ss`).
    let verbEndings: [String]
    let notVerbEndings: [String]
    /// The ending of plural nouns (`-s`), which a word before a verb may wear.
    let pluralEndings: [String]
    /// Endings of participles that open a sentence (`-ing`, `-ed`).
    let participleEndings: [String]
    /// Capitalised determiners before a described speaker ("The", "A").
    let determiners: Set<String>
    /// Lower-case words inside a run of titles ("of", "the").
    let titleLinks: Set<String>
    /// Whether a quote of capitalised words reads as a title ("The Walking Dead"): true
    /// where titles capitalise every word (English), false where capitals mark nouns
    /// (German), from the lexicon `title_style`.
    let capitalisedTitles: Bool
    /// Whether a short paragraph of (nearly) all capitalised words is a headline, whose
    /// names are not taken as entities: true where headlines capitalise every word
    /// (English), false where capitals mark every noun (German), from `headline_style`.
    let capitalisedHeadlines: Bool
    /// Whether each quoted fragment of a mixed quote is also a direct quote of its own
    /// (German news counts „…“ fragments as the speaker's own words), from the lexicon
    /// `fragment_style`: `[mixed]`, or `[mixed, direct]`.
    var fragmentRows: Bool { fragmentStyle.contains("direct") }
    /// How a reported clause around a quote is given (lexicon `fragment_style`): `mixed`,
    /// `direct`, `clause`, `lead_in`, `lead_in_comma` (see `Extractor.reportedClause`).
    let fragmentStyle: Set<String>
    /// Whether reported speech going on over several sentences of the same speaker is one
    /// row (lexicon `passage_style`: `[joined]`), as a direct quote of several sentences is.
    let joinsPassages: Bool
    /// The sieve's steps this pack switches on (lexicon `sieve_step`).
    let steps: Set<String>
    /// Articles that make a role noun name an earlier entity ("the minister").
    let definiteArticles: Set<String>
    /// Words a title or a title-case headline leaves in lower case ("of", "the"), as
    /// UTF-8: lexicon `title_minor_word`.
    let titleMinorWords: Set<ArraySlice<UInt8>>

    /// Every step of the sieve a pack may switch on in its `sieve_step` list, in the
    /// order the sieve tries them, with what each does.
    public static let sieveSteps: [(step: String, description: String)] = [
        ("alias", "a short form of a name given elsewhere in the article (Chang → Chang Ho-jin)"),
        ("role", "a role noun after a definite article names the nearest earlier entity with that role (the minister)"),
        ("pronoun", "a pronoun names the nearest earlier speaker, or person named with a role, of its kind"),
        ("sentence_subject", "a quote with no cue in a sentence that opens with a known person is theirs"),
        ("described_subject", "a quote with no cue in a sentence whose subject comes before its first verb is that subject's"),
        ("verb_second", "in a sentence that opens with a not_subject_opener, the described subject is the noun phrase or pronoun right after the verb; an opener that is also a determiner only when the verb follows it directly"),
        ("turn_taking", "a paragraph that opens with a quote, after two paragraphs by two speakers, is the earlier one's turn"),
        ("continuation", "a quote with no cue right after a passage of the same speaker is theirs; reported speech going on, or a quote with no cue, after a sentence of the writer's that opens with a known person is that person's"),
        ("paragraph_subject", "a quote with no cue in a paragraph that opens with a known person is theirs"),
    ]

    /// The lexicons the sieve reads: a language's pack must define every one (an empty
    /// list switches its step off), so a renamed lexicon cannot switch a step off silently.
    public static let required = [
        "pronoun_masculine", "pronoun_feminine", "pronoun_plural", "anonymous_source", "role_noun",
        "organisation_word", "sentence_opener", "introduction_word", "set_off_adverb", "not_subject_opener",
        "subject_opener", "noun_marker", "verb_adverb", "irregular_verb", "verb_ending", "not_verb_ending",
        "plural_ending", "participle_ending", "determiner", "title_link", "title", "language_evidence", "title_style",
        "headline_style",
        "fragment_style", "passage_style", "sieve_step", "definite_article", "complementizer", "coordinator",
        "clause_tail", "title_minor_word",
    ]

    init(rules: RuleSet) {
        func lower(_ name: String) -> Set<String> { Set(rules.words(name).map { $0.lowercased() }) }
        masculine = lower("pronoun_masculine")
        feminine = lower("pronoun_feminine")
        plural = lower("pronoun_plural")
        anonymous = rules.words("anonymous_source").map { EntityIndex.tokens($0.lowercased()) }
        roleNouns = lower("role_noun")
        organisation = lower("organisation_word")
        func exact(_ name: String) -> Set<String> { Set(rules.words(name)) }
        sentenceOpeners = exact("sentence_opener")
        introductions = exact("introduction_word")
        setOffAdverbs = lower("set_off_adverb")
        notSubjectOpeners = exact("not_subject_opener")
        subjectOpeners = lower("subject_opener")
        nounMarkers = lower("noun_marker")
        verbAdverbs = lower("verb_adverb")
        irregularVerbs = lower("irregular_verb")
        verbEndings = rules.words("verb_ending")
        notVerbEndings = rules.words("not_verb_ending")
        pluralEndings = rules.words("plural_ending")
        participleEndings = rules.words("participle_ending")
        determiners = exact("determiner")
        titleLinks = exact("title_link")
        capitalisedTitles = rules.words("title_style").contains("capitalised")
        capitalisedHeadlines = rules.words("headline_style").contains("capitalised")
        fragmentStyle = Set(rules.words("fragment_style"))
        joinsPassages = rules.words("passage_style").contains("joined")
        steps = Set(rules.words("sieve_step"))
        definiteArticles = lower("definite_article")
        titleMinorWords = Set(rules.words("title_minor_word").map { ArraySlice($0.utf8) })
    }
}

struct Resolver {
    let document: Document
    let entities: EntityIndex
    let words: ResolutionWords
    /// Whether to spell out each step in `Resolved.reason` (for `whosaid explain`).
    let explaining: Bool

    init(document: Document, entities: EntityIndex, words: ResolutionWords, explaining: Bool) {
        self.document = document
        self.entities = entities
        self.words = words
        self.explaining = explaining
        mentionOrder = entities.entities.enumerated()
            .flatMap { i, e in e.mentions.map { (offset: $0, entity: i) } }
            .sorted { $0.offset < $1.offset }
    }

    /// The explanation, built only when explaining: it is never read otherwise.
    func why(_ text: @autoclosure () -> String) -> String { explaining ? text() : "" }

    func resolve(_ found: Found, previous: [Resolved]) -> Resolved {
        let role = found.role.map { document.string($0) }
        let affiliation = found.affiliation.map { document.string($0) }
        guard let range = found.speaker else {
            return Resolved(
                speaker: nil, mention: nil, via: .none, role: role, affiliation: affiliation,
                anonymous: false, plural: false, offset: -1,
                reason: why("the rule captured no speaker"))
        }
        let written = document.string(range)
        let lower = written.lowercased()
        let lowerWords = EntityIndex.tokens(lower)
        // Pronoun: the nearest earlier speaker, or person named with a role, of a
        // compatible kind.
        if words.steps.contains("pronoun"), lowerWords.count == 1,
            words.masculine.contains(lower) || words.feminine.contains(lower) || words.plural.contains(lower)
        {
            let wantPlural = words.plural.contains(lower)
            if let antecedent = antecedent(before: range.lowerBound, plural: wantPlural, previous: previous) {
                return Resolved(
                    speaker: antecedent.speaker, mention: range, via: .pronoun,
                    role: antecedent.role, affiliation: antecedent.affiliation, anonymous: false,
                    plural: wantPlural, offset: range.lowerBound,
                    reason: why(
                        "pronoun '\(written)' → the nearest earlier \(wantPlural ? "group" : "person"), \(antecedent.speaker ?? ""), \(antecedent.via == .explicit && antecedent.mention == nil ? "named with a role" : "speaker of an earlier quote") in paragraph \(paragraphs([antecedent.offset]))"
                    ))
            }
            return Resolved(
                speaker: nil, mention: range, via: .none, role: role, affiliation: affiliation,
                anonymous: false, plural: wantPlural, offset: range.lowerBound,
                reason: why("pronoun '\(written)' with no compatible earlier speaker: left unresolved"))
        }
        let isAnonymous = words.anonymous.contains { EntityIndex.containsRun($0, in: lowerWords) }
        // Role noun: "the minister" names the nearest earlier entity with that role. When
        // both the mention and the role qualify the noun, they share a word ("the
        // transport secretary" is not the union's general secretary; "the former
        // president" is still the President).
        let qualifiers = lowerWords.dropFirst().dropLast()
        if words.steps.contains("role"), let first = lowerWords.first, words.definiteArticles.contains(first),
            lowerWords.count <= 4, let noun = lowerWords.last,
            words.roleNouns.contains(noun),
            let e = recentEntity(
                before: range.lowerBound,
                where: { entity in
                    guard let role = entity.role?.lowercased(), role.hasSuffix(noun) else { return false }
                    let roleWords = EntityIndex.tokens(role).filter { !words.definiteArticles.contains($0) }
                    return qualifiers.isEmpty || roleWords.count < 2 || qualifiers.contains(where: roleWords.contains)
                })
        {
            return Resolved(
                speaker: e.name, mention: range, via: .role, role: e.role, affiliation: e.affiliation,
                anonymous: false, plural: false, offset: range.lowerBound,
                reason: why(
                    "role noun '\(written)' → \(e.name), the nearest earlier entity whose role is '\(e.role ?? "")'")
            )
        }
        // "a smiling Clinton": the name at the end of a described speaker.
        var tokens = EntityIndex.tokens(written)
        if let first = tokens.first, first.first?.isLowercase == true || words.determiners.contains(first) {
            let name = tokens.reversed().prefix { $0.first?.isUppercase == true }
            if !name.isEmpty && name.count < tokens.count { tokens = Array(name.reversed()) }
        }
        let startsUpper = tokens.first?.first?.isUppercase ?? false
        if startsUpper, !isAnonymous, let i = entities.match(tokens, before: range.lowerBound),
            words.steps.contains("alias") || entities.entity(i).tokens.count <= tokens.count
        {
            let e = entities.entity(i)
            let via: Via = e.tokens.count > tokens.count ? .alias : .explicit
            return Resolved(
                speaker: e.name, mention: range, via: via, role: e.role ?? role,
                affiliation: e.affiliation ?? affiliation, anonymous: false, plural: false,
                offset: range.lowerBound,
                reason: why(
                    via == .alias
                        ? "'\(tokens.joined(separator: " "))' is a short form of the entity \(e.name) (named in paragraphs \(paragraphs(e.mentions)))"
                        : "explicit name at the cue, entity \(e.name)"))
        }
        let isPlural =
            isAnonymous || (lowerWords.last.map { w in words.pluralEndings.contains { w.hasSuffix($0) } } ?? false)
            && !startsUpper
        return Resolved(
            speaker: written, mention: range, via: .explicit, role: role, affiliation: affiliation,
            anonymous: isAnonymous, plural: isPlural, offset: range.lowerBound,
            reason: why(
                isAnonymous
                    ? "vague or anonymous source at the cue, kept as written"
                    : "speaker at the cue kept as written (no entity of that name)"))
    }

    /// Whether `name` ends like a body's name ("New York Post").
    private func isOrganisation(_ name: String) -> Bool {
        EntityIndex.tokens(name).last.map { words.organisation.contains($0.lowercased()) } ?? false
    }

    /// The nearest earlier speaker or role-bearing person before `offset`.
    private func antecedent(before offset: Int, plural: Bool, previous: [Resolved]) -> Resolved? {
        var best: Resolved?
        for r in previous.reversed().prefix(Self.lookBack)
        where r.speaker != nil && r.via != .none
            && r.plural == plural && !r.anonymous && r.offset < offset
            && (plural || !isOrganisation(r.speaker ?? ""))
        {
            best = r
            break
        }
        guard !plural else { return best }
        if let (e, last) = recentMention(before: offset, where: { $0.role != nil && $0.tokens.count > 1 }),
            last > (best?.offset ?? -1)
        {
            best = Resolved(
                speaker: e.name, mention: nil, via: .explicit, role: e.role, affiliation: e.affiliation,
                anonymous: false, plural: false, offset: last)
        }
        return best
    }

    /// The person a paragraph is about, when it opens with one: a named entity that is a
    /// person (named with a role, or an earlier speaker), or a pronoun that resolves. A
    /// quote paragraph with no cue after it continues that person.
    func subject(ofParagraph index: Int, previous: [Resolved]) -> Resolved? {
        guard var r = subject(at: document.paragraphs[index].lowerBound, previous: previous) else { return nil }
        r.reason = why("no cue: the paragraph before " + r.reason)
        r.via = .continuation
        return r
    }

    /// The subject a sentence or paragraph opens with at byte `start` ("Trump was quick to
    /// add …", "He immediately blasted …"), when it is a person: an entity named with a
    /// role or an earlier speaker, or a pronoun that resolves to one.
    func subject(at sentenceStart: Int, previous: [Resolved]) -> Resolved? {
        let start = subjectStart(sentenceStart)
        let end = min(document.bytes.count, start + 40)
        let opening = EntityIndex.tokens(document.string(start..<end))
        if let first = opening.first?.lowercased(), words.masculine.contains(first) || words.feminine.contains(first),
            let antecedent = antecedent(before: start, plural: false, previous: previous)
        {
            return Resolved(
                speaker: antecedent.speaker,
                mention: Range<Int>.clamped(start, start + first.utf8.count, to: document.bytes.indices), via: .pronoun,
                role: antecedent.role, affiliation: antecedent.affiliation, anonymous: false,
                plural: false, offset: start,
                reason: why("opens with '\(opening[0])', \(antecedent.speaker ?? "")"))
        }
        let lo = mentionOrder.lowerBound(of: start, by: \.offset)
        let e: Entity
        let mention: Range<Int>
        if lo < mentionOrder.count,
            entities.opening(ofMentionAt: mentionOrder[lo].offset) <= start + 4
                || onlyTitlesBetween(start, mentionOrder[lo].offset)
        {
            e = entities.entity(mentionOrder[lo].entity)
            mention = nameRange(at: mentionOrder[lo].offset, words: e.tokens.count)
        } else {
            let name = opening.prefix(3).prefix { $0.first?.isUppercase == true }
                .map { $0.hasSuffix("’s") || $0.hasSuffix("'s") ? String($0.dropLast(2)) : $0 }
            guard !name.isEmpty, let i = entities.match(Array(name), before: start) else { return nil }
            e = entities.entity(i)
            mention = nameRange(at: start, words: name.count)
        }
        guard
            e.role != nil || e.tokens.count > 1
                || previous.suffix(Self.lookBack).contains(where: { $0.speaker == e.name })
        else {
            return nil
        }
        return Resolved(
            speaker: e.name, mention: mention.isEmpty ? nil : mention, via: .explicit, role: e.role,
            affiliation: e.affiliation, anonymous: false, plural: false, offset: start,
            reason: why("opens with \(e.name)"))
    }

    /// The name written at `offset`: up to `count` capitalised words, without a
    /// possessive or punctuation after the last.
    private func nameRange(at offset: Int, words count: Int) -> Range<Int> {
        let bytes = document.bytes
        var end = offset
        var i = offset
        for _ in 0..<max(1, count) {
            guard i < bytes.count, bytes[i] != UInt8(ascii: " ") else { break }
            let word = wordRange(from: i, limit: min(bytes.count, i + 60))
            guard !word.isEmpty, document.string(word).first?.isUppercase == true else { break }
            end = word.upperBound
            i = word.upperBound + 1
        }
        // Trailing punctuation and a possessive are not part of the name.
        while end > offset, [UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":")]
            .contains(bytes[end - 1])
        {
            end -= 1
        }
        let text = document.string(offset..<end)
        if text.hasSuffix("’s") { end -= "’s".utf8.count } else if text.hasSuffix("'s") { end -= 2 }
        return offset..<max(offset, end)
    }

    /// The subject of the sentence starting at `sentenceStart` when it is not a known
    /// person ("White House officials started to portray …", "The town released …"): the
    /// words before its first verb, resolved like a speaker at a cue. Nil when no verb
    /// follows a short noun phrase before `limit`.
    func describedSubject(at sentenceStart: Int, before limit: Int, previous: [Resolved]) -> Resolved? {
        let start = subjectStart(sentenceStart)
        guard start < limit else { return nil }
        var i = start
        var count = 0
        var firstWord = ""
        var previousWord = ""
        var previousStart = start
        while count <= 10 {
            let range = wordRange(from: i, limit: limit)
            guard !range.isEmpty else { break }
            i = range.upperBound
            let wordStart = range.lowerBound
            let word = document.string(range)
            if count > 0, looksLikeVerb(word), !words.nounMarkers.contains(previousWord.lowercased()),
                words.irregularVerbs.contains(word)
                    || !(words.pluralEndings.contains { word.hasSuffix($0) }
                        && looksLikeVerb(document.string(wordRange(from: i, limit: limit))))
            {
                // Verb second: after an opening phrase the subject follows the verb
                // ("Ursprünglich war das Landgericht der Einschätzung gefolgt"). An opener
                // that is also a determiner is a pronoun only right before the verb ("Das
                // bestätigte die Polizei"); before a noun it opens the subject ("Das
                // Komitee würdigte …").
                let verbSecond =
                    words.notSubjectOpeners.contains(firstWord) && (count == 1 || !words.determiners.contains(firstWord))
                if verbSecond, words.steps.contains("verb_second") {
                    guard let subject = subjectAfterVerb(from: i, limit: limit) else { return nil }
                    var r = resolve(Found(speaker: subject, rule: "described_subject"), previous: previous)
                    r.reason = why("'\(document.string(subject))', after the verb")
                    return r
                }
                // The subject ends before the verb, or before an adverb of the verb ("also
                // said"); when that adverb is the sentence's first word there is none.
                let end = words.verbAdverbs.contains(previousWord) ? previousStart : wordStart
                guard let subject = Range<Int>.ordered(start, end - 1),
                    firstWord.first?.isUppercase == true || words.subjectOpeners.contains(firstWord.lowercased()),
                    !verbSecond, !subject.isEmpty,
                    !document.string(subject).contains(",")
                else { return nil }
                var r = resolve(Found(speaker: subject, rule: "described_subject"), previous: previous)
                r.reason = why("'\(document.string(subject))'")
                return r
            }
            if word.hasSuffix(",") || (word.contains(".") && word.count > 3) { return nil }
            if count == 0 { firstWord = word }
            previousWord = word
            previousStart = wordStart
            count += 1
        }
        return nil
    }

    /// The subject that follows a verb at `i` in a verb-second sentence: a pronoun, or an
    /// optional article, up to two lower-case words and one to four capitalised ones
    /// ("das Landgericht Hamburg", "der israelische Premierminister Benjamin Netanyahu").
    private func subjectAfterVerb(from i: Int, limit: Int) -> Range<Int>? {
        // A word without the punctuation after it ("Hamburg," → "Hamburg").
        func bare(_ word: Range<Int>) -> Substring {
            let text = document.string(word)
            return text[..<(text.lastIndex { !$0.isPunctuation }.map(text.index(after:)) ?? text.startIndex)]
        }
        var word = wordRange(from: i, limit: limit)
        let start = word.lowerBound
        let first = bare(word)
        let lower = first.lowercased()
        if words.masculine.contains(lower) || words.feminine.contains(lower) || words.plural.contains(lower) {
            return start..<(start + first.utf8.count)
        }
        if words.definiteArticles.contains(lower) || words.determiners.contains(first.capitalized) {
            word = wordRange(from: word.upperBound, limit: limit)
        }
        var end: Int?
        var lowerCase = 0
        var capitalised = 0
        while !word.isEmpty {
            let text = bare(word)
            guard let initial = text.first, initial.isLetter else { break }
            if initial.isUppercase {
                guard capitalised < 4 else { break }
                capitalised += 1
                end = word.lowerBound + text.utf8.count
            } else {
                guard capitalised == 0, lowerCase < 2 else { break }
                lowerCase += 1
            }
            // Punctuation after a word ends the phrase.
            if text.utf8.count != word.count { break }
            word = wordRange(from: word.upperBound, limit: limit)
        }
        return end.map { start..<$0 }
    }

    /// The word that starts after the blanks at `i`, ending at a blank or `limit` (empty at `limit`).
    private func wordRange(from i: Int, limit: Int) -> Range<Int> {
        let bytes = document.bytes
        var j = i
        while j < limit && bytes[j] == UInt8(ascii: " ") { j += 1 }
        var k = j
        while k < limit && bytes[k] != UInt8(ascii: " ") { k += 1 }
        return j..<k
    }

    /// A lower-case word that reads as a finite verb: a past or third-person form, or a common irregular one.
    func looksLikeVerb(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, CharacterSet.lowercaseLetters.contains(first),
            !word.contains("’"), !word.contains("'")
        else { return false }
        if words.irregularVerbs.contains(word) { return true }
        return word.count >= 4 && words.verbEndings.contains { word.hasSuffix($0) }
            && !words.notVerbEndings.contains { word.hasSuffix($0) }
    }

    /// Where a sentence's subject starts, past a leading conjunction and an introductory phrase.
    private func subjectStart(_ start: Int) -> Int {
        let bytes = document.bytes
        func word(at i: Int) -> (String, Int) {
            var j = i
            while j < bytes.count, j - i < 24, bytes[j] != UInt8(ascii: " "), bytes[j] != UInt8(ascii: ",") { j += 1 }
            return (document.string(i..<j), j)
        }
        // A dateline ("PHILADELPHIA, July 25 (UPI) — The committee …") ends a sentence of
        // its own: the core pack's `dateline` sentence rule.
        var s = start
        let (first, afterFirst) = word(at: s)
        if words.sentenceOpeners.contains(first), afterFirst < bytes.count, bytes[afterFirst] == UInt8(ascii: " ") {
            s = afterFirst + 1
        }
        // An opening word of its own, or a participle ("Horrified at the prospect, Ramos
        // believes …", "Citing the attack, Will urged …").
        let opening = word(at: s).0
        let participle =
            opening.first?.isUppercase == true && opening.count > 4
            && words.participleEndings.contains { opening.hasSuffix($0) }
        guard words.introductions.contains(opening) || participle else { return s }
        let end = endOfIntroduction(from: s)
        // "…,” though, Allen did suggest": an adverb set off after the phrase.
        let (next, afterNext) = word(at: end)
        if words.setOffAdverbs.contains(next), afterNext + 1 < bytes.count,
            bytes[afterNext] == UInt8(ascii: ","), bytes[afterNext + 1] == UInt8(ascii: " ")
        {
            return afterNext + 2
        }
        return end
    }

    /// Where an introductory phrase starting at `s` ends: after its comma, or `s` when
    /// no comma comes within 100 bytes of the sentence.
    private func endOfIntroduction(from s: Int) -> Int {
        let bytes = document.bytes
        var j = s
        while j + 1 < bytes.count, j - s < 100 {
            switch bytes[j] {
            case UInt8(ascii: "."), UInt8(ascii: "\n"): return s
            case UInt8(ascii: ",") where bytes[j + 1] == UInt8(ascii: " "): return j + 2
            // A comma inside a closing quotation mark (…,” Clinton fixates …).
            case UInt8(ascii: ",")
            where j + 4 < bytes.count && bytes[j + 1] == 0xE2 && bytes[j + 3] == 0x9D
                && bytes[j + 4] == UInt8(ascii: " "):
                return j + 5
            case UInt8(ascii: ",")
            where j + 2 < bytes.count && bytes[j + 1] == UInt8(ascii: "\"")
                && bytes[j + 2] == UInt8(ascii: " "):
                return j + 3
            default: j += 1
            }
        }
        return s
    }

    /// Whether only capitalised words, titles, role nouns and "of"/"the" stand between `start` and
    /// `mention` ("Harbour economist Dana Okafor", "Iowa State University's Dianne Bystrom").
    private func onlyTitlesBetween(_ start: Int, _ mention: Int) -> Bool {
        guard mention - start <= 60 else { return false }
        guard let between = Range<Int>.ordered(start, mention) else { return false }
        return EntityIndex.tokens(document.string(between)).allSatisfy { word in
            word.first?.isUppercase == true || entities.titles.contains(word.lowercased())
                || words.titleLinks.contains(word)
        }
    }

    /// How many earlier quotes or mentions a pronoun or role noun looks back over, so
    /// that an article of a million paragraphs stays linear.
    static let lookBack = 200

    /// Every mention of every entity, in text order, for looking back from an offset.
    private let mentionOrder: [(offset: Int, entity: Int)]

    private func recentMention(before offset: Int, where accept: (Entity) -> Bool) -> (Entity, Int)? {
        let lo = mentionOrder.lowerBound(of: offset, by: \.offset)
        var i = lo - 1
        while i >= 0 && lo - i <= Self.lookBack {
            let e = entities.entity(mentionOrder[i].entity)
            if accept(e) { return (e, mentionOrder[i].offset) }
            i -= 1
        }
        return nil
    }

    private func recentEntity(before offset: Int, where accept: (Entity) -> Bool) -> Entity? {
        recentMention(before: offset, where: accept)?.0
    }

    /// "3, 4, 10": the 1-based paragraphs of byte offsets.
    private func paragraphs(_ offsets: [Int]) -> String {
        var seen: [Int] = []
        for o in offsets where o >= 0 {
            let p = document.paragraphIndex(o) + 1
            if !seen.contains(p) { seen.append(p) }
        }
        return seen.map(String.init).joined(separator: ", ")
    }
}
