import Foundation

/// A one-line progress report on standard error, shown only when it is a terminal and
/// the run has lasted more than a second (or always, with `WHOSAID_PROGRESS=1`, for logs
/// and tests): documents done (of how many files), the share
/// of the input read when its size is known, the rate and the time left; then a closing
/// line with what the run did.
final class Progress {
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var documents = 0
    private var rows = 0
    private var skipped = 0
    private var bytes = 0
    private var drawn = false
    /// The size of the input files, when they are all files (not standard input).
    private let totalBytes: Int?
    private let files: Int

    /// Shown from the first document on, not after a second.
    private let eager: Bool

    init(paths: [String], enabled: Bool = isatty(2) != 0) {
        eager = ProcessInfo.processInfo.environment["WHOSAID_PROGRESS"] == "1"
        self.enabled = enabled || eager
        let expanded = paths.isEmpty ? [] : paths
        files = expanded.count
        if expanded.isEmpty || expanded.contains("-") {
            totalBytes = nil
        } else {
            totalBytes = expanded.reduce(0) { sum, path in
                sum + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
            }
        }
    }

    func advance(bytes: Int, rows: Int, failed: Bool) {
        documents += 1
        self.rows += rows
        if failed { skipped += 1 }
        self.bytes += bytes
        guard enabled else { return }
        let now = Date()
        let elapsed = now.timeIntervalSince(started)
        guard eager || (elapsed > 1 && now.timeIntervalSince(lastDraw) > 0.2) else { return }
        lastDraw = now
        let rate = Double(self.bytes) / 1e6 / max(0.001, elapsed)
        var line = "whosaid: \(documents) documents"
        if files > 1 { line += " of \(files) files" }
        line += ", \(String(format: "%.1f", Double(self.bytes) / 1e6)) MB"
        if let totalBytes, totalBytes > 0 {
            let share = min(0.99, Double(self.bytes) / Double(totalBytes))
            let left = elapsed / max(share, 0.001) - elapsed
            line += " (\(Int(share * 100)) %), \(String(format: "%.1f", rate)) MB/s, about \(Int(left.rounded())) s left"
        } else {
            line += ", \(String(format: "%.1f", rate)) MB/s"
        }
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        drawn = true
    }

    /// Clears the line and, on a terminal, says what the run did.
    func finish() {
        guard enabled else { return }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        guard drawn else { return }
        let seconds = Date().timeIntervalSince(started)
        let line =
            "whosaid: \(documents) documents, \(rows) rows, \(skipped) skipped, \(String(format: "%.1f", Double(bytes) / 1e6)) MB in \(String(format: "%.1f", seconds)) s\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
