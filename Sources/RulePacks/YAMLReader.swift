import Yams

/// Strict reading of one YAML mapping: every key must be known, required keys present,
/// and each value of the expected shape. Errors name the file and line.
struct YAMLMapping {
    let node: Node
    let mapping: Node.Mapping
    let file: String
    var line: Int { node.mark?.line ?? 1 }
    var location: RuleLocation { RuleLocation(file: file, line: line) }

    init(_ node: Node, file: String, what: String, rule: String? = nil) throws(RulePackError) {
        guard let mapping = node.mapping else {
            throw RulePackError(
                RuleLocation(file: file, line: node.mark?.line ?? 1), rule: rule,
                "\(what) must be a mapping of keys to values")
        }
        self.node = node
        self.mapping = mapping
        self.file = file
    }

    func check(allowed: Set<String>, required: Set<String>, rule: String?, what: String) throws(RulePackError) {
        var seen = Set<String>()
        for (key, _) in mapping {
            let name = key.string ?? "?"
            if !allowed.contains(name) {
                let known = allowed.sorted().joined(separator: ", ")
                throw RulePackError(loc(key), rule: rule, "unknown key '\(name)' in \(what) (known keys: \(known))")
            }
            if !seen.insert(name).inserted {
                throw RulePackError(loc(key), rule: rule, "key '\(name)' appears twice in \(what)")
            }
        }
        for name in required.sorted() where mapping[name] == nil {
            throw RulePackError(location, rule: rule, "missing key '\(name)' in \(what)")
        }
    }

    func loc(_ node: Node) -> RuleLocation { RuleLocation(file: file, line: node.mark?.line ?? line) }

    /// Where the value of `key` stands, or the mapping itself when it has no such key.
    func loc(of key: String) -> RuleLocation { mapping[key].map(loc) ?? location }

    func string(_ key: String, rule: String?) throws(RulePackError) -> String? {
        guard let value = mapping[key] else { return nil }
        guard let scalar = value.scalar else {
            throw RulePackError(loc(value), rule: rule, "'\(key)' must be text")
        }
        return scalar.string
    }

    func int(_ key: String, rule: String?) throws(RulePackError) -> Int? {
        guard let text = try string(key, rule: rule) else { return nil }
        guard let value = Int(text) else {
            throw RulePackError(loc(of: key), rule: rule, "'\(key)' must be a whole number, not '\(text)'")
        }
        return value
    }

    func bool(_ key: String, rule: String?) throws(RulePackError) -> Bool? {
        guard let text = try string(key, rule: rule) else { return nil }
        switch text {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            throw RulePackError(loc(of: key), rule: rule, "'\(key)' must be true or false, not '\(text)'")
        }
    }

    func strings(_ key: String, rule: String?) throws(RulePackError) -> [String]? {
        guard let value = mapping[key] else { return nil }
        guard let sequence = value.sequence else {
            throw RulePackError(loc(value), rule: rule, "'\(key)' must be a list")
        }
        var result: [String] = []
        for item in sequence {
            guard let s = item.scalar?.string else {
                throw RulePackError(loc(item), rule: rule, "each entry of '\(key)' must be text")
            }
            result.append(s)
        }
        return result
    }

    /// The line where a scalar's text starts: block scalars (`|`, `>`) start on the next line.
    func contentLine(_ key: String) -> Int {
        guard let value = mapping[key], let scalar = value.scalar else { return line }
        let base = value.mark?.line ?? line
        switch scalar.style {
        case .literal, .folded: return base + 1
        default: return base
        }
    }
}
