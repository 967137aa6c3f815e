import Foundation
import PCRE2

/// What runs the pipeline for a ``Batch``: in this process (``InProcessEngine``), or in
/// worker processes that a supervisor restarts when one dies.
public protocol Engine: Sendable {
    /// Extracts `documents` (nil: nothing to extract) on up to `workers` workers at once;
    /// the results in input order.
    func extract(_ documents: [Document?], workers: Int, profiling: Bool) -> [ExtractionResult?]
}

/// The extractor on threads of this process, each worker with its own scratch.
public final class InProcessEngine: Engine, @unchecked Sendable {
    // Unchecked: worker k only ever touches scratch k.
    public let extractor: Extractor
    private let scratches: [MatchScratch]

    public init(extractor: Extractor, workers: Int, limits: MatchLimits = .default) {
        self.extractor = extractor
        scratches = (0..<max(1, workers)).map { _ in MatchScratch(limits: limits) }
    }

    public func extract(_ documents: [Document?], workers: Int, profiling: Bool) -> [ExtractionResult?] {
        let results = Slots<ExtractionResult>(count: documents.count)
        let next = Counter()
        let threads = max(1, min(workers, scratches.count, documents.count))
        let work: @Sendable (Int) -> Void = { [self] worker in
            while let i = next.take(below: documents.count) {
                if let document = documents[i] {
                    results[i] = extractor.extract(document, scratch: scratches[worker], profiling: profiling)
                }
            }
        }
        if threads == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: work) }
        return results.values
    }
}

/// Runs an engine over many documents on several threads, handing results back in input
/// order, a chunk at a time, so memory is bounded by a chunk and not the corpus.
public struct Batch {
    public let engine: any Engine
    /// Worker threads; 1 runs on the calling thread.
    public let jobs: Int
    /// Documents read ahead and processed together.
    public let chunkSize: Int
    public var profiling = false

    public init(engine: any Engine, jobs: Int, chunkSize: Int = 0) {
        self.engine = engine
        self.jobs = max(1, jobs)
        self.chunkSize = chunkSize > 0 ? chunkSize : max(1, jobs) * 16
    }

    /// The extractor in this process.
    public init(
        extractor: Extractor, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, chunkSize: Int = 0,
        limits: MatchLimits = .default
    ) {
        self.init(
            engine: InProcessEngine(extractor: extractor, workers: jobs, limits: limits), jobs: jobs,
            chunkSize: chunkSize)
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
        let results = engine.extract(chunk.map(\.1), workers: jobs, profiling: profiling)
        for (i, item) in chunk.enumerated() { try emit(item.0, results[i]) }
    }
}

/// Slots written by several threads, each to its own index, under a lock.
public final class Slots<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    public init(count: Int) { storage = Array(repeating: nil, count: count) }

    public subscript(index: Int) -> T? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    /// Every slot, once the writers are done.
    public var values: [T?] { lock.withLock { storage } }
}

/// Hands out 0, 1, 2, … to several threads.
public final class Counter: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    public init() {}

    /// The next number below `limit`, or nil when they are all taken.
    public func take(below limit: Int) -> Int? {
        lock.withLock {
            guard next < limit else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
