import Foundation

/// A test hook: `WHOSAID_FAILPOINT=trap@ID` makes the engine trap when it starts the
/// document whose id is `ID`, so tests can show that one dead document costs no other
/// document its rows.
enum FailPoint {
    /// The document id to trap on, read once from the environment.
    static let trapID: String? = {
        guard let value = ProcessInfo.processInfo.environment["WHOSAID_FAILPOINT"], value.hasPrefix("trap@") else {
            return nil
        }
        return String(value.dropFirst("trap@".count))
    }()

    static func check(_ id: String) {
        if let trapID, trapID == id { fatalError("WHOSAID_FAILPOINT: trap on document \(id)") }
    }
}
