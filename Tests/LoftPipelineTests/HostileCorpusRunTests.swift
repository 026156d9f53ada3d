import Foundation
import Testing

@testable import LoftCore
@testable import LoftIngest
@testable import LoftPublish

#if canImport(Glibc)
  import Glibc
#endif

/// The whole hostile corpus through the real `loft run`: exit 0, every entry under the inbox in
/// `_inputs` with its expected outcome, `rows_read = accepted + rejected + duplicate` on every
/// row, and the process's peak memory (from `wait4`) and open files bounded.
@Suite(.serialized) struct HostileCorpusRunTests {
  typealias Outcome = HostileCorpus.Outcome

  /// Whether this build has the `LOFT_CHANGE_AFTER_HASH` seam (debug builds).
  static let seamCompiled: Bool = {
    #if DEBUG
      return true
    #else
      return false
    #endif
  }()

  /// The tiny files of the run, in one agency folder.
  static let tinyFiles = 20_000
  /// `loft run` may keep at most this many files open; the descriptor limit of its process.
  static let maxOpenFiles = 128
  /// The peak resident memory allowed, in MiB.
  static let maxPeakMiB = 400

  @Test(
    "the whole hostile corpus through loft run: exit 0, everything accounted for, memory bounded",
    .enabled(if: LoftBinary.path != nil && seamCompiled))
  func wholeCorpus() throws {
    let corpus = try HostileCorpus()
    defer { corpus.remove() }
    try corpus.addEverything(tinyFiles: Self.tinyFiles)
    let entries = try Self.entries(under: corpus.inbox)

    let run = try MeasuredRun.loft(
      ["run", "hostile.yaml", "--threads", "2", "--as-of", "2026-11-30"],
      in: corpus.fixture.root, maxOpenFiles: Self.maxOpenFiles,
      environment: ["LOFT_CHANGE_AFTER_HASH": HostileCorpus.changingFile])
    let peakMiB = run.peakKiB / 1024
    print(
      "hostile corpus: loft run over \(entries.count) entries: exit \(run.status.map(String.init) ?? "signal \(run.signal ?? 0)"), peak RSS \(peakMiB) MiB, at most \(Self.maxOpenFiles) open files"
    )
    try #require(run.status == 0, "stderr: \(run.stderr)")
    #expect(peakMiB < Self.maxPeakMiB)

    let snapshot = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let rows = try SnapshotReader(locating: snapshot).open().query(
      """
      SELECT path, status, reason, rows_read, rows_accepted, rows_rejected, rows_duplicate
      FROM _inputs ORDER BY path
      """
    ).rows
    var outcomes: [String: Outcome] = [:]
    for row in rows {
      guard case .text(let path) = row[0], case .text(let status) = row[1],
        case .integer(let read) = row[3], case .integer(let accepted) = row[4],
        case .integer(let rejected) = row[5], case .integer(let duplicate) = row[6]
      else {
        Issue.record("unexpected _inputs row \(row)")
        continue
      }
      var reason: QuarantineReason?
      if case .text(let text) = row[2] { reason = QuarantineReason(rawValue: text) }
      outcomes[path] = Outcome(
        InputFile.Status(rawValue: status)!, reason, read: Int(read), accepted: Int(accepted),
        rejected: Int(rejected), duplicate: Int(duplicate))
      #expect(read == accepted + rejected + duplicate, "\(path)")
    }

    // Every entry under the inbox has exactly one row, and nothing else has one.
    #expect(rows.count == entries.count)
    #expect(Set(outcomes.keys) == Set(entries))
    for (path, expected) in HostileCorpusTests.expected {
      #expect(outcomes[path] == expected, "\(path)")
    }
    let garbage = outcomes[HostileCorpus.garbageJSON]
    #expect(garbage?.reason == .rejectRate && garbage?.read == garbage?.rejected)
    let tiny = outcomes.filter { $0.key.hasPrefix(HostileCorpus.tinyFolder + "/") }
    #expect(tiny.count == Self.tinyFiles)
    #expect(tiny.values.allSatisfy { $0 == Outcome(.read, read: 1, accepted: 1) })
  }

  /// Every entry under `folder` that is not a folder (links, FIFOs and files), relative to it,
  /// without following links; names that are not UTF-8 with `\xNN` for those bytes.
  static func entries(under folder: String, relative: [UInt8] = []) throws -> [String] {
    let root = Array(folder.utf8)
    let path = relative.isEmpty ? root : root + [UInt8(ascii: "/")] + relative
    let directory = try #require(InboxScanner.withPath(path) { opendir($0) })
    defer { closedir(directory) }
    var found: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      if name == [0x2E] || name == [0x2E, 0x2E] { continue }
      let child = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
      var info = stat()
      let listed = InboxScanner.withPath(root + [UInt8(ascii: "/")] + child) { lstat($0, &info) }
      try #require(listed == 0)
      if info.st_mode & S_IFMT == S_IFDIR {
        found += try entries(under: folder, relative: child)
      } else {
        found.append(InboxScanner.display(child))
      }
    }
    return found
  }
}

/// A `loft` process run to its end with `posix_spawn` and `wait4`, so that its own peak memory is
/// known (Foundation's `Process` reaps its children itself, and `RUSAGE_CHILDREN` would mix in
/// other tests' processes).
struct MeasuredRun {
  /// The exit code; nil when a signal ended the process.
  var status: Int32?
  var signal: Int32?
  /// The peak resident set size (`ru_maxrss`), in KiB.
  var peakKiB: Int
  var stdout: String
  var stderr: String

  /// Runs `loft` with `arguments` in `folder`, allowed `maxOpenFiles` descriptors, with
  /// `environment` added to this process's (less its `LOFT_` variables).
  static func loft(
    _ arguments: [String], in folder: String, maxOpenFiles: Int, environment: [String: String]
  ) throws -> MeasuredRun {
    let loft = try #require(LoftBinary.path, "no loft binary beside the test bundle")
    let stdoutFile = folder + "/.measured-stdout-\(UUID().uuidString)"
    let stderrFile = folder + "/.measured-stderr-\(UUID().uuidString)"
    defer {
      try? FileManager.default.removeItem(atPath: stdoutFile)
      try? FileManager.default.removeItem(atPath: stderrFile)
    }
    // The shell sets the folder and the descriptor limit, then becomes loft (same process).
    let argv =
      [
        "/bin/sh", "-c", "cd \"$1\" && ulimit -n \"$2\" && shift 2 && exec \"$@\"", "sh", folder,
        String(maxOpenFiles), loft,
      ] + arguments
    var inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LOFT_") }
    inherited.merge(environment) { $1 }
    let envp = inherited.map { "\($0.key)=\($0.value)" }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdoutFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderrFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    let cArguments = argv.map { strdup($0) } + [nil]
    let cEnvironment = envp.map { strdup($0) } + [nil]
    defer {
      for pointer in cArguments + cEnvironment { free(pointer) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, cArguments, cEnvironment)
    try #require(spawned == 0, "posix_spawn failed: \(String(cString: strerror(spawned)))")

    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
      try #require(errno == EINTR, "wait4 failed: \(String(cString: strerror(errno)))")
    }
    let signaled = status & 0x7F != 0
    return MeasuredRun(
      status: signaled ? nil : (status >> 8) & 0xFF, signal: signaled ? status & 0x7F : nil,
      peakKiB: Int(usage.ru_maxrss),
      stdout: (try? String(contentsOfFile: stdoutFile, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: stderrFile, encoding: .utf8)) ?? "")
  }
}
