import WhoSaid

/// A value in an output row.
enum FieldValue {
    case string(String?)
    case int(Int?)
    case bool(Bool)
}

/// The output contract's fields, in their fixed order, shared by every reporter.
enum Fields {
    static let names = [
        "id", "type", "text", "start", "end", "byte_start", "byte_end", "speaker",
        "speaker_mention", "speaker_start", "speaker_end", "role", "affiliation", "cue", "via",
        "anonymous", "rule", "paragraph",
    ]

    static func values(_ q: Quote) -> [FieldValue] {
        [
            .string(q.id), .string(q.type.rawValue), .string(q.text), .int(q.start), .int(q.end), .int(q.byteStart),
            .int(q.byteEnd), .string(q.speaker), .string(q.speakerMention), .int(q.speakerStart), .int(q.speakerEnd),
            .string(q.role), .string(q.affiliation), .string(q.cue), .string(q.via.rawValue), .bool(q.anonymous),
            .string(q.rule), .int(q.paragraph),
        ]
    }
}
