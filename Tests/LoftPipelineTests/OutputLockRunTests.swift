import Foundation
import Testing

@testable import LoftCore
@testable import LoftPipeline
@testable import LoftPublish

/// Two runs on one output folder: the second stops at once with exit 1.
@Suite(.serialized) struct OutputLockRunTests {
  static let asOf = Day(year: 2026, month: 11, day: 30)!

  @Test("a run stops before any work while another holds the lock, and runs once it is free")
  func inProcess() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let output = fixture.path("out")
    let holder = try OutputLock.acquire(output: output, files: DurableFiles(faults: nil))
    let progress = ProgressLines()
    let runner = PipelineRunner(progress: { progress.append($0) })
    let options = RunOptions(threads: 1, asOf: Self.asOf)
    let error = try #require(throws: LoftError.self) {
      try runner.run(fixture.path("small.yaml"), options: options)
    }
    #expect(error.exitCode == 1)
    #expect(
      error.message
        == "another run holds the lock on \(output) (pid \(getProcessID())); wait for it to end")
    #expect(progress.lines.isEmpty)
    #expect(OutputFolder(path: output).snapshots.isEmpty)

    holder.release()
    let result = try runner.run(fixture.path("small.yaml"), options: options)
    #expect(!result.existed)
  }

  @Test("the loft binary exits 1 naming the holder's pid", .enabled(if: LoftBinary.path != nil))
  func acrossProcesses() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let output = fixture.path("out")
    let arguments = [
      "run", "small.yaml", "--threads", "1", "--as-of", "2026-11-30", "--output", output,
    ]
    let holder = try OutputLock.acquire(output: output, files: DurableFiles(faults: nil))
    let refused = try LoftBinary.run(arguments, in: fixture.root)
    #expect(refused.status == 1)
    #expect(refused.stdout.isEmpty)
    #expect(
      refused.stderr
        == "loft: error: another run holds the lock on \(output) (pid \(getProcessID())); wait for it to end\n"
    )

    holder.release()
    let done = try LoftBinary.run(arguments, in: fixture.root)
    #expect(done.status == 0, "\(done.stderr)")
    #expect(done.stdout.hasPrefix(output + "/snapshots/2026-11-30-"))
  }

  @Test(
    "a killed run's lock is free at once",
    .enabled(if: LoftBinary.path != nil && PublishKillTests.seamCompiled))
  func killedHolder() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    // The 2nd file operation comes after the lock is taken.
    let killed = try LoftBinary.run(
      ["run", "small.yaml", "--threads", "1", "--as-of", "2026-11-30"], in: fixture.root,
      environment: ["LOFT_KILL_AT_FILE_OP": "2"])
    #expect(killed.signal == SIGKILL)
    let lock = try OutputLock.acquire(output: fixture.path("out"), files: DurableFiles(faults: nil))
    lock.release()
  }
}
