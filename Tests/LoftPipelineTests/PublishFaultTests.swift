import Foundation
import Testing

@testable import LoftCore
@testable import LoftPipeline
@testable import LoftPublish

#if canImport(Glibc)
  import Glibc
#endif

/// A failing `mkdir`, write, `fsync`, `rename` or `symlink` anywhere in a publish: the run ends
/// with exit 1 naming the path, and the output is as the earlier run left it.
@Suite(.serialized) struct PublishFaultTests {
  static let firstDay = Day(year: 2026, month: 11, day: 30)!
  static let secondDay = Day(year: 2026, month: 12, day: 1)!

  /// One injected failure, during a second run that would publish a new snapshot.
  struct Fault: Sendable, CustomTestStringConvertible {
    var label: String
    var kind: FileOperation.Kind?
    var pattern: String?
    var occurrence: Int?
    var errno: Int32
    /// A part of the path the error message must name.
    var names: String

    var testDescription: String { label }

    init(
      _ label: String, _ kind: FileOperation.Kind?, _ pattern: String?, occurrence: Int? = nil,
      _ errno: Int32, names: String
    ) {
      self.label = label
      self.kind = kind
      self.pattern = pattern
      self.occurrence = occurrence
      self.errno = errno
      self.names = names
    }
  }

  static let faults: [Fault] = [
    Fault("mkdir of the output folder", .mkdir, "*/out", EROFS, names: "/out"),
    Fault(
      "write of the rejects file", .write, "*/rejects/.tmp-*", ENOSPC, names: "/out/rejects/.tmp-"),
    Fault(
      "fsync of the rejects file", .fsync, "*/rejects/.tmp-*", EIO, names: "/out/rejects/.tmp-"),
    Fault(
      "rename of the rejects file", .rename, "*/rejects/2026-12-01-*.csv", EIO,
      names: "/out/rejects/2026-12-01-"),
    Fault(
      "mkdir of the temporary folder", .mkdir, "*/snapshots/.tmp-*", ENOSPC,
      names: "/out/snapshots/.tmp-2026-12-01-"),
    Fault(
      "write of the database", .write, "*/snapshot.sqlite.zst", ENOSPC,
      names: "/snapshot.sqlite.zst"),
    Fault(
      "fsync of the database", .fsync, "*/snapshot.sqlite.zst", EIO, names: "/snapshot.sqlite.zst"),
    Fault("mkdir of summary/", .mkdir, "*/summary", EDQUOT, names: "/summary"),
    Fault(
      "write of the first summary file", .write, "*/summary/*.csv", occurrence: 1, ENOSPC,
      names: "/summary/maturity.csv"),
    Fault(
      "fsync of the third summary file", .fsync, "*/summary/*.csv", occurrence: 3, EIO,
      names: "/summary/competence_gap.csv"),
    Fault("write of report.html", .write, "*/report.html", ENOSPC, names: "/report.html"),
    Fault("write of manifest.json", .write, "*/manifest.json", ENOSPC, names: "/manifest.json"),
    Fault("fsync of manifest.json", .fsync, "*/manifest.json", EIO, names: "/manifest.json"),
    Fault(
      "fsync of the temporary folder", .fsync, "*/snapshots/.tmp-*[0-9]", occurrence: 2, EIO,
      names: "/out/snapshots/.tmp-2026-12-01-"),
    Fault(
      "rename of the snapshot folder", .rename, "*/snapshots/2026-12-01-*", EXDEV,
      names: "/out/snapshots/2026-12-01-"),
    Fault(
      "fsync of snapshots/ after the rename", .fsync, "*/snapshots", occurrence: 2, EIO,
      names: "/out/snapshots"),
    Fault("symlink of latest.tmp", .symlink, "*/latest.tmp-*", ENOSPC, names: "/out/latest.tmp-"),
    Fault("rename of latest", .rename, "*/latest", EIO, names: "/out/latest"),
    Fault("fsync of the output folder after latest moved", .fsync, "*/out", EIO, names: "/out"),
    Fault(
      "the 4th file operation of the run", nil, nil, occurrence: 4, EIO, names: "/out/rejects/.tmp-"
    ),
  ]

  func run(_ fixture: Fixture, asOf: Day, faults: FileSystemFaults? = nil) throws(LoftError)
    -> PipelineRunner.RunResult
  {
    try PipelineRunner(files: DurableFiles(faults: faults)).run(
      fixture.path("small.yaml"), options: RunOptions(threads: 1, asOf: asOf))
  }

  @Test(
    "a failed file operation publishes nothing and leaves the output as it was", arguments: faults)
  func failure(_ fault: Fault) throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let output = OutputFolder(path: fixture.path("out"))
    let first = try run(fixture, asOf: Self.firstDay)
    let firstName = (first.snapshotPath as NSString).lastPathComponent
    let rejectsBefore = try #require(output.rejectsFile(of: firstName))

    let faults = FileSystemFaults([
      .init(
        kind: fault.kind, pattern: fault.pattern, occurrence: fault.occurrence,
        action: .fail(errno: fault.errno))
    ])
    let error = try #require(throws: LoftError.self) {
      try run(fixture, asOf: Self.secondDay, faults: faults)
    }
    #expect(error.exitCode == 1)
    #expect(error.message.contains(fixture.path("out")))
    #expect(error.message.contains(fault.names), "\(error.message)")
    #expect(
      error.message.contains("(\(String(cString: strerror(fault.errno))))"), "\(error.message)")
    #expect(!error.message.contains("\n"))

    // The earlier snapshot, its rejects file and latest are untouched; nothing new is visible.
    #expect(output.snapshots == [firstName])
    #expect(output.problems("snapshots/" + firstName).isEmpty)
    #expect(output.latest == "snapshots/" + firstName)
    #expect(output.problems("latest").isEmpty)
    #expect(output.rejects == [firstName + ".csv"])
    #expect(output.rejectsFile(of: firstName)?.bytes == rejectsBefore.bytes)
    #expect(output.leftovers.isEmpty)

    // The next run, without faults, publishes.
    let next = try run(fixture, asOf: Self.secondDay)
    let nextName = (next.snapshotPath as NSString).lastPathComponent
    #expect(!next.existed)
    #expect(output.snapshots == [firstName, nextName])
    #expect(output.latest == "snapshots/" + nextName)
    #expect(output.problems("latest").isEmpty)
    #expect(output.problems("snapshots/" + firstName).isEmpty)
    #expect(output.rejects == [firstName + ".csv", nextName + ".csv"])
    #expect(output.leftovers.isEmpty)
  }

  @Test("with two threads, a failed publish also leaves the output as it was, and its report")
  func failureAtTwoThreads() throws {
    // Two threads take other paths at the end of a run: the spent state freed on another
    // thread while the files are written, the report's two files written at once.
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let output = OutputFolder(path: fixture.path("out"))
    let options = RunOptions(threads: 2, asOf: Self.secondDay)
    let first = try PipelineRunner().run(
      fixture.path("small.yaml"), options: RunOptions(threads: 2, asOf: Self.firstDay))
    let firstName = (first.snapshotPath as NSString).lastPathComponent
    let faults = FileSystemFaults([
      .init(kind: .rename, pattern: "*/snapshots/2026-12-01-*", action: .fail(errno: EXDEV))
    ])
    let error = try #require(throws: LoftError.self) {
      try PipelineRunner(files: DurableFiles(faults: faults)).run(
        fixture.path("small.yaml"), options: options)
    }
    #expect(error.exitCode == 1)
    #expect(output.snapshots == [firstName])
    #expect(output.latest == "snapshots/" + firstName)
    #expect(output.leftovers.isEmpty)
    // Both runs' reports, each as JSON and text; the failed one says why.
    let reports = listFolder(fixture.path("out/reports")).sorted()
    #expect(reports.filter { $0.hasSuffix(".json") }.count == 2, "\(reports)")
    #expect(reports.filter { $0.hasSuffix(".txt") }.count == 2, "\(reports)")
    let failed = try String(
      contentsOfFile: fixture.path("out/reports/" + reports.last { $0.hasSuffix(".txt") }!),
      encoding: .utf8)
    #expect(failed.contains("error: "), "\(failed)")
  }

  @Test("a report that cannot be written does not fail the run, at one thread or two")
  func unwritableReports() throws {
    for threads in [1, 2] {
      let fixture = try Fixture("small")
      defer { fixture.remove() }
      // A regular file where the reports folder must be.
      try fixture.write("not a folder", to: "out/reports")
      let result = try PipelineRunner().run(
        fixture.path("small.yaml"), options: RunOptions(threads: threads, asOf: Self.firstDay))
      #expect(!result.existed)
      #expect(OutputFolder(path: fixture.path("out")).latest != nil, "threads \(threads)")
    }
  }

  @Test("the next run removes what a killed run left")
  func leftoversAreRemoved() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let output = OutputFolder(path: fixture.path("out"))
    let first = try run(fixture, asOf: Self.firstDay)
    let firstName = (first.snapshotPath as NSString).lastPathComponent
    // What a run killed at various points leaves behind.
    try fixture.write(
      "half", to: "out/snapshots/.tmp-2026-12-01-0badf00d-999999/summary/maturity.csv")
    try fixture.write("raw values", to: "out/rejects/.tmp-999999-2026-12-01-0badf00d.csv")
    try fixture.write("raw values", to: "out/rejects/2026-12-01-0badf00d.csv")
    try fixture.write("{", to: "out/reports/.tmp-999999-20261201000000000-999999.json")
    try FileManager.default.createSymbolicLink(
      atPath: fixture.path("out/latest.tmp-999999"),
      withDestinationPath: "snapshots/2026-12-01-0badf00d")
    #expect(output.leftovers.count == 4)

    let next = try run(fixture, asOf: Self.secondDay)
    let nextName = (next.snapshotPath as NSString).lastPathComponent
    #expect(output.leftovers.isEmpty)
    #expect(output.rejects == [firstName + ".csv", nextName + ".csv"])
    #expect(output.snapshots == [firstName, nextName])
  }

  @Test("a rerun after a kill between the folder's rename and latest's switch moves latest")
  func existingFolderGetsLatest() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let output = OutputFolder(path: fixture.path("out"))
    let first = try run(fixture, asOf: Self.firstDay)
    let second = try run(fixture, asOf: Self.secondDay)
    // As if the second run had been killed just before switching latest.
    let firstName = (first.snapshotPath as NSString).lastPathComponent
    let secondName = (second.snapshotPath as NSString).lastPathComponent
    try FileManager.default.removeItem(atPath: fixture.path("out/latest"))
    try FileManager.default.createSymbolicLink(
      atPath: fixture.path("out/latest"), withDestinationPath: "snapshots/" + firstName)

    let again = try run(fixture, asOf: Self.secondDay)
    #expect(again.existed)
    #expect(output.latest == "snapshots/" + secondName)
  }

  @Test("an output folder that cannot be created stops the run before any work")
  func unwritableOutput() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    // A regular file where a folder must be: refused even to root, unlike a read-only mode.
    try fixture.write("not a folder", to: "blocked")
    let progress = ProgressLines()
    let error = try #require(throws: LoftError.self) {
      try PipelineRunner(progress: { progress.append($0) }).run(
        fixture.path("small.yaml"),
        options: RunOptions(output: fixture.path("blocked/out"), threads: 1, asOf: Self.firstDay))
    }
    #expect(error.exitCode == 1)
    #expect(error.message.contains(fixture.path("blocked")), "\(error.message)")
    #expect(error.message.contains("(Not a directory)"), "\(error.message)")
    #expect(progress.lines.isEmpty, "the run read the inbox: \(progress.lines)")
  }
}

/// Collects progress lines from a run.
final class ProgressLines: @unchecked Sendable {
  private let lock = NSLock()
  private var collected: [String] = []

  func append(_ line: String) {
    lock.withLock { collected.append(line) }
  }

  var lines: [String] { lock.withLock { collected } }
}
