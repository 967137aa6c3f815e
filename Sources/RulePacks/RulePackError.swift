/// A rule pack that cannot be loaded, with the file, the line and, where there is one,
/// the rule; rendered the way a compiler would.
///
/// ```
/// Patterns/attribution.yaml:12: rule quote_said_name: PCRE2 compile error 114: missing closing parenthesis
///     (?<quote>(?&quote)) \s* (?<cue>said
///                                        ^
/// ```
public struct RulePackError: Error, CustomStringConvertible, Sendable {
    public let location: RuleLocation
    public let ruleID: String?
    public let message: String
    /// The pattern line and a caret under the failing byte, for compile errors.
    public let excerpt: String?

    public init(_ location: RuleLocation, rule: String? = nil, _ message: String, excerpt: String? = nil) {
        self.location = location
        self.ruleID = rule
        self.message = message
        self.excerpt = excerpt
    }

    public var description: String {
        var text = "\(location):"
        if let ruleID { text += " rule \(ruleID):" }
        text += " \(message)"
        if let excerpt { text += "\n" + excerpt }
        return text
    }
}

/// Several load errors at once, so a user fixes a pack in one pass.
public struct RulePackErrors: Error, CustomStringConvertible, Sendable {
    public let errors: [RulePackError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }

    public init(errors: [RulePackError]) { self.errors = errors }
}
