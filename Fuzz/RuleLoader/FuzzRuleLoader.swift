// libFuzzer target over the rule loader: any bytes as a user's rule file, loaded on top
// of the default pack, then its examples run. Loading must either succeed or throw a
// message that names the file; it must never crash. Built by `make fuzz`.
import Foundation
import FuzzSupport
import RulePacks
import WhoSaid

let defaultPack: [(String, String)] = {
    let files = RuleSet.defaultPackFiles(language: "en")
    guard !files.isEmpty else { fatalError("no default pack") }
    return files.compactMap { path in
        (try? String(contentsOfFile: path, encoding: .utf8)).map { ((path as NSString).lastPathComponent, $0) }
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let rules = try RuleSet.load(texts: [defaultPack, [("user.yaml", text)]])
        _ = PackTester(rules: rules).run()
    } catch let error as RulePackErrors {
        precondition(!error.errors.isEmpty && error.description.contains(".yaml"), "an error that names no file")
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
    return 0
}

#if FUZZING
    // SwiftPM links an executable's entry point as `<target>_main`; it goes to libFuzzer's
    // driver, so libFuzzer's own main is never pulled in.
    @_cdecl("fuzz_rule_loader_main")
    public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        runFuzzer(argc, argv) { fuzzRuleLoader($0, $1) }
    }
#else
    @main
    struct Replay {
        static func main() { replay { fuzzRuleLoader($0, $1) } }
    }
#endif
