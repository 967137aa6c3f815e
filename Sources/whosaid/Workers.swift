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
    init(workers: Int, pack: PackOptions, limits: LimitOptions) throws {
        signal(SIGPIPE, SIG_IGN)
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        command =
            [executable, WorkerCommand.configuration.commandName ?? "engine-worker"]
            + pack.directories.flatMap { ["--patterns", $0] }
            + ["--match-limit", String(limits.matchLimit), "--heap-limit", String(limits.heapLimit)]
        slots = (0..<max(1, workers)).map { _ in Slot() }
        slots[0].process = try Self.start(command)
    }

    deinit {
        for slot in slots { slot.process?.stop() }
    }

    func extract(_ document: Document, worker: Int, profiling: Bool) -> ExtractionResult {
        let slot = slots[worker]
        do {
            if slot.process == nil { slot.process = try Self.start(command) }
            guard let process = slot.process else { throw WorkerFailure("no worker") }
            try process.send(Frame.document(id: document.id, text: document.text, profiling: profiling))
            let reply = try process.receive()
            return ExtractionResult(
                document: document, quotes: reply.quotes, profile: reply.profile, warnings: reply.warnings)
        } catch {
            // The worker is gone or no longer in step: replace it for the next document.
            let cause = slot.process?.stop() ?? "\(error)"
            slot.process = nil
            return ExtractionResult(document: document, quotes: [], failure: "the engine failed on it: \(cause)")
        }
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

    func receive() throws -> Frame.Result {
        guard let (kind, payload) = try Frame.read(output), kind == Frame.result else {
            throw WorkerFailure("the worker stopped answering")
        }
        return try JSONDecoder().decode(Frame.Result.self, from: Data(payload))
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

    /// What a worker sends back for a document.
    struct Result: Codable {
        var quotes: [Quote]
        var warnings: [String]
        var profile: [String: RuleStat]?
    }

    static func frame(_ kind: UInt8, _ payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [kind]
        bytes.reserveCapacity(9 + payload.count)
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// A request: profiling flag, the id's length (4 bytes), the id, the text.
    static func document(id: String, text: String, profiling: Bool) -> [UInt8] {
        var payload: [UInt8] = [profiling ? 1 : 0]
        withUnsafeBytes(of: UInt32(id.utf8.count).littleEndian) { payload.append(contentsOf: $0) }
        payload.append(contentsOf: id.utf8)
        payload.append(contentsOf: text.utf8)
        return frame(request, payload)
    }

    static func parseDocument(_ payload: [UInt8]) -> (id: String, text: String, profiling: Bool)? {
        guard payload.count >= 5 else { return nil }
        let idLength = payload[1..<5].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard 5 + idLength <= payload.count else { return nil }
        return (
            String(decoding: payload[5..<(5 + idLength)], as: UTF8.self),
            String(decoding: payload[(5 + idLength)...], as: UTF8.self), payload[0] == 1
        )
    }

    /// The next frame, or nil at the end of the stream before a frame starts.
    static func read(_ fd: Int32) throws -> (UInt8, [UInt8])? {
        var header = [UInt8](repeating: 0, count: 9)
        guard try readExactly(fd, into: &header[...]) else { return nil }
        let length = header[1..<9].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
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

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let extractor: Extractor
        do {
            extractor = Extractor(rules: try pack.load())
        } catch {
            try Frame.writeAll(Frame.frame(Frame.packError, Array("\(error)".utf8)), to: 1)
            throw ExitCode(1)
        }
        try Frame.writeAll(Frame.frame(Frame.ready, []), to: 1)
        let scratch = MatchScratch(limits: limits.limits)
        let encoder = JSONEncoder()
        while let (kind, payload) = try Frame.read(0) {
            guard kind == Frame.request, let (id, text, profiling) = Frame.parseDocument(payload) else {
                throw ExitCode(1)
            }
            let result = extractor.extract(Document(id: id, text: text), scratch: scratch, profiling: profiling)
            let reply = try encoder.encode(
                Frame.Result(quotes: result.quotes, warnings: result.warnings, profile: result.profile))
            try Frame.writeAll(Frame.frame(Frame.result, Array(reply)), to: 1)
        }
    }
}
