import ArgumentParser
import Foundation
import PCRE2
import WhoSaid

/// The engine in worker processes, supervised: a document the engine dies on (a trap, a
/// signal) gets a failure of its own, a new worker takes over, and every other document
/// is processed as if nothing had happened. The command's process never runs the
/// pipeline, so no fault in it can cost more than the one document in flight.
///
/// Workers are this same binary, `whosaid engine-worker` with the command's pack and
/// limit options; they talk in ``Frame``s over a pipe each way.
final class SupervisedEngine: Engine, @unchecked Sendable {
    // Unchecked: slot k is only touched by the one thread that runs worker k.
    private let command: [String]
    private let slots: [Slot]

    private final class Slot {
        var process: WorkerProcess?
    }

    /// Starts the first worker and waits until it has loaded the pack, so that a broken
    /// pack is reported once, as the command's own error, before any document is read.
    /// `options`: the command's limit and reading options, as arguments for the workers
    /// (none: the workers' defaults).
    init(workers: Int, pack: PackOptions, options: [String] = []) throws {
        signal(SIGPIPE, SIG_IGN)
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        command =
            [executable, WorkerCommand.configuration.commandName ?? "engine-worker"]
            + pack.arguments + options
        slots = (0..<max(1, workers)).map { _ in Slot() }
        slots[0].process = try Self.start(command)
    }

    deinit {
        for slot in slots { slot.process?.stop() }
    }

    /// A second document is sent ahead (so the worker never waits for the command) only
    /// when its frame fits in a pipe's buffer: then sending it can never wait on a worker
    /// that is itself waiting to hand back a long result.
    static let sendAhead = 60_000

    func extract(_ documents: [Document?], workers: Int, profiling: Bool) -> [ExtractionResult?] {
        let results = Slots<ExtractionResult>(count: documents.count)
        let next = Counter()
        let threads = max(1, min(workers, slots.count, documents.count))
        let work: @Sendable (Int) -> Void = { [self] worker in
            let slot = slots[worker]
            var toSend: [Int] = []  // taken, not yet sent (or to send again to a new worker)
            var inFlight: [Int] = []  // sent to the worker, unanswered, oldest first
            func upcoming() -> Int? {
                if let i = toSend.first { return i }
                while let i = next.take(below: documents.count) {
                    if documents[i] != nil {
                        toSend.append(i)
                        return i
                    }
                }
                return nil
            }
            while true {
                do {
                    while inFlight.count < 2, let i = upcoming(), let document = documents[i] {
                        // Sized before it is built, so that a long document waiting is framed once.
                        if !inFlight.isEmpty && Frame.documentSize(document) > Self.sendAhead { break }
                        try process(slot).send(
                            Frame.document(
                                id: document.id, language: document.language, text: document.text,
                                profiling: profiling))
                        toSend.removeFirst()
                        inFlight.append(i)
                    }
                    guard let oldest = inFlight.first, let document = documents[oldest] else { break }
                    let (reply, earlier) = try process(slot).receive()
                    inFlight.removeFirst()
                    results[oldest] = ExtractionResult(
                        document: document, quotes: reply.quotes, earlier: earlier, profile: reply.profile,
                        warnings: reply.warnings)
                } catch {
                    // The worker died on the oldest document it was given (it answers in
                    // order), or could not be started for the next one: that document
                    // fails, the others go to a new worker.
                    let cause = slot.process?.stop() ?? "\(error)"
                    slot.process = nil
                    if let failed = inFlight.first ?? toSend.first, let document = documents[failed] {
                        results[failed] = ExtractionResult(
                            document: document, quotes: [], failure: "the engine failed on it: \(cause)")
                    }
                    toSend = Array((inFlight + toSend).dropFirst())
                    inFlight = []
                }
            }
        }
        if threads == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: work) }
        return results.values
    }

    /// The slot's worker, started when there is none.
    private func process(_ slot: Slot) throws -> WorkerProcess {
        if let process = slot.process { return process }
        let process = try Self.start(command)
        slot.process = process
        return process
    }

    /// Spawns a worker and waits for its first frame: ready, or the pack's errors.
    private static func start(_ command: [String]) throws -> WorkerProcess {
        let process = try WorkerProcess(command)
        do {
            try process.awaitReady()
        } catch let failure as WorkerFailure {
            _ = process.stop()
            throw ValidationFailure(failure.description)
        }
        return process
    }
}

/// Why a worker gave no answer.
struct WorkerFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One worker process and its two pipes.
final class WorkerProcess {
    let pid: pid_t
    private let input: Int32  // the worker's standard input
    private let output: Int32  // the worker's standard output
    private var stopped = false

    /// Held from making a worker's pipes until they are close-on-exec and the worker is
    /// spawned, so that no worker started by another thread inherits them (a worker whose
    /// pipe another process holds open would never see its end).
    private static let spawning = NSLock()

    init(_ command: [String]) throws {
        Self.spawning.lock()
        defer { Self.spawning.unlock() }
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0 else { throw WorkerFailure("pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0])
            close(toChild[1])
            throw WorkerFailure("pipe: \(String(cString: strerror(errno)))")
        }
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The spawning thread may have signals blocked; the worker starts with none.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var environment = ProcessInfo.processInfo.environment
        // A trap's message reaches standard error either way; the backtrace is noise there.
        if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        close(toChild[0])
        close(fromChild[1])
        guard status == 0 else {
            close(toChild[1])
            close(fromChild[0])
            throw WorkerFailure("cannot start \(command[0]): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        input = toChild[1]
        output = fromChild[0]
    }

    /// Waits for the worker's first frame.
    func awaitReady() throws {
        guard let (kind, payload) = try Frame.read(output) else { throw WorkerFailure(stop()) }
        if kind == Frame.packError { throw WorkerFailure(String(decoding: payload, as: UTF8.self)) }
        guard kind == Frame.ready else { throw WorkerFailure("unexpected frame from the worker") }
    }

    func send(_ frame: [UInt8]) throws {
        try Frame.writeAll(frame, to: input)
    }

    /// The next document's result, and the rows sent ahead of it in partial frames.
    func receive() throws -> (Frame.Result, RowSpill?) {
        var spill: RowSpill?
        while true {
            guard let (kind, payload) = try Frame.read(output), kind == Frame.result || kind == Frame.partial else {
                throw WorkerFailure("the worker stopped answering")
            }
            guard kind == Frame.result else {
                let rows = spill ?? RowSpill()
                try rows.add(payload)
                spill = rows
                continue
            }
            var reader = WireReader(payload)
            return (try Frame.Result(from: &reader), spill)
        }
    }

    /// Ends the worker (closing its input ends it; a worker that does not stop is
    /// killed) and says how it ended.
    @discardableResult
    func stop() -> String {
        guard !stopped else { return "stopped" }
        stopped = true
        close(input)
        close(output)
        var status: Int32 = 0
        var waited = waitpid(pid, &status, WNOHANG)
        if waited == 0 {
            // Give a worker that is still finishing a moment, then kill it.
            for _ in 0..<100 {
                usleep(10_000)
                waited = waitpid(pid, &status, WNOHANG)
                if waited != 0 { break }
            }
            if waited == 0 {
                kill(pid, SIGKILL)
                waited = waitpid(pid, &status, 0)
            }
        }
        guard waited == pid else { return "the worker was lost" }
        return Self.describe(status)
    }

    /// "killed by signal 4 (SIGILL)", "exited with status 1".
    static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        if signal == 0 { return "the worker exited with status \((status >> 8) & 0xff)" }
        let names: [Int32: String] = [
            SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE",
            SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGTERM: "SIGTERM", SIGINT: "SIGINT",
        ]
        return "the worker was killed by signal \(signal)" + (names[signal].map { " (\($0))" } ?? "")
    }
}

/// The frames between the command and its workers: a kind byte, a length (8 bytes,
/// little-endian) and that many bytes.
enum Frame {
    static let ready = UInt8(ascii: "R")
    static let packError = UInt8(ascii: "E")
    static let request = UInt8(ascii: "D")
    static let result = UInt8(ascii: "Q")
    /// Rows of a document still being processed; its result frame follows.
    static let partial = UInt8(ascii: "P")

    /// What a worker sends back for a document.
    struct Result {
        var quotes: [Quote]
        var warnings: [String]
        var profile: [String: RuleStat]?

        init(quotes: [Quote], warnings: [String], profile: [String: RuleStat]?) {
            self.quotes = quotes
            self.warnings = warnings
            self.profile = profile
        }

        /// Quotes field by field (JSON both ways cost a quarter of the throughput);
        /// the profile, rare, as JSON.
        func write(to w: inout WireWriter) throws {
            w.int(quotes.count)
            for q in quotes {
                for s in [q.id, q.type.rawValue, q.text, q.via.rawValue] { w.string(s) }
                for n in [q.start, q.end, q.byteStart, q.byteEnd, q.paragraph, q.anonymous ? 1 : 0] { w.int(n) }
                for s in [q.speaker, q.speakerMention, q.role, q.affiliation, q.cue] { w.optionalString(s) }
                w.optionalInt(q.speakerStart)
                w.optionalInt(q.speakerEnd)
                for s in [q.provenance.rule, q.provenance.quoteRule, q.provenance.step] { w.optionalString(s) }
            }
            w.int(warnings.count)
            for warning in warnings { w.string(warning) }
            w.optionalString(try profile.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) })
        }

        init(from r: inout WireReader) throws {
            quotes = []
            for _ in 0..<(try r.count()) {
                let (id, type, text, via) = (try r.string(), try r.string(), try r.string(), try r.string())
                let (start, end, byteStart, byteEnd, paragraph, anonymous) = (
                    try r.int(), try r.int(), try r.int(), try r.int(), try r.int(), try r.int()
                )
                let (speaker, mention, role, affiliation, cue) = (
                    try r.optionalString(), try r.optionalString(), try r.optionalString(), try r.optionalString(),
                    try r.optionalString()
                )
                let (speakerStart, speakerEnd) = (try r.optionalInt(), try r.optionalInt())
                let provenance = Provenance(
                    rule: try r.optionalString(), quoteRule: try r.optionalString(), step: try r.optionalString())
                guard let type = QuoteType(rawValue: type), let via = Via(rawValue: via) else {
                    throw WorkerFailure("a quote the worker sent cannot be read")
                }
                quotes.append(
                    Quote(
                        id: id, type: type, text: text, start: start, end: end, byteStart: byteStart,
                        byteEnd: byteEnd, speaker: speaker, speakerMention: mention, speakerStart: speakerStart,
                        speakerEnd: speakerEnd, role: role, affiliation: affiliation, cue: cue, via: via,
                        anonymous: anonymous == 1, rule: provenance.column, paragraph: paragraph,
                        provenance: provenance))
            }
            warnings = try (0..<(try r.count())).map { _ in try r.string() }
            profile = try r.optionalString().map {
                try JSONDecoder().decode([String: RuleStat].self, from: Data($0.utf8))
            }
        }
    }

    static func frame(_ kind: UInt8, _ payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [kind]
        bytes.reserveCapacity(9 + payload.count)
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// A request: profiling flag, the id's and the language's lengths (4 bytes each), the
    /// id, the language (empty: none), the text.
    static func document(id: String, language: String?, text: String, profiling: Bool) -> [UInt8] {
        var payload: [UInt8] = [profiling ? 1 : 0]
        let language = language ?? ""
        withUnsafeBytes(of: UInt32(id.utf8.count).littleEndian) { payload.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(language.utf8.count).littleEndian) { payload.append(contentsOf: $0) }
        payload.append(contentsOf: id.utf8)
        payload.append(contentsOf: language.utf8)
        payload.append(contentsOf: text.utf8)
        return frame(request, payload)
    }

    /// The size of ``document(id:language:text:profiling:)``'s frame for `document`.
    static func documentSize(_ document: Document) -> Int {
        9 + 9 + document.id.utf8.count + (document.language?.utf8.count ?? 0) + document.text.utf8.count
    }

    static func parseDocument(_ payload: [UInt8]) -> (id: String, language: String?, text: String, profiling: Bool)? {
        guard payload.count >= 9 else { return nil }
        let idLength = Int(littleEndian(payload[1..<5]))
        let languageLength = Int(littleEndian(payload[5..<9]))
        let textStart = 9 + idLength + languageLength
        guard textStart <= payload.count else { return nil }
        let language = String(decoding: payload[(9 + idLength)..<textStart], as: UTF8.self)
        return (
            String(decoding: payload[9..<(9 + idLength)], as: UTF8.self), language.isEmpty ? nil : language,
            String(decoding: payload[textStart...], as: UTF8.self), payload[0] == 1
        )
    }

    /// The unsigned number stored little-endian in `bytes` (at most 8 of them).
    static func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The next frame, or nil at the end of the stream before a frame starts.
    static func read(_ fd: Int32) throws -> (UInt8, [UInt8])? {
        var header = [UInt8](repeating: 0, count: 9)
        guard try readExactly(fd, into: &header[...]) else { return nil }
        let length = littleEndian(header[1..<9])
        guard length < 1 << 40 else { throw WorkerFailure("a frame too long") }
        var payload = [UInt8](repeating: 0, count: Int(length))
        guard try readExactly(fd, into: &payload[...]) else { throw WorkerFailure("the stream ended in a frame") }
        return (header[0], payload)
    }

    /// Fills `buffer`; false when the stream ends before its first byte.
    private static func readExactly(_ fd: Int32, into buffer: inout ArraySlice<UInt8>) throws -> Bool {
        var filled = 0
        let count = buffer.count
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { Foundation.read(fd, $0 + filled, count - filled) } ?? 0
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw WorkerFailure("read: \(String(cString: strerror(errno)))") }
            if n == 0 {
                if filled == 0 { return false }
                throw WorkerFailure("the stream ended in a frame")
            }
            filled += n
        }
        return true
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw WorkerFailure("write: \(String(cString: strerror(errno)))") }
            offset += n
        }
    }
}

/// `whosaid engine-worker`: what ``SupervisedEngine`` starts. Reads request frames on
/// standard input and answers each with a result frame on standard output.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine-worker", abstract: "The engine behind the other commands (not for direct use).",
        shouldDisplay: false)

    @OptionGroup var pack: PackOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var reading: ReadingOptions

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let packs = pack.packs()
        do {
            try packs.loadAll()
            for language in packs.languages { try reading.check(try packs.extractor(for: language).rules) }
        } catch {
            try Frame.writeAll(Frame.frame(Frame.packError, Array("\(error)".utf8)), to: 1)
            throw ExitCode(1)
        }
        try Frame.writeAll(Frame.frame(Frame.ready, []), to: 1)
        let scratch = MatchScratch(limits: limits.limits)
        while let (kind, payload) = try Frame.read(0) {
            guard kind == Frame.request, let (id, language, text, profiling) = Frame.parseDocument(payload) else {
                throw ExitCode(1)
            }
            // A record that names a language this run has no pack for is read by the evidence.
            let named = language.flatMap { packs.languages.contains($0) ? $0 : nil }
            let extractor = try packs.extractor(for: try named ?? packs.detect(text))
            // Rows leave as they are made, so memory does not grow with a document's quotes.
            let result = extractor.extract(
                reading.document(id: id, text: text), scratch: scratch, profiling: profiling,
                rows: { rows in
                    var batch = WireWriter()
                    try? Frame.Result(quotes: rows, warnings: [], profile: nil).write(to: &batch)
                    try? Frame.writeAll(Frame.frame(Frame.partial, batch.bytes), to: 1)
                })
            var reply = WireWriter()
            try Frame.Result(quotes: result.quotes, warnings: result.warnings, profile: result.profile).write(
                to: &reply)
            try Frame.writeAll(Frame.frame(Frame.result, reply.bytes), to: 1)
        }
    }
}

/// Rows a worker sent ahead of a document's result (only a document of more than
/// ``Extractor/rowBatch`` rows has any), kept as the frames they came in, in a temporary
/// file that is unlinked as soon as it is made, so that no exit leaves it behind. A
/// document of a million quotes then costs the command disk, not memory, until its turn
/// to be written.
final class RowSpill: EarlierRows, @unchecked Sendable {
    // Unchecked: a spill is filled by the thread that receives it, then read by the one
    // that writes the report, never both at once.
    private var file: Int32 = -1
    private(set) var count = 0

    func add(_ payload: [UInt8]) throws {
        var reader = WireReader(payload)
        count += try reader.count()
        if file < 0 { file = try Self.temporaryFile() }
        try Frame.writeAll(Frame.frame(Frame.partial, payload), to: file)
    }

    func forEachBatch(_ body: ([Quote]) throws -> Void) throws {
        guard file >= 0 else { return }
        guard lseek(file, 0, SEEK_SET) == 0 else {
            throw WorkerFailure("rows set aside cannot be read back: \(String(cString: strerror(errno)))")
        }
        while let (_, payload) = try Frame.read(file) {
            var reader = WireReader(payload)
            try body(try Frame.Result(from: &reader).quotes)
        }
    }

    deinit { if file >= 0 { close(file) } }

    /// A new file in `$TMPDIR` (else /tmp), already unlinked.
    private static func temporaryFile() throws -> Int32 {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/whosaid-rows-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else {
            throw WorkerFailure("cannot set rows aside in \(folder): \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        return fd
    }
}

/// Little-endian integers and length-prefixed UTF-8 strings, for ``Frame``.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optionalString(_ value: String?) {
        bytes.append(value == nil ? 0 : 1)
        if let value { string(value) }
    }

    mutating func optionalInt(_ value: Int?) {
        bytes.append(value == nil ? 0 : 1)
        if let value { int(value) }
    }
}

/// Reads what ``WireWriter`` wrote; a short or inconsistent payload throws.
struct WireReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func int() throws -> Int {
        guard offset + 8 <= bytes.count else { throw WorkerFailure("a reply cut short") }
        defer { offset += 8 }
        return Int(Int64(bitPattern: Frame.littleEndian(bytes[offset..<(offset + 8)])))
    }

    /// A count of items, each at least one byte.
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - offset else { throw WorkerFailure("a reply cut short") }
        return n
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { offset += n }
        return String(decoding: bytes[offset..<(offset + n)], as: UTF8.self)
    }

    mutating func optionalString() throws -> String? { try present() ? try string() : nil }

    mutating func optionalInt() throws -> Int? { try present() ? try int() : nil }

    /// The mark before an optional value.
    private mutating func present() throws -> Bool {
        guard offset < bytes.count else { throw WorkerFailure("a reply cut short") }
        offset += 1
        return bytes[offset - 1] != 0
    }
}
