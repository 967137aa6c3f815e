import Foundation

/// The lines of a file or of standard input, read in blocks, so that a JSON Lines corpus
/// of any size is read with memory bounded by its longest line. Reads return what is
/// available, so a line written to a pipe is delivered without waiting for more.
public struct LineReader: Sequence, IteratorProtocol {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var done = false
    private let blockSize: Int

    /// Opens `path`, or standard input for `-`; nil when the file cannot be opened.
    public init?(path: String, blockSize: Int = 1 << 20) {
        if path == "-" {
            fd = 0
        } else {
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else { return nil }
            fd = opened
        }
        self.blockSize = blockSize
    }

    /// The next line without its line break (a final line without one included).
    public mutating func next() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<newline]
                start = newline + 1
                return line
            }
            if done {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            // Keep the unfinished line, read another block.
            buffer.removeFirst(start)
            start = 0
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: blockSize))
            let n = buffer.withUnsafeMutableBytes { raw in raw.baseAddress.map { read(fd, $0 + old, blockSize) } ?? 0 }
            if n < 0 && errno == EINTR {
                buffer.removeLast(blockSize)
                continue
            }
            buffer.removeLast(blockSize - Swift.max(0, n))
            if n <= 0 {
                done = true
                if fd != 0 { close(fd) }
            }
        }
    }
}
