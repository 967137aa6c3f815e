import Foundation

enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Buffered standard output; a closed pipe (`| head`) ends the program quietly.
    final class Output {
        private var buffer: [UInt8] = []

        init() { signal(SIGPIPE, SIG_IGN) }

        func write(_ text: String) {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= 1 << 16 { flush() }
        }

        func flush() {
            var offset = 0
            while offset < buffer.count {
                let n = buffer[offset...].withUnsafeBytes { Foundation.write(1, $0.baseAddress, $0.count) }
                if n <= 0 {
                    if errno == EINTR { continue }
                    exit(0)  // EPIPE: the reader went away
                }
                offset += n
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
