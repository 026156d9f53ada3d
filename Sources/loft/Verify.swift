import ArgumentParser
import LoftCore
import LoftPublish

struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a snapshot's checksums, integrity and accounting; exit 0 or 1.",
    discussion: """
      Checks every file against manifest.json, that the folder's name carries the database's hash, SQLite's integrity check, and rows_read = accepted + rejected + duplicate for every input. Prints each problem found.

      Example: loft verify .loft/demo/latest
      """)

  @Argument(help: "The snapshot: a folder, a .sqlite.zst file, or a `latest` link.")
  var snapshot: String

  func run() throws {
    try runReportingErrors {
      let problems = SnapshotVerifier.verify(try SnapshotReader(locating: snapshot))
      guard problems.isEmpty else {
        for problem in problems { printError("loft: verify: \(problem)") }
        throw LoftError(
          .runtime, code: "verify.failed", "\(snapshot): \(problems.count) problem(s) found")
      }
      print("\(snapshot): ok")
    }
  }
}
