import Foundation

/// A test hook: `WHOSAID_FAILPOINT=trap@ID` makes the engine trap when it starts the
/// document whose id is `ID`, and `trap-late@ID` once that document's first batch of
/// rows has left (see ``Extractor/rowBatch``), so tests can show that one dead document
/// costs no other document its rows and leaves none of its own.
enum FailPoint {
    /// The document id to trap on and whether to trap late, read once from the environment.
    static let trap: (id: String, late: Bool)? = {
        let value = ProcessInfo.processInfo.environment["WHOSAID_FAILPOINT"] ?? ""
        for (prefix, late) in [("trap@", false), ("trap-late@", true)] where value.hasPrefix(prefix) {
            return (String(value.dropFirst(prefix.count)), late)
        }
        return nil
    }()

    /// Traps when the engine starts document `id` (`late`: after its first rows left).
    static func check(_ id: String, late: Bool = false) {
        if let trap, trap.id == id, trap.late == late {
            fatalError("WHOSAID_FAILPOINT: trap on document \(id)")
        }
    }
}
