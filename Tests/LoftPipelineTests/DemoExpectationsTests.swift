import Foundation
import Testing

@testable import LoftCore
@testable import LoftPipeline
@testable import LoftPublish

/// The demo inbox holds every dialect, source kind, reason code and quarantine reason; its
/// generator wrote down what must become of each file and record (`Fixtures/demo/expected/`).
@Suite(.serialized) struct DemoExpectationsTests {
  /// Reads a small, plain CSV file (no quoted fields) into rows of named fields.
  static func readExpected(_ name: String) throws -> [[String: String]] {
    let text = try String(
      contentsOfFile: Fixture.fixtures + "/demo/expected/" + name, encoding: .utf8)
    let lines = text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = lines[0]
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
  }

  @Test("every file and every rejected record ends as the demo's expectations say")
  func demo() throws {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "loft-demo-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: output) }
    let result = try PipelineRunner().run(
      Fixture.repository + "/Pipelines/demo.yaml",
      options: RunOptions(output: output, threads: 2, asOf: Day(year: 2026, month: 11, day: 30)!))

    let database = try SnapshotReader(locating: result.snapshotPath).open()
    let rows = try database.query(
      "SELECT path, kind, format, status, reason, rows_read, rows_accepted, rows_rejected, rows_duplicate, sha256, bytes FROM _inputs ORDER BY path"
    ).rows
    func text(_ value: Value) -> String {
      switch value {
      case .null: ""
      case .integer(let number): String(number)
      case .real(let number): String(number)
      case .text(let string): string
      }
    }
    var actual: [String: [String: String]] = [:]
    let columns = [
      "path", "kind", "format", "status", "reason", "rows_read", "rows_accepted", "rows_rejected",
      "rows_duplicate", "sha256", "bytes",
    ]
    for row in rows {
      actual[text(row[0])] = Dictionary(uniqueKeysWithValues: zip(columns, row.map(text)))
    }

    let expected = try Self.readExpected("inputs.csv")
    #expect(actual.count == expected.count)
    for file in expected {
      let path = file["path"]!
      guard let mine = actual[path] else {
        Issue.record("\(path) is missing from _inputs")
        continue
      }
      for column in columns where column != "path" {
        // The generator leaves kind and format empty for unmatched files, and SHA-256 for
        // files Løft does not read — Løft still hashes every regular file it lists.
        if column == "sha256" && file[column, default: ""].isEmpty { continue }
        #expect(mine[column] == file[column], "\(path) \(column)")
      }
      #expect(
        Int(mine["rows_read"]!)! == Int(mine["rows_accepted"]!)! + Int(mine["rows_rejected"]!)!
          + Int(mine["rows_duplicate"]!)!)
    }

    // The rejects file: every defective record at its file, line and column, with its reason.
    let name = (result.snapshotPath as NSString).lastPathComponent
    let rejectsText = try String(contentsOfFile: output + "/rejects/\(name).csv", encoding: .utf8)
    let rejects = rejectsText.split(separator: "\n").dropFirst().map { line in
      line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false).prefix(4).joined(
        separator: ",")
    }
    let expectedRejects = try Self.readExpected("rejects.csv").map {
      "\($0["file"]!),\($0["line"]!),\($0["column"]!),\($0["reason"]!)"
    }
    #expect(rejects == expectedRejects)

    // Every reason code and every quarantine reason occurs.
    let reasons = Set(
      expectedRejects.map { String($0.split(separator: ",", omittingEmptySubsequences: false)[3]) })
    #expect(reasons == Set(RejectReason.allCases.map(\.rawValue)))
    let quarantines = Set(actual.values.compactMap { $0["reason"] }.filter { !$0.isEmpty })
    let notInDemo: Set<QuarantineReason> = [
      .unreadable, .limitExceeded, .notARegularFile, .changedDuringRead,
    ]
    #expect(
      quarantines
        == Set(QuarantineReason.allCases.filter { !notInDemo.contains($0) }.map(\.rawValue)))
  }
}
