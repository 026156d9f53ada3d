import Foundation
import Testing

/// The `loft` executable that the build put beside this test bundle (`.build…/debug/loft`).
/// The tests only run it; they never build it.
enum LoftBinary {
  /// Its path, or nil when the build products hold no `loft`.
  static let path: String? = {
    let manager = FileManager.default
    // On Linux the test bundle is the running executable; on macOS it is a loaded bundle.
    var candidates = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()]
    candidates += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
    for bundle in candidates {
      var folder = bundle.deletingLastPathComponent()
      for _ in 0..<3 {
        let loft = folder.appendingPathComponent("loft").path
        if manager.isExecutableFile(atPath: loft) { return loft }
        folder.deleteLastPathComponent()
      }
    }
    return nil
  }()

  /// How a `loft` process ended, and what it printed.
  struct Outcome {
    /// The exit code; nil when a signal ended the process.
    var status: Int32?
    /// The signal that ended the process, if one did.
    var signal: Int32?
    var stdout: String
    var stderr: String
  }

  /// Runs `loft` with the arguments in `folder` and waits for it. `environment` is added to this
  /// process's environment, less any `LOFT_` variable of its own.
  static func run(_ arguments: [String], in folder: String, environment: [String: String] = [:])
    throws -> Outcome
  {
    let loft = try #require(path, "no loft binary beside the test bundle; run `swift build` first")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: loft)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOFT_") }
    inherited.merge(environment) { $1 }
    process.environment = inherited
    // Files rather than pipes: nothing to drain while the process runs.
    let stdoutFile = folder + "/.loft-stdout-\(UUID().uuidString)"
    let stderrFile = folder + "/.loft-stderr-\(UUID().uuidString)"
    defer {
      try? FileManager.default.removeItem(atPath: stdoutFile)
      try? FileManager.default.removeItem(atPath: stderrFile)
    }
    for file in [stdoutFile, stderrFile] {
      try #require(
        FileManager.default.createFile(atPath: file, contents: nil), "cannot create \(file)")
    }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutFile))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrFile))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let signaled = process.terminationReason == .uncaughtSignal
    return Outcome(
      status: signaled ? nil : process.terminationStatus,
      signal: signaled ? process.terminationStatus : nil,
      stdout: (try? String(contentsOfFile: stdoutFile, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: stderrFile, encoding: .utf8)) ?? "")
  }
}
