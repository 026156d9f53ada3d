import Foundation
import Testing

@testable import LoftCompression
@testable import LoftCore
@testable import LoftPipeline
@testable import LoftPublish

/// `loft query`, `loft verify` and `loft diff` on a real snapshot of the small fixture.
@Suite(.serialized) struct SnapshotToolsTests {
  func publish(_ fixture: Fixture, asOf: Day = Day(year: 2026, month: 11, day: 30)!) throws
    -> String
  {
    try PipelineRunner().run(
      fixture.path("small.yaml"), options: RunOptions(threads: 1, asOf: asOf)
    ).snapshotPath
  }

  @Test("query reads a folder, a .sqlite.zst file and the latest link, and refuses writes")
  func query() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let snapshot = try publish(fixture)
    for form in [snapshot, snapshot + "/snapshot.sqlite.zst", fixture.path("out/latest")] {
      let rows = try SnapshotReader(locating: form).open().query("SELECT count(*) FROM _inputs")
        .rows
      #expect(rows == [[.integer(3)]], "\(form)")
    }
    let database = try SnapshotReader(locating: snapshot).open()
    for write in [
      "DELETE FROM maturity", "INSERT INTO _manifest VALUES ('x', 'y')", "CREATE TABLE t (a)",
      "DROP TABLE coverage",
    ] {
      #expect(throws: SQLiteError.self) { try database.execute(write) }
    }
    #expect(throws: SQLiteError.self) { _ = try database.query("SELEC nonsense") }
    #expect(throws: LoftError.self) { _ = try SnapshotReader(locating: fixture.path("out/nope")) }
  }

  @Test("verify passes a fresh snapshot and fails a flipped byte in any of its files")
  func flippedBytes() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let snapshot = try publish(fixture)
    #expect(SnapshotVerifier.verify(try SnapshotReader(locating: snapshot)).isEmpty)
    let files = FileManager.default.enumerator(atPath: snapshot)!.compactMap { $0 as? String }
      .filter { $0.contains(".") }
    #expect(files.count >= 10)
    for file in files {
      let path = snapshot + "/" + file
      let original = try Data(contentsOf: URL(fileURLWithPath: path))
      var damaged = original
      damaged[damaged.count / 2] ^= 0x01
      try damaged.write(to: URL(fileURLWithPath: path))
      let problems = SnapshotVerifier.verify(try SnapshotReader(locating: snapshot))
      #expect(!problems.isEmpty, "a flipped byte in \(file) went unnoticed")
      try original.write(to: URL(fileURLWithPath: path))
    }
    #expect(SnapshotVerifier.verify(try SnapshotReader(locating: snapshot)).isEmpty)
  }

  @Test("verify fails an edited row, even with the manifest updated to match")
  func editedRow() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let snapshot = try publish(fixture)
    let reader = try SnapshotReader(locating: snapshot)
    let database = try SQLiteDatabase(deserializing: try reader.databaseBytes(), readOnly: false)
    try database.execute(
      "UPDATE coverage SET respondents = respondents + 1 WHERE grouping = 'national'")
    let edited = try Zstd.compress(try database.serialize(), level: 9)
    try Data(edited).write(to: URL(fileURLWithPath: snapshot + "/snapshot.sqlite.zst"))
    #expect(SnapshotVerifier.verify(reader).contains { $0.contains("snapshot.sqlite.zst") })

    // Rewrite the manifest's checksum too: the folder's name still carries the old hash.
    let manifestPath = snapshot + "/manifest.json"
    var manifest = try String(contentsOfFile: manifestPath, encoding: .utf8)
    let newHash = SHA256.hex(SHA256.hash(edited))
    let regex = try NSRegularExpression(
      pattern:
        "\"sha256\" : \"[0-9a-f]{64}\",\\s*\"path\" : \"snapshot.sqlite.zst\"|\"path\" : \"snapshot.sqlite.zst\",\\s*\"sha256\" : \"[0-9a-f]{64}\""
    )
    let range = NSRange(manifest.startIndex..., in: manifest)
    manifest = regex.stringByReplacingMatches(
      in: manifest, range: range,
      withTemplate: "\"path\" : \"snapshot.sqlite.zst\", \"sha256\" : \"\(newHash)\"")
    try manifest.write(toFile: manifestPath, atomically: true, encoding: .utf8)
    let problems = SnapshotVerifier.verify(reader)
    #expect(problems.contains { $0.contains("does not end in the database's hash") }, "\(problems)")
  }

  @Test("diff shows rows added, removed and changed per table")
  func diff() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let before = try publish(fixture)
    // A later delivery: one more Skatteetaten leader.
    try fixture.write(
      "respondent_id,assessed_on,role,strategy\ns-99,2025-06-01,middle_manager,6\n",
      to: "inbox/974760673/assessment-late.csv")
    let after = try publish(fixture, asOf: Day(year: 2026, month: 12, day: 1)!)
    let diff = try SnapshotDiff(
      try SnapshotReader(locating: before).open(), try SnapshotReader(locating: after).open())
    let inputs = try #require(diff.tables.first { $0.table == "_inputs" })
    #expect(inputs.added == 1 && inputs.removed == 0)
    let coverage = try #require(diff.tables.first { $0.table == "coverage" })
    #expect(coverage.changed > 0)
    #expect(diff.text().contains("coverage:"))
  }
}

@Suite(.serialized) struct LatestAndReportsTests {
  @Test("a backfill with an older as-of date publishes beside, and latest stays on the newest")
  func backfill() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let newer = try PipelineRunner().run(
      fixture.path("small.yaml"),
      options: RunOptions(threads: 1, asOf: Day(year: 2026, month: 11, day: 30)!))
    let older = try PipelineRunner().run(
      fixture.path("small.yaml"),
      options: RunOptions(threads: 1, asOf: Day(year: 2026, month: 1, day: 31)!))
    #expect(older.snapshotPath != newer.snapshotPath)
    #expect(
      readLink(fixture.path("out/latest")) == "snapshots/"
        + (newer.snapshotPath as NSString).lastPathComponent)
    // The older as-of date judges 2025 open and later deliveries future: the numbers differ.
    let periods = try SnapshotReader(locating: older.snapshotPath).open().query(
      "SELECT period, closed FROM _periods"
    ).rows
    #expect(periods == [[.text("2025"), .integer(1)]])
  }

  @Test("every run leaves its report, failed runs too")
  func reports() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    _ = try PipelineRunner().run(
      fixture.path("small.yaml"),
      options: RunOptions(threads: 1, asOf: Day(year: 2026, month: 11, day: 30)!))
    // A broken register fails the run (exit 2) after the definition is read: its report is written.
    try fixture.write("org_number,name\n123,x\n", to: "reference/agencies.csv")
    #expect(throws: LoftError.self) {
      try PipelineRunner().run(
        fixture.path("small.yaml"),
        options: RunOptions(threads: 1, asOf: Day(year: 2026, month: 11, day: 30)!))
    }
    let reports = listFolder(fixture.path("out/reports")).filter { !$0.hasPrefix(".") }
    #expect(reports.filter { $0.hasSuffix(".json") }.count == 2)
    #expect(reports.filter { $0.hasSuffix(".txt") }.count == 2)
    let texts = try reports.filter { $0.hasSuffix(".txt") }.map {
      try String(contentsOfFile: fixture.path("out/reports/" + $0), encoding: .utf8)
    }
    #expect(texts.contains { $0.contains("outcome: published") })
    #expect(texts.contains { $0.contains("outcome: failed") && $0.contains("agencies.csv") })
  }
}

@Suite struct EmptyInboxTests {
  @Test("an empty inbox publishes a snapshot with empty tables, exit 0")
  func emptyInbox() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let inbox = fixture.path("inbox")
    try FileManager.default.removeItem(atPath: inbox)
    try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: false)
    let result = try PipelineRunner().run(
      fixture.path("small.yaml"),
      options: RunOptions(threads: 2, asOf: Day(year: 2026, month: 11, day: 30)!))
    let database = try SnapshotReader(locating: result.snapshotPath).open()
    for table in ["maturity", "maturity_stage", "coverage", "_inputs", "_periods", "_suppression"] {
      #expect(
        try database.query("SELECT count(*) FROM \"\(table)\"").rows == [[.integer(0)]], "\(table)")
    }
    #expect(try database.query("SELECT count(*) FROM _agencies").rows == [[.integer(4)]])
    #expect(SnapshotVerifier.verify(try SnapshotReader(locating: result.snapshotPath)).isEmpty)
  }
}
