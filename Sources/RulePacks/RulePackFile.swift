import Yams

/// One rule file as written, before packs are merged and patterns compiled.
struct RulePackFile {
    struct RawLexicon {
        var lexicon: Lexicon
        var extends: Bool
    }

    struct RawRule {
        let id: String
        let location: RuleLocation
        let enabled: Bool
        let kind: RuleKind?
        let priority: Int
        let description: String
        var source: String?
        var sourceLine: Int
        let caseless: Bool
        let span: ClaimSpan?
        let openEnded: Bool
        let needsAttribution: Bool
        let marks: String?
        let mixedOnly: Bool
        let continues: Bool
        let unnamed: Bool
        let anchors: [String]
        let near: [String]
        let nearWithin: Int
        /// The pattern that must match where an anchor word starts (`at_anchor`), and the
        /// line its text starts on.
        var atAnchor: String? = nil
        var atAnchorLine = 0
        /// At most how many words before its anchor word a match starts (`reach_words`).
        var reachWords: Int? = nil
        let examples: [RuleExample]
    }

    static let formatVersion = 1

    var lexicons: [RawLexicon] = []
    var rules: [RawRule] = []
    /// The language the file is for (`language: en`): it is loaded only with that
    /// language's pack. Nil: with every language's.
    var language: String?

    /// Parses `text`, read from `file`, refusing anything the format does not define.
    init(text: String, file: String) throws(RulePackError) {
        let root: Node?
        do {
            // Every scalar is read as the format says (a string, a number, a flag), so tags
            // are not resolved by pattern (which costs a regex per scalar).
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw RulePackError(RuleLocation(file: file, line: Self.line(of: error)), "not valid YAML: \(error)")
        } catch {
            throw RulePackError(RuleLocation(file: file, line: 1), "not valid YAML: \(error)")
        }
        guard let root else { throw RulePackError(RuleLocation(file: file, line: 1), "the file is empty") }
        let top = try YAMLMapping(root, file: file, what: "a rule file")
        try top.check(
            allowed: ["version", "language", "lexicons", "rules"], required: ["version"], rule: nil, what: "a rule file"
        )
        language = try top.string("language", rule: nil)
        guard let version = try top.int("version", rule: nil), version == Self.formatVersion else {
            throw RulePackError(
                top.loc(of: "version"),
                "unsupported format version (this WhoSaid reads version \(Self.formatVersion))")
        }
        if let node = top.mapping["lexicons"] {
            let lexicons = try YAMLMapping(node, file: file, what: "'lexicons'")
            for (key, value) in lexicons.mapping {
                try self.lexicons.append(Self.lexicon(name: key.string ?? "", node: value, file: file))
            }
        }
        if let node = top.mapping["rules"] {
            guard let list = node.sequence else {
                throw RulePackError(top.loc(node), "'rules' must be a list of rules")
            }
            for item in list { try rules.append(Self.rule(item, file: file)) }
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default: return 1
        }
    }

    private static func lexicon(name: String, node: Node, file: String) throws(RulePackError) -> RawLexicon {
        let m = try YAMLMapping(node, file: file, what: "lexicon '\(name)'")
        guard isIdentifier(name, allowUpper: true) else {
            throw RulePackError(m.location, "lexicon name '\(name)' must be letters, digits and underscores")
        }
        try m.check(
            allowed: ["description", "words", "pattern", "caseless", "extends"], required: [],
            rule: nil, what: "lexicon '\(name)'")
        let words = try m.strings("words", rule: nil)
        let pattern = try m.string("pattern", rule: nil)
        let extends = try m.bool("extends", rule: nil) ?? false
        if words != nil && pattern != nil {
            throw RulePackError(m.location, "lexicon '\(name)' has both 'words' and 'pattern'; give one")
        }
        if words == nil && pattern == nil {
            throw RulePackError(m.location, "lexicon '\(name)' needs 'words' or 'pattern'")
        }
        if extends && words == nil {
            throw RulePackError(m.location, "lexicon '\(name)': 'extends' adds words, so it needs 'words'")
        }
        if !extends && m.mapping["description"] == nil {
            throw RulePackError(m.location, "missing key 'description' in lexicon '\(name)'")
        }
        let lexicon = Lexicon(
            name: name, description: try m.string("description", rule: nil) ?? "",
            words: words ?? [], pattern: pattern,
            caseless: try m.bool("caseless", rule: nil) ?? false, location: m.location)
        return RawLexicon(lexicon: lexicon, extends: extends)
    }

    private static let ruleKeys: Set<String> = [
        "id", "kind", "priority", "description", "pattern", "enabled",
        "caseless", "span", "open_ended", "needs_attribution", "marks", "mixed_only", "continues", "unnamed", "anchor", "near", "near_within", "at_anchor", "reach_words",
        "examples",
    ]

    private static func rule(_ node: Node, file: String) throws(RulePackError) -> RawRule {
        let m = try YAMLMapping(node, file: file, what: "a rule")
        let id = try m.string("id", rule: nil)
        let enabled = try m.bool("enabled", rule: id) ?? true
        // A rule that only switches a default rule off needs nothing but its id.
        let required: Set<String> = enabled ? ["id", "kind", "description", "pattern"] : ["id"]
        try m.check(allowed: ruleKeys, required: required, rule: id, what: "a rule")
        guard let ruleID = id else { throw RulePackError(m.location, "a rule needs an id") }
        guard isIdentifier(ruleID, allowUpper: false) else {
            throw RulePackError(m.location, rule: ruleID, "rule ids are lower-case letters, digits and underscores")
        }
        var kind: RuleKind?
        if let name = try m.string("kind", rule: ruleID) {
            guard let k = RuleKind(rawValue: name) else {
                let known = RuleKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw RulePackError(
                    m.loc(of: "kind"), rule: ruleID, "unknown kind '\(name)' (known kinds: \(known))")
            }
            kind = k
        }
        var span: ClaimSpan?
        if let name = try m.string("span", rule: ruleID) {
            guard kind == .claim else {
                throw RulePackError(m.loc(of: "span"), rule: ruleID, "'span' applies to claim rules only")
            }
            guard let s = ClaimSpan(rawValue: name) else {
                throw RulePackError(
                    m.loc(of: "span"), rule: ruleID, "'span' must be 'after', 'before' or 'previous', not '\(name)'")
            }
            span = s
        }
        let openEnded = try m.bool("open_ended", rule: ruleID) ?? false
        if openEnded && kind != .quote {
            throw RulePackError(
                m.loc(of: "open_ended"), rule: ruleID, "'open_ended' applies to quote rules only")
        }
        let needsAttribution = try m.bool("needs_attribution", rule: ruleID) ?? false
        if needsAttribution && kind != .quote {
            throw RulePackError(
                m.loc(of: "needs_attribution"), rule: ruleID, "'needs_attribution' applies to quote rules only")
        }
        let marks = try m.string("marks", rule: ruleID)
        if marks != nil && kind != .quote {
            throw RulePackError(m.loc(of: "marks"), rule: ruleID, "'marks' applies to quote rules only")
        }
        let continues = try m.bool("continues", rule: ruleID) ?? false
        if continues && kind != .claim {
            throw RulePackError(m.loc(of: "continues"), rule: ruleID, "'continues' applies to claim rules only")
        }
        let unnamed = try m.bool("unnamed", rule: ruleID) ?? false
        if unnamed && kind != .claim {
            throw RulePackError(m.loc(of: "unnamed"), rule: ruleID, "'unnamed' applies to claim rules only")
        }
        let mixedOnly = try m.bool("mixed_only", rule: ruleID) ?? false
        if mixedOnly && kind != .claim {
            throw RulePackError(
                m.loc(of: "mixed_only"), rule: ruleID, "'mixed_only' applies to claim rules only")
        }
        var anchors: [String] = []
        if let node = m.mapping["anchor"] {
            if let one = node.scalar {
                anchors = [one.string]
            } else {
                anchors = try m.strings("anchor", rule: ruleID) ?? []
            }
            if kind == .quote || kind == .sentence || kind == .clause {
                throw RulePackError(
                    m.loc(node), rule: ruleID, "'anchor' applies to mention, attribution and claim rules")
            }
        }
        var near: [String] = []
        if let node = m.mapping["near"] {
            if let one = node.scalar { near = [one.string] } else { near = try m.strings("near", rule: ruleID) ?? [] }
            if anchors.isEmpty {
                throw RulePackError(m.loc(node), rule: ruleID, "'near' narrows an 'anchor', so it needs one")
            }
        }
        let nearWithin = try m.int("near_within", rule: ruleID) ?? Rule.nearDistance
        if m.mapping["near_within"] != nil {
            guard !near.isEmpty else {
                throw RulePackError(m.loc(of: "near_within"), rule: ruleID, "'near_within' bounds a 'near', so it needs one")
            }
            guard nearWithin > 0 else {
                throw RulePackError(m.loc(of: "near_within"), rule: ruleID, "'near_within' is a number of bytes above 0")
            }
        }
        let atAnchor = try m.string("at_anchor", rule: ruleID).map(trimmingTrailingBlanks)
        if atAnchor != nil && anchors.isEmpty {
            throw RulePackError(m.loc(of: "at_anchor"), rule: ruleID, "'at_anchor' is matched where an 'anchor' word starts, so it needs one")
        }
        let reachWords = try m.int("reach_words", rule: ruleID)
        if let reachWords {
            guard !anchors.isEmpty else {
                throw RulePackError(m.loc(of: "reach_words"), rule: ruleID, "'reach_words' counts back from an 'anchor' word, so it needs one")
            }
            guard reachWords >= 0 else {
                throw RulePackError(m.loc(of: "reach_words"), rule: ruleID, "'reach_words' is a number of words, 0 or more")
            }
        }
        return RawRule(
            id: ruleID, location: m.location, enabled: enabled, kind: kind,
            priority: try m.int("priority", rule: ruleID) ?? 100,
            description: try m.string("description", rule: ruleID) ?? "",
            source: try m.string("pattern", rule: ruleID).map(trimmingTrailingBlanks),
            sourceLine: m.contentLine("pattern"),
            caseless: try m.bool("caseless", rule: ruleID) ?? false, span: span, openEnded: openEnded,
            needsAttribution: needsAttribution, marks: marks, mixedOnly: mixedOnly, continues: continues, unnamed: unnamed,
            anchors: anchors, near: near, nearWithin: nearWithin,
            atAnchor: atAnchor, atAnchorLine: m.contentLine("at_anchor"), reachWords: reachWords,
            examples: try examples(m, rule: ruleID))
    }

    private static func examples(_ rule: YAMLMapping, rule id: String) throws(RulePackError) -> [RuleExample] {
        guard let node = rule.mapping["examples"] else { return [] }
        let m = try YAMLMapping(node, file: rule.file, what: "'examples'", rule: id)
        try m.check(allowed: ["match", "no_match"], required: [], rule: id, what: "'examples'")
        var result: [RuleExample] = []
        for (key, shouldMatch) in [("match", true), ("no_match", false)] {
            guard let list = m.mapping[key] else { continue }
            guard let items = list.sequence else {
                throw RulePackError(m.loc(list), rule: id, "'\(key)' must be a list of examples")
            }
            for item in items {
                let location = m.loc(item)
                if let text = item.scalar?.string {
                    result.append(RuleExample(text: text, captures: [], shouldMatch: shouldMatch, location: location))
                    continue
                }
                let e = try YAMLMapping(item, file: rule.file, what: "an example", rule: id)
                try e.check(allowed: ["text", "captures"], required: ["text"], rule: id, what: "an example")
                var captures: [(String, String)] = []
                if let c = e.mapping["captures"] {
                    if !shouldMatch {
                        throw RulePackError(e.loc(c), rule: id, "a no_match example cannot expect captures")
                    }
                    let cm = try YAMLMapping(c, file: rule.file, what: "'captures'", rule: id)
                    for (group, value) in cm.mapping {
                        guard let g = group.string, let v = value.scalar?.string else {
                            throw RulePackError(cm.loc(value), rule: id, "captures map group names to text")
                        }
                        captures.append((g, v))
                    }
                }
                guard let text = try e.string("text", rule: id) else {
                    throw RulePackError(location, rule: id, "an example needs a 'text'")
                }
                result.append(
                    RuleExample(
                        text: text, captures: captures,
                        shouldMatch: shouldMatch, location: location))
            }
        }
        return result
    }
}

/// `[a-z_][a-z0-9_]*`, with upper case letters too when `allowUpper`.
func isIdentifier(_ name: String, allowUpper: Bool) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy { c in
        ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "_" || (allowUpper && ("A"..."Z").contains(c))
    }
}

/// A block scalar keeps its final line break; a pattern does not need it.
func trimmingTrailingBlanks(_ text: String) -> String {
    var t = Substring(text)
    while let last = t.last, last == "\n" || last == " " || last == "\t" || last == "\r\n" { t = t.dropLast() }
    return String(t)
}
