import Foundation
import Testing

@testable import LoftCore
@testable import LoftPipeline
@testable import LoftPublish

@Suite(.serialized) struct PipelineRunTests {
  static let asOf = Day(year: 2026, month: 11, day: 30)!

  func run(_ fixture: Fixture, threads: Int = 2, output: String? = nil) throws
    -> PipelineRunner.RunResult
  {
    try PipelineRunner().run(
      fixture.path("small.yaml"),
      options: RunOptions(output: output, threads: threads, asOf: Self.asOf))
  }

  func query(_ snapshot: String, _ sql: String) throws -> [[Value]] {
    try SnapshotReader(locating: snapshot).open().query(sql).rows
  }

  @Test("publishes a snapshot of the small fixture with hand-checked numbers") func smallRun()
    throws
  {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let result = try run(fixture)
    #expect(result.existed == false)
    #expect(result.snapshotPath.hasPrefix(fixture.path("out/snapshots/2026-11-30-")))

    // National strategy: Skatteetaten's six latest answers 2,3,3,4,5,6 and Bergen's 2,3,4,3,5.
    let strategy = try query(
      result.snapshotPath,
      """
      SELECT n, mean, sd, p25, median, p75, share_transforming, suppressed FROM maturity
      WHERE period = '2025' AND grouping = 'national' AND dimension = 'strategy'
      """)
    #expect(strategy.count == 1)
    let row = strategy[0]
    #expect(row[0] == .integer(11))
    #expect(row[1] == .real(40.0 / 11.0))
    #expect(row[2] == .real((182.0 / 110.0).squareRoot()))
    #expect(row[3] == .real(3))
    #expect(row[4] == .real(3))
    #expect(row[5] == .real(4.5))
    #expect(row[6] == .real(9.0 / 11.0))
    #expect(row[7] == .null)

    // Bergen is primary; with only two agencies, national minus Skatteetaten would be Bergen,
    // so Skatteetaten's own row is withheld as secondary (its count stays).
    let skatteetaten = try query(
      result.snapshotPath,
      """
      SELECT n, mean, suppressed FROM maturity
      WHERE grouping = 'agency' AND group_key = '974760673' AND dimension = 'strategy'
      """)
    #expect(skatteetaten == [[.integer(6), .null, .text("secondary")]])

    // Bergen has 5 accepted respondents (the sixth has `æ` as a generation): n = 5 = k.
    let bergen = try query(
      result.snapshotPath,
      """
      SELECT dimension, n, suppressed FROM maturity
      WHERE grouping = 'agency' AND group_key = '123456785' ORDER BY dimension
      """)
    // leadership is answered by 4 of them, below k: the whole cell is withheld.
    #expect(bergen.contains { $0[0] == .text("leadership") && $0[1] == .integer(4) })
    #expect(bergen.allSatisfy { $0[2] == .text("primary") })
    let hidden = try query(
      result.snapshotPath,
      "SELECT count(*) FROM maturity WHERE suppressed IS NOT NULL AND mean IS NOT NULL")
    #expect(hidden[0][0] == .integer(0))
    let stages = try query(
      result.snapshotPath,
      "SELECT count(*) FROM maturity_stage WHERE group_key = '123456785' AND count IS NOT NULL")
    #expect(stages[0][0] == .integer(0))

    // The national row exists for every dimension and overall.
    let national = try query(
      result.snapshotPath,
      "SELECT dimension FROM maturity WHERE grouping = 'national' ORDER BY dimension")
    #expect(
      national.map { $0[0] }
        == ["leadership", "organisation", "overall", "strategy", "technology"].map {
          Value.text($0)
        })

    // Accounting for every file.
    let inputs = try query(
      result.snapshotPath,
      "SELECT path, status, reason, rows_read, rows_accepted, rows_rejected, rows_duplicate FROM _inputs ORDER BY path"
    )
    #expect(inputs.count == 3)
    #expect(
      inputs[0] == [
        .text("123456785/assessment-bergen.csv"), .text("read"), .null, .integer(6), .integer(5),
        .integer(1), .integer(0),
      ])
    #expect(
      inputs[1] == [
        .text("974760673/2025/assessment-2025.csv"), .text("read"), .null, .integer(9), .integer(7),
        .integer(1), .integer(1),
      ])
    #expect(
      inputs[2] == [
        .text("988077917/completion-2025.csv"), .text("read"), .null, .integer(5), .integer(4),
        .integer(1), .integer(0),
      ])

    // Coverage has every register group, zeros included.
    let coverage = try query(
      result.snapshotPath,
      "SELECT agencies_registered, agencies_delivered, respondents, leaders FROM coverage WHERE grouping = 'national'"
    )
    #expect(coverage == [[.integer(4), .integer(2), .integer(11), .integer(500)]])

    // The rejects file: beside the snapshot, mode 0600, sorted by file and line.
    let name = (result.snapshotPath as NSString).lastPathComponent
    let rejectsPath = fixture.path("out/rejects/\(name).csv")
    let rejects = try String(contentsOfFile: rejectsPath, encoding: .utf8)
    #expect(
      rejects == """
        file,line,column,reason,message
        123456785/assessment-bergen.csv,7,leadership,out_of_range,`æ` is not a whole number in 1–6
        974760673/2025/assessment-2025.csv,10,org_number,org_mismatch,123456785 differs from the folder's 974760673
        988077917/completion-2025.csv,6,course_id,unknown_course,`NOPE-1` is not in the catalogue

        """)
    let attributes = try FileManager.default.attributesOfItem(atPath: rejectsPath)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)

    // `latest` points at the snapshot.
    #expect(readLink(fixture.path("out/latest")) == "snapshots/\(name)")
    #expect(
      SnapshotVerifier.verify(try SnapshotReader(locating: fixture.path("out/latest"))).isEmpty)
  }

  @Test("the same inputs give the same bytes for any thread count; a rerun publishes nothing")
  func reproducible() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let one = try run(fixture, threads: 1, output: fixture.path("one"))
    let seven = try run(fixture, threads: 7, output: fixture.path("seven"))
    let name = (one.snapshotPath as NSString).lastPathComponent
    #expect((seven.snapshotPath as NSString).lastPathComponent == name)
    // The rejects file is made beside the database: on a second thread when there are several.
    let rejectsOne = try String(
      contentsOfFile: fixture.path("one/rejects/\(name).csv"), encoding: .utf8)
    let rejectsSeven = try String(
      contentsOfFile: fixture.path("seven/rejects/\(name).csv"), encoding: .utf8)
    #expect(rejectsOne.split(separator: "\n").count == 4)
    #expect(rejectsSeven == rejectsOne)
    let again = try run(fixture, threads: 2, output: fixture.path("one"))
    #expect(again.existed)
    #expect(again.snapshotPath == one.snapshotPath)
  }

  @Test("files written to the inbox in another order give the same bytes") func fileOrder() throws {
    let first = try Fixture("small")
    let second = try Fixture("small")
    defer {
      first.remove()
      second.remove()
    }
    // Rewrite the second inbox's files in reverse order, so the folder lists them differently.
    let manager = FileManager.default
    let inbox = second.path("inbox")
    let files = manager.enumerator(atPath: inbox)!.compactMap { $0 as? String }.filter {
      var isFolder: ObjCBool = false
      return manager.fileExists(atPath: inbox + "/" + $0, isDirectory: &isFolder)
        && !isFolder.boolValue
    }
    var contents: [(String, Data)] = []
    for file in files { contents.append((file, manager.contents(atPath: inbox + "/" + file)!)) }
    for (file, _) in contents { try manager.removeItem(atPath: inbox + "/" + file) }
    for (file, data) in contents.reversed() {
      try data.write(to: URL(fileURLWithPath: inbox + "/" + file))
    }
    let a = try run(first, threads: 1)
    let b = try run(second, threads: 3)
    #expect(
      (a.snapshotPath as NSString).lastPathComponent
        == (b.snapshotPath as NSString).lastPathComponent)
    let bytesA = try SnapshotReader(locating: a.snapshotPath).databaseBytes()
    let bytesB = try SnapshotReader(locating: b.snapshotPath).databaseBytes()
    #expect(bytesA == bytesB)
  }

  @Test("no pseudonym reaches a published file") func noPseudonyms() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let result = try run(fixture)
    let database = try SnapshotReader(locating: result.snapshotPath).databaseBytes()
    var files: [[UInt8]] = [database]
    let enumerator = FileManager.default.enumerator(atPath: result.snapshotPath)!
    while let path = enumerator.nextObject() as? String {
      if let data = FileManager.default.contents(atPath: result.snapshotPath + "/" + path) {
        files.append([UInt8](data))
      }
    }
    for pseudonym in ["s-01", "s-06", "b-1", "b-5", "v-1", "v-3"] {
      for bytes in files {
        #expect(!String(decoding: bytes, as: UTF8.self).contains(pseudonym), "\(pseudonym) leaked")
      }
    }
  }

  @Test("the summaries hold the national and sector rows of each table, and only those")
  func summaries() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let result = try run(fixture)
    for table in ["maturity", "maturity_stage", "competence_gap", "course_completion", "reach"] {
      let data = try #require(
        FileManager.default.contents(atPath: result.snapshotPath + "/summary/\(table).csv"))
      let lines = String(decoding: data, as: UTF8.self).dropFirst()  // the BOM
        .split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false) }
      let grouping = try #require(lines.first?.firstIndex(of: "grouping"))
      let shown = lines.dropFirst().map { String($0[grouping]) }
      #expect(Set(shown) == ["national", "sector"], "\(table)")
      let expected = try query(
        result.snapshotPath,
        "SELECT count(*) FROM \(table) WHERE grouping IN ('national', 'sector')")
      #expect(expected == [[.integer(Int64(shown.count))]], "\(table)")
    }
  }
}
