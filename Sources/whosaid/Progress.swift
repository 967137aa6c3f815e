import Foundation

/// A one-line progress report on standard error, shown only when it is a terminal and
/// the run has lasted more than a second.
final class Progress {
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var documents = 0
    private var bytes = 0
    private var drawn = false

    init(enabled: Bool = isatty(2) != 0) { self.enabled = enabled }

    func advance(bytes: Int) {
        documents += 1
        self.bytes += bytes
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(started) > 1, now.timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = now
        let mb = Double(self.bytes) / 1e6
        let rate = mb / max(0.001, now.timeIntervalSince(started))
        let line =
            "whosaid: \(documents) documents, \(String(format: "%.1f", mb)) MB, \(String(format: "%.1f", rate)) MB/s"
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
