import Foundation

/// Where results go: standard output, or a file written atomically (to a temporary file
/// beside it, renamed into place only when everything was written), so that an error or
/// Ctrl-C never leaves a half-written file.
final class OutputSink {
    private var buffer: [UInt8] = []
    private let fd: Int32
    private let destination: String?
    private let temporary: String?

    init(path: String?) throws {
        guard let path else {
            fd = 1
            destination = nil
            temporary = nil
            signal(SIGPIPE, SIG_IGN)
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        // The handlers go in before the file exists, so no signal can fall between the
        // file's creation and its cleanup being armed; mkstemp fills in the same buffer.
        let template = CleanUp.register((directory.isEmpty ? "." : directory) + "/.\(name).whosaid-XXXXXX")
        let fd = mkstemp(template)
        guard fd >= 0 else {
            CleanUp.unregister()
            throw ValidationFailure("\(path): cannot write here (\(String(cString: strerror(errno))))")
        }
        self.fd = fd
        destination = path
        temporary = String(cString: template)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                // The reader of a pipe went away (| head): stop quietly.
                if destination == nil && errno == EPIPE { exit(0) }
                abandon()
                Console.error("whosaid: cannot write the output: \(String(cString: strerror(errno)))")
                exit(1)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Moves the finished file into place.
    func finish() throws {
        flush()
        guard let destination, let temporary else { return }
        fsync(fd)
        close(fd)
        fchmodAt(temporary)
        guard rename(temporary, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw ValidationFailure("\(destination): cannot write (\(reason))")
        }
        CleanUp.unregister()
    }

    /// Drops the temporary file: the destination keeps what it had before.
    func abandon() {
        guard let temporary else { return }
        unlink(temporary)
        CleanUp.unregister()
    }

    /// mkstemp makes the file 0600; give it the usual 0644 less the umask.
    private func fchmodAt(_ path: String) {
        let mask = umask(0)
        umask(mask)
        chmod(path, 0o666 & ~mask)
    }
}

/// Removes the temporary output file when the program is interrupted or crashes.
enum CleanUp {
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

    /// Arms the cleanup for the temporary file named by `template` and returns the C
    /// buffer that holds the name, for mkstemp to fill in.
    static func register(_ template: String) -> UnsafeMutablePointer<CChar> {
        // strdup fails only when memory is exhausted, where nothing else could go on either.
        guard let buffer = strdup(template) else { fatalError("out of memory") }
        path = buffer
        // A parent may have started us with these blocked (a spawning thread's mask is
        // inherited); unblock them, or Ctrl-C would leave the temporary file behind.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, sig) }
        sigprocmask(SIG_UNBLOCK, &set, nil)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { number in
                if let p = CleanUp.path { unlink(p) }
                _exit(128 + number)
            }
        }
        // A trap or a fault in this process: remove the file, then die of the same signal.
        for sig in [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE] {
            signal(sig) { number in
                if let p = CleanUp.path { unlink(p) }
                signal(number, SIG_DFL)
                raise(number)
            }
        }
        return buffer
    }

    static func unregister() {
        let p = path
        path = nil
        if let p { free(p) }
    }
}
