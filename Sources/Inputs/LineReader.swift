import Foundation

/// The lines of a file or of standard input, read in blocks, so that a JSON Lines corpus
/// of any size is read with memory bounded by its longest line.
public struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var done = false
    private let blockSize: Int

    /// Opens `path`, or standard input for `-`; nil when the file cannot be opened.
    public init?(path: String, blockSize: Int = 1 << 20) {
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: path) else { return nil }
            handle = h
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
            let block = handle.readData(ofLength: blockSize)
            if block.isEmpty { done = true } else { buffer.append(contentsOf: block) }
        }
    }
}
