import Foundation
import PCRE2

/// The rules and lexicons of the default pack and any user packs, merged and compiled.
///
/// Packs are applied in order: a later pack's rule with an existing id replaces it
/// (`enabled: false` removes it), and a later lexicon of the same name replaces the
/// earlier one or, with `extends: true`, adds its words to it.
public struct RuleSet: Sendable {
    /// Every enabled rule, ordered by kind, then priority, then load order.
    public let rules: [Rule]
    public let lexicons: [String: Lexicon]
    /// A pattern for each pattern lexicon that some rule names as its anchor.
    public let anchorPatterns: [String: Pattern]
    /// One scan for all word-list anchors at once, with the lexicons each word belongs to.
    public let anchorWords: AnchorWords?
    /// The large lexicons each anchor pattern looks up.
    public let anchorLookups: [String: LargeLexicons]

    /// The rules of each kind, in the order they run.
    private let byKind: [RuleKind: [Rule]]

    /// The rules of one kind, in the order they run.
    public func rules(_ kind: RuleKind) -> [Rule] { byKind[kind] ?? [] }

    /// The words of a lexicon, or an empty list when the packs do not define it.
    public func words(_ lexicon: String) -> [String] { lexicons[lexicon]?.words ?? [] }

    /// Loads every `*.yaml` file of each directory, in name order, directories in order.
    ///
    /// - Throws: ``RulePackErrors`` listing every problem found, each with file and line.
    /// A file that names a language (`language: en`) is loaded only when `language` is that
    /// language.
    public static func load(directories: [String], language: String? = nil) throws -> RuleSet {
        var packs: [(String, [RulePackFile])] = []
        var errors: [RulePackError] = []
        for directory in directories {
            var files: [RulePackFile] = []
            for path in try yamlFiles(in: directory) {
                do {
                    guard let data = FileManager.default.contents(atPath: path),
                        let text = String(data: data, encoding: .utf8)
                    else {
                        throw RulePackError(RuleLocation(file: path, line: 1), "cannot read the file as UTF-8 text")
                    }
                    let file = try RulePackFile(text: text, file: path)
                    if file.language == nil || language == nil || file.language == language { files.append(file) }
                } catch let error as RulePackError {
                    errors.append(error)
                }
            }
            packs.append((directory, files))
        }
        if !errors.isEmpty { throw RulePackErrors(errors: errors) }
        return try RuleSet(packs: packs.map(\.1))
    }

    /// Loads rule files given as text, for tests: `[(file name, YAML)]` per pack.
    public static func load(texts packs: [[(String, String)]]) throws -> RuleSet {
        var errors: [RulePackError] = []
        var parsed: [[RulePackFile]] = []
        for pack in packs {
            var files: [RulePackFile] = []
            for (name, text) in pack {
                do { files.append(try RulePackFile(text: text, file: name)) } catch { errors.append(error) }
            }
            parsed.append(files)
        }
        if !errors.isEmpty { throw RulePackErrors(errors: errors) }
        return try RuleSet(packs: parsed)
    }

    private static func yamlFiles(in directory: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RulePackErrors(errors: [
                RulePackError(RuleLocation(file: directory, line: 0), "no such rule pack directory")
            ])
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }

    private init(packs: [[RulePackFile]]) throws {
        var errors: [RulePackError] = []
        var lexicons: [String: Lexicon] = [:]
        var rules: [RulePackFile.RawRule] = []
        for (packIndex, pack) in packs.enumerated() {
            var lexiconsHere: [String: RuleLocation] = [:]
            var idsHere: [String: RuleLocation] = [:]
            for file in pack {
                for raw in file.lexicons {
                    let name = raw.lexicon.name
                    if let first = lexiconsHere.updateValue(raw.lexicon.location, forKey: name) {
                        errors.append(
                            RulePackError(raw.lexicon.location, "lexicon '\(name)' is already defined at \(first)"))
                        continue
                    }
                    if raw.extends {
                        guard var extended = lexicons[name] else {
                            errors.append(
                                RulePackError(
                                    raw.lexicon.location,
                                    "lexicon '\(name)' extends a lexicon that no earlier pack defines"))
                            continue
                        }
                        extended.extend(with: raw.lexicon.words)
                        lexicons[name] = extended
                    } else {
                        lexicons[name] = raw.lexicon
                    }
                }
                for raw in file.rules {
                    if let first = idsHere.updateValue(raw.location, forKey: raw.id) {
                        errors.append(
                            RulePackError(raw.location, rule: raw.id, "duplicate rule id (first defined at \(first))"))
                        continue
                    }
                    if let index = rules.firstIndex(where: { $0.id == raw.id }) {
                        rules.remove(at: index)
                    } else if !raw.enabled && packIndex > 0 {
                        errors.append(
                            RulePackError(
                                raw.location, rule: raw.id, "'enabled: false' names a rule that no earlier pack defines"
                            ))
                        continue
                    }
                    if raw.enabled { rules.append(raw) }
                }
            }
        }
        // A lexicon named like a capture group would shadow that group inside the
        // pattern, and (?&name) would call the group itself.
        let reserved = Set(RuleKind.allCases.flatMap(\.allowedGroups))
        for (name, lexicon) in lexicons where reserved.contains(name) {
            errors.append(
                RulePackError(lexicon.location, "lexicon '\(name)' has the name of a capture group; rename it"))
        }
        let kindOrder = Dictionary(uniqueKeysWithValues: RuleKind.allCases.enumerated().map { ($1, $0) })
        var compiled: [Rule] = []
        let inlining = LexiconInlining(lexicons: lexicons)
        for raw in rules {
            do { compiled.append(try Self.compile(raw, lexicons: lexicons, inlining: inlining)) } catch {
                errors.append(error)
            }
        }
        var anchorPatterns: [String: Pattern] = [:]
        var anchorLookups: [String: LargeLexicons] = [:]
        let anchorNames = Set(compiled.flatMap { $0.anchors + $0.near })
        // Every anchor names a defined lexicon: compile(_:lexicons:) refused the rule otherwise.
        for name in anchorNames {
            guard let lexicon = lexicons[name], lexicon.pattern != nil || lexicon.isLarge else { continue }
            let raw = RulePackFile.RawRule(
                id: "anchor_\(name)", location: lexicon.location, enabled: true,
                kind: .claim, priority: 0, description: "", source: "(?&\(name))",
                sourceLine: lexicon.location.line, caseless: false, span: .after,
                openEnded: false, needsAttribution: false, marks: nil, mixedOnly: false, continues: false, unnamed: false, anchors: [],
                near: [], nearWithin: Rule.nearDistance, examples: [])
            do {
                let (pattern, lookups) = try Self.compilePattern(raw, lexicons: lexicons, inlining: inlining)
                anchorPatterns[name] = pattern
                anchorLookups[name] = lookups
            } catch { errors.append(error) }
        }
        let wordLists = anchorNames.compactMap { lexicons[$0] }.filter { $0.pattern == nil && !$0.isLarge }
        do {
            anchorWords = wordLists.isEmpty ? nil : try AnchorWords(wordLists)
        } catch {
            anchorWords = nil
            errors.append(RulePackError(wordLists[0].location, "anchor words do not compile: \(error)"))
        }
        self.anchorPatterns = anchorPatterns
        self.anchorLookups = anchorLookups
        if !errors.isEmpty { throw RulePackErrors(errors: errors) }
        // Stable: equal kind and priority keep load order.
        self.rules = compiled.enumerated().sorted { a, b in
            let ka = kindOrder[a.element.kind, default: Int.max], kb = kindOrder[b.element.kind, default: Int.max]
            if ka != kb { return ka < kb }
            if a.element.priority != b.element.priority { return a.element.priority < b.element.priority }
            return a.offset < b.offset
        }.map(\.element)
        self.lexicons = lexicons
        self.byKind = Dictionary(grouping: self.rules, by: \.kind)
    }

    /// Names called as `(?&name)` in a pattern.
    static func calls(in source: String) -> [String] {
        var names: [String] = []
        forEachCall(in: Array(source.utf8)) { names.append($1) }
        return names
    }

    /// Calls `body` with the byte range and the name of every `(?&name)` in a pattern's
    /// UTF-8 `bytes` that calls a lexicon, in order. `(?&_name)` calls the pattern's own
    /// group, not a lexicon. Byte by byte: a rule's pattern with its lexicons runs to tens
    /// of kilobytes.
    static func forEachCall(in bytes: [UInt8], _ body: (Range<Int>, String) -> Void) {
        var i = 0
        while i + 3 < bytes.count {
            guard bytes[i] == UInt8(ascii: "("), bytes[i + 1] == UInt8(ascii: "?"), bytes[i + 2] == UInt8(ascii: "&")
            else {
                i += 1
                continue
            }
            var j = i + 3
            while j < bytes.count, bytes[j] >= 0x80 || bytes[j] == UInt8(ascii: "_") || isASCIILetterOrDigit(bytes[j]) {
                j += 1
            }
            let name = String(decoding: bytes[(i + 3)..<j], as: UTF8.self)
            if j < bytes.count, bytes[j] == UInt8(ascii: ")"), !name.isEmpty, !name.hasPrefix("_"),
                name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            {
                body(i..<(j + 1), name)
            }
            i = j
        }
    }

    private static func isASCIILetterOrDigit(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// Names of the capture groups a pattern defines itself: `(?<name>`, `(?'name'`, `(?P<name>`.
    static func groupNames(in source: String) -> [String] {
        var names: [String] = []
        for opener in ["(?<", "(?'", "(?P<"] {
            var rest = Substring(source)
            while let r = rest.range(of: opener) {
                let tail = rest[r.upperBound...]
                let name = tail.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                let close = tail.dropFirst(name.count).first
                if !name.isEmpty && (close == ">" || close == "'") { names.append(String(name)) }
                rest = tail
            }
        }
        return names
    }

    private static func compile(
        _ raw: RulePackFile.RawRule, lexicons: [String: Lexicon], inlining: LexiconInlining
    ) throws(RulePackError) -> Rule {
        guard let kind = raw.kind, let source = raw.source else {
            throw RulePackError(raw.location, rule: raw.id, "a rule needs a kind and a pattern")
        }
        let groups = Set(groupNames(in: source))
        // A name that starts with '_' is the pattern's own (a group it recurses into, say).
        for name in groups.sorted() where !kind.allowedGroups.contains(name) && !name.hasPrefix("_") {
            let known = kind.allowedGroups.sorted().joined(separator: ", ")
            throw RulePackError(
                raw.location, rule: raw.id,
                "group '\(name)' means nothing to a \(kind.rawValue) rule (known groups: \(known))")
        }
        for name in kind.requiredGroups.sorted() where !groups.contains(name) {
            throw RulePackError(raw.location, rule: raw.id, "a \(kind.rawValue) rule needs a '\(name)' group")
        }
        if kind == .claim && groups.isDisjoint(with: ["speaker", "cue"]) {
            throw RulePackError(raw.location, rule: raw.id, "a claim rule needs a 'speaker' or a 'cue' group")
        }
        if (raw.unnamed || raw.continues) && groups.contains("speaker") {
            throw RulePackError(
                raw.location, rule: raw.id,
                "a '\(raw.unnamed ? "unnamed" : "continues")' clause names no speaker, so it has no 'speaker' group")
        }
        if kind == .claim && !groups.contains("content") && raw.span == nil {
            throw RulePackError(
                raw.location, rule: raw.id, "a claim rule needs a 'content' group or 'span: after|before'")
        }
        for anchor in raw.anchors + raw.near where lexicons[anchor] == nil {
            throw RulePackError(raw.location, rule: raw.id, "anchor lexicon '\(anchor)' is not defined")
        }
        let (pattern, lookups) = try compilePattern(raw, lexicons: lexicons, inlining: inlining)
        var atAnchor: (Pattern, LargeLexicons)?
        if let check = raw.atAnchor {
            var own = raw
            (own.source, own.sourceLine) = (check, raw.atAnchorLine)
            atAnchor = try compilePattern(own, lexicons: lexicons, inlining: inlining)
        }
        return Rule(
            id: raw.id, kind: kind, priority: raw.priority, description: raw.description, source: source,
            pattern: pattern, span: raw.span, openEnded: raw.openEnded, needsAttribution: raw.needsAttribution,
            marks: raw.marks,
            mixedOnly: raw.mixedOnly, continues: raw.continues, unnamed: raw.unnamed,
            anchors: raw.anchors, near: raw.near, nearWithin: raw.nearWithin,
            atAnchor: atAnchor?.0, atAnchorLookups: atAnchor?.1 ?? .none, reachWords: raw.reachWords,
            examples: raw.examples, location: raw.location, groups: groups,
            lookups: lookups, profileKey: "\(raw.id) \(raw.location)")
    }

    /// The rule's pattern with the lexicons it calls, directly or through other
    /// lexicons, in a `(?(DEFINE)…)` block, compiled; small lexicons are written out where
    /// they are called (``LexiconInlining``) unless the rule sets options for the text
    /// after them, which the block before the rule is out of reach of.
    private static func compilePattern(
        _ raw: RulePackFile.RawRule, lexicons: [String: Lexicon], inlining: LexiconInlining
    ) throws(RulePackError) -> (Pattern, LargeLexicons) {
        guard let source = raw.source else { throw RulePackError(raw.location, rule: raw.id, "a rule needs a pattern") }
        // Every lexicon this pattern calls, directly or through other lexicons, exists.
        var seen: Set<String> = []
        var queue = calls(in: source)
        while let name = queue.popLast() {
            guard seen.insert(name).inserted else { continue }
            guard let lexicon = lexicons[name] else {
                throw RulePackError(
                    raw.location, rule: raw.id, "lexicon '\(name)' is called as (?&\(name)) but not defined")
            }
            queue += calls(in: lexicon.pattern ?? "")
        }
        // The rule's masked-quote class names ([:quote:] …) become their bytes here; the
        // lexicons' did when they were read.
        let (expandedSource, original) = MaskBytes.expand(source)
        var options: Pattern.Options = [.extended, .ucp, .useOffsetLimit]
        if raw.caseless { options.insert(.caseless) }
        if !setsOptions(source) {
            let (full, _, needed) = assemble(expandedSource, lexicons: lexicons, inlining: inlining)
            if let pattern = try? Pattern(full, options: options) {
                return (pattern, LargeLexicons(needed, lexicons: lexicons, pattern: pattern))
            }
            // Written out past PCRE2's size limit, say: the calls as written, and any
            // error then with its place in the rule's own text.
        }
        let called = assemble(expandedSource, lexicons: lexicons, inlining: nil)
        do {
            let pattern = try Pattern(called.full, options: options)
            return (pattern, LargeLexicons(called.needed, lexicons: lexicons, pattern: pattern))
        } catch let error as PCRE2Error {
            throw compileError(error, raw: raw, source: source, prefixLength: called.prefixLength, original: original)
        } catch {
            throw RulePackError(raw.location, rule: raw.id, "\(error)")
        }
    }

    /// The pattern PCRE2 compiles for a rule's text: the lexicons it still calls in a
    /// `(?(DEFINE)…)` block first, so that PCRE2's error offsets past them fall in the
    /// rule's own text, where a caret can point; with `inlining`, small lexicons written
    /// out in the text and in the block.
    private static func assemble(
        _ text: String, lexicons: [String: Lexicon], inlining: LexiconInlining?
    ) -> (full: String, prefixLength: Int, needed: [String]) {
        let own = inlining?.expand(text) ?? text
        func body(_ name: String) -> (regex: String, calls: [String])? {
            if let inlining { return inlining.definition(of: name) }
            return lexicons[name].map { ($0.regex, calls(in: $0.regex)) }
        }
        var needed: Set<String> = []
        var queue = calls(in: own)
        while let name = queue.popLast() {
            guard !needed.contains(name), let (_, more) = body(name) else { continue }
            needed.insert(name)
            queue += more
        }
        let names = needed.sorted()
        guard !names.isEmpty else { return (own, 0, names) }
        let prefix = "(?(DEFINE)" + names.compactMap { name in body(name).map { "(?<\(name)>\($0.regex))" } }.joined() + ")"
        return (prefix + own, prefix.utf8.count, names)
    }

    /// Whether a rule's text sets an option for what follows, (?m) or (?i) say, beyond
    /// (?J) for duplicate group names: a lexicon written out after it would match
    /// differently from one called in the block before.
    static func setsOptions(_ source: String) -> Bool {
        var rest = Substring(source)
        while let r = rest.range(of: "(?") {
            let tail = rest[r.upperBound...]
            let letters = tail.prefix { $0.isLetter || $0 == "-" || $0 == "^" }
            if !letters.isEmpty, tail.dropFirst(letters.count).first == ")", letters != "J" { return true }
            rest = tail
        }
        return false
    }

    /// PCRE2's message with the pattern line and a caret under the failing byte.
    private static func compileError(
        _ error: PCRE2Error, raw: RulePackFile.RawRule, source: String,
        prefixLength: Int, original: (Int) -> Int
    ) -> RulePackError {
        let inSource = (error.offset ?? 0) - prefixLength
        let offset = inSource >= 0 ? original(inSource) : inSource
        let bytes = Array(source.utf8)
        let message = "PCRE2 compile error \(error.code): \(error.message)"
        guard offset >= 0 && offset <= bytes.count else {
            return RulePackError(raw.location, rule: raw.id, message + " (in the lexicons the rule calls)")
        }
        let before = bytes[..<offset]
        let lineIndex = before.filter { $0 == UInt8(ascii: "\n") }.count
        let lineStart = (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
        let lineEnd = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count
        let excerpt = "    " + lineText + "\n    " + String(repeating: " ", count: column) + "^"
        return RulePackError(
            RuleLocation(file: raw.location.file, line: raw.sourceLine + lineIndex),
            rule: raw.id, message, excerpt: excerpt)
    }
}
