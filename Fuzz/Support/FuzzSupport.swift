// What both libFuzzer targets share: handing the entry point to libFuzzer's driver when
// built for fuzzing, and replaying files (crash reproducers) otherwise.
import Foundation

public typealias FuzzTarget = @convention(c) (UnsafePointer<UInt8>, Int) -> Int32

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: FuzzTarget
    ) -> Int32

    /// Runs libFuzzer on `target` (only in a build linked with -sanitize=fuzzer).
    public func runFuzzer(
        _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ target: FuzzTarget
    ) -> Int32 {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, target)
    }
#endif

/// Feeds each file named on the command line to `target`.
public func replay(_ target: FuzzTarget) {
    for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        let bytes = [UInt8](data) + [0]
        _ = bytes.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { target($0, buffer.count - 1) } }
        print("\(path): ok")
    }
}
