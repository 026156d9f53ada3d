import ArgumentParser
import LoftCore
import LoftPublish

struct Diff: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show what changed between two snapshots, per table.",
    discussion: """
      Rows are matched on each table's primary key. For each table: rows added, removed and changed, and the largest numeric changes.

      Example: loft diff .loft/demo/snapshots/2026-10-31-1a2b3c4d .loft/demo/latest
      """)

  @Argument(help: "The earlier snapshot.")
  var snapshotA: String

  @Argument(help: "The later snapshot.")
  var snapshotB: String

  func run() throws {
    try runReportingErrors {
      let a = try SnapshotReader(locating: snapshotA).open()
      let b = try SnapshotReader(locating: snapshotB).open()
      do throws(SQLiteError) {
        print(try SnapshotDiff(a, b).text(), terminator: "")
      } catch {
        throw LoftError(.runtime, code: "diff.failed", "comparing failed: \(error.message)")
      }
    }
  }
}
