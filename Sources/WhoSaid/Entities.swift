import RulePacks

/// A person or body named in the article, with the fullest name seen and the role and
/// affiliation given anywhere for it.
struct Entity {
    var name: String
    var tokens: [String]
    var role: String?
    var affiliation: String?
    /// Byte offsets of every mention, in text order.
    var mentions: [Int]
}

/// The article's entities: one per person, so that later short mentions resolve to the
/// fullest name (`Chang` → `Chang Ho-jin`).
struct EntityIndex {
    private(set) var entities: [Entity] = []
    /// Entities by each token of their names, so a lookup never scans them all.
    private var byToken: [String: [Int]] = [:]
    /// Where a mention whose words begin before its name (a role with its article,
    /// "der SPD-Vorsitzende Kurt Beck") begins, by the name's offset.
    private var openings: [Int: Int] = [:]
    /// Lower-case titles and role nouns, dropped from the front of a name
    /// ("Economist Tomas Berg" is the entity "Tomas Berg").
    let titles: Set<String>
    /// Lower-case last words of bodies' names, which keep their first word
    /// ("Democratic National Committee" is not "National Committee").
    let bodies: Set<String>

    init(titles: Set<String>, bodies: Set<String> = []) {
        self.titles = titles
        self.bodies = bodies
    }

    /// The words of `name`, split at spaces and no-break spaces (scalar by scalar: this
    /// runs for every mention).
    static func tokens(_ name: String) -> [String] {
        name.unicodeScalars.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).map { String($0) }
    }

    /// Records a name mention, merging it with an entity it is a form of; `from` is where
    /// the mention's words begin when its role stands before the name.
    mutating func add(name: String, role: String?, affiliation: String?, at offset: Int, from: Int? = nil) {
        if let from, from < offset { openings[offset] = min(openings[offset] ?? from, from) }
        var t = Self.tokens(name)
        let isBody = t.last.map { bodies.contains($0.lowercased()) } ?? false
        while !isBody, t.count > 1, titles.contains(t[0].lowercased()) { t.removeFirst() }
        // "Maryland Gov. Martin O'Malley": a title inside drops what stands before it.
        if !isBody, let i = t.dropLast().lastIndex(where: { titles.contains($0.lowercased()) }) {
            t.removeFirst(i + 1)
        }
        // A body has no title: "Democratic" before "National Committee" is part of its name.
        let role = isBody && role.map({ titles.contains($0.lowercased()) }) == true ? nil : role
        // What is left once the titles are gone must hold a name: "The chief executive"
        // leaves "executive", no one's name.
        guard t.contains(where: { $0.first?.isUppercase == true }) else { return }
        let name = t.joined(separator: " ")
        if let i = match(t, before: nil) {
            if t.count > entities[i].tokens.count {
                entities[i].name = name
                entities[i].tokens = t
                index(i)
            }
            if entities[i].role == nil { entities[i].role = role }
            if entities[i].affiliation == nil { entities[i].affiliation = affiliation }
            entities[i].mentions.append(offset)
            return
        }
        entities.append(Entity(name: name, tokens: t, role: role, affiliation: affiliation, mentions: [offset]))
        index(entities.count - 1)
    }

    private mutating func index(_ i: Int) {
        for token in Set(entities[i].tokens) where byToken[token]?.last != i { byToken[token, default: []].append(i) }
    }

    /// Sorts every entity's mentions and drops repeats; call once all mentions are in.
    mutating func finish() {
        for i in entities.indices {
            entities[i].mentions.sort()
            var unique: [Int] = []
            unique.reserveCapacity(entities[i].mentions.count)
            for m in entities[i].mentions where unique.last != m { unique.append(m) }
            entities[i].mentions = unique
        }
    }

    /// Where the mention of a name at `offset` begins: before the name when a role
    /// stands before it, else the name itself.
    func opening(ofMentionAt offset: Int) -> Int { openings[offset] ?? offset }

    /// The last mention of `entity` at or before `offset`.
    func lastMention(of entity: Entity, atOrBefore offset: Int) -> Int? {
        let i = entity.mentions.lowerBound(of: offset + 1)
        return i > 0 ? entity.mentions[i - 1] : nil
    }

    /// The entity that `tokens` names: one whose name holds them as a contiguous run, or
    /// with the same surname and no conflicting first name. The most recently mentioned
    /// before `offset` wins.
    func match(_ tokens: [String], before offset: Int?) -> Int? {
        struct Score: Comparable {
            let before: Bool
            let position: Int
            static func < (a: Score, b: Score) -> Bool { (a.before ? 1 : 0, a.position) < (b.before ? 1 : 0, b.position) }
        }
        var best: (index: Int, score: Score)?
        var candidates = Set<Int>()
        for token in tokens { candidates.formUnion(byToken[token] ?? []) }
        for i in candidates.sorted() where Self.sameName(tokens, entities[i].tokens) {
            let e = entities[i]
            // Mentioned at or before `offset`: the latest mention wins. Named only after
            // it: below every entity named before, the latest first mention wins.
            let score: Score
            if let last = offset.map({ lastMention(of: e, atOrBefore: $0) }) ?? e.mentions.last {
                score = Score(before: true, position: last)
            } else {
                score = Score(before: false, position: e.mentions.first ?? 0)
            }
            if let b = best, b.score >= score { continue }
            best = (i, score)
        }
        return best?.index
    }

    func entity(_ index: Int) -> Entity { entities[index] }

    static func sameName(_ a: [String], _ b: [String]) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        if containsRun(short, in: long) { return true }
        // Same surname, first names agree: "Hillary Clinton" ~ "Hillary Rodham Clinton".
        return short.count > 1 && short.last == long.last && short.first == long.first
    }

    /// Whether `small` stands in `big` as a contiguous run of words.
    static func containsRun(_ small: [String], in big: [String]) -> Bool {
        guard !small.isEmpty, small.count <= big.count else { return false }
        for i in 0...(big.count - small.count) where big[i..<(i + small.count)].elementsEqual(small) { return true }
        return false
    }
}
