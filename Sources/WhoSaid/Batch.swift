import Foundation
import PCRE2

/// Runs the extractor over many documents on several threads, handing results back in
/// input order, a chunk at a time, so memory is bounded by a chunk and not the corpus.
public struct Batch {
    public let extractor: Extractor
    /// Worker threads; 1 runs on the calling thread.
    public let jobs: Int
    /// Documents read ahead and processed together.
    public let chunkSize: Int
    public var profiling = false
    /// One scratch per worker, reused across chunks.
    private let scratches: Scratches

    public init(
        extractor: Extractor, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, chunkSize: Int = 0,
        limits: MatchLimits = .default
    ) {
        self.extractor = extractor
        self.jobs = max(1, jobs)
        self.chunkSize = chunkSize > 0 ? chunkSize : max(1, jobs) * 16
        scratches = Scratches(all: (0..<max(1, jobs)).map { _ in MatchScratch(limits: limits) })
    }

    /// Extracts every document of `items` (nil for an item that has no document, such as
    /// a record that could not be read) and calls `emit` with each item and its result
    /// in input order.
    public func run<S: Sequence>(
        _ items: S, document: (S.Element) -> Document?,
        emit: (S.Element, ExtractionResult?) throws -> Void
    ) rethrows {
        var chunk: [(S.Element, Document?)] = []
        chunk.reserveCapacity(chunkSize)
        for item in items {
            chunk.append((item, document(item)))
            if chunk.count == chunkSize {
                try flush(chunk, emit)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try flush(chunk, emit)
    }

    private func flush<T>(_ chunk: [(T, Document?)], _ emit: (T, ExtractionResult?) throws -> Void) rethrows {
        guard !chunk.isEmpty else { return }
        let documents = chunk.map(\.1)
        let results = Slots<ExtractionResult>(count: chunk.count)
        let (extractor, scratches, profiling) = (self.extractor, self.scratches, self.profiling)
        if jobs == 1 || chunk.count == 1 {
            for (i, document) in documents.enumerated() {
                if let document {
                    results[i] = extractor.extract(document, scratch: scratches[0], profiling: profiling)
                }
            }
        } else {
            let next = Slots<Int>(count: 1)
            next[0] = 0
            DispatchQueue.concurrentPerform(iterations: min(jobs, chunk.count)) { worker in
                while let i = next.take(below: documents.count) {
                    if let document = documents[i] {
                        results[i] = extractor.extract(document, scratch: scratches[worker], profiling: profiling)
                    }
                }
            }
        }
        for (i, item) in chunk.enumerated() { try emit(item.0, results[i]) }
    }
}

/// The workers' scratches. Sendable because worker k only ever touches scratch k.
private struct Scratches: @unchecked Sendable {
    let all: [MatchScratch]
    subscript(worker: Int) -> MatchScratch { all[worker] }
}

/// Slots written by several threads, each to its own index, under a lock.
private final class Slots<T>: @unchecked Sendable {
    private var values: [T?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    subscript(index: Int) -> T? {
        get { lock.withLock { values[index] } }
        set { lock.withLock { values[index] = newValue } }
    }

    /// Hands out 0, 1, 2, … below `limit` (slot 0 holds the counter), then nil.
    func take(below limit: Int) -> Int? where T == Int {
        lock.withLock {
            let n = values[0]!
            guard n < limit else { return nil }
            values[0] = n + 1
            return n
        }
    }
}
