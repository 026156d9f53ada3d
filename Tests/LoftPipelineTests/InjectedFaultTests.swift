import Foundation
import Testing

@testable import LoftCore
@testable import LoftPipeline

/// Property: for generated deliveries with randomly injected faults, every file's accounting
/// identity holds and every injected fault is reported with its reason and line.
@Suite(.serialized) struct InjectedFaultTests {
  struct Random: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// A fault: how it changes a valid row, and the reason and column it must be reported with.
  struct Fault: Sendable {
    var reason: String
    var column: String
    var apply: @Sendable ([String]) -> [String]
  }

  // Columns: respondent_id, org_number, assessed_on, role, strategy, technology_data_current.
  static let faults: [Fault] = [
    Fault(reason: "missing_required", column: "respondent_id") {
      var r = $0
      r[0] = ""
      return r
    },
    Fault(reason: "missing_required", column: "assessed_on") {
      var r = $0
      r[2] = " "
      return r
    },
    Fault(reason: "bad_org_number", column: "org_number") {
      var r = $0
      r[1] = "123456789"
      return r
    },
    Fault(reason: "unknown_org", column: "org_number") {
      var r = $0
      r[1] = "110000030"
      return r
    },
    Fault(reason: "org_mismatch", column: "org_number") {
      var r = $0
      r[1] = "123456785"
      return r
    },
    Fault(reason: "bad_date", column: "assessed_on") {
      var r = $0
      r[2] = "2025-02-30"
      return r
    },
    Fault(reason: "bad_date", column: "assessed_on") {
      var r = $0
      r[2] = "1.3.25"
      return r
    },
    Fault(reason: "future_date", column: "assessed_on") {
      var r = $0
      r[2] = "2031-01-01"
      return r
    },
    Fault(reason: "out_of_range", column: "role") {
      var r = $0
      r[3] = "sjef"
      return r
    },
    Fault(reason: "out_of_range", column: "strategy") {
      var r = $0
      r[4] = "3.5"
      return r
    },
    Fault(reason: "out_of_range", column: "technology_data_current") {
      var r = $0
      r[5] = "9"
      return r
    },
    Fault(reason: "no_answers", column: "") {
      var r = $0
      r[4] = ""
      r[5] = ""
      return r
    },
    Fault(reason: "malformed_row", column: "") { Array($0.dropLast()) },
  ]

  @Test("every injected fault is reported at its line; the identity holds", arguments: 1...6)
  func injected(seed: UInt64) throws {
    var random = Random(state: seed)
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let inbox = fixture.path("inbox")
    try FileManager.default.removeItem(atPath: inbox)
    var expected: Set<String> = []
    var totals: [String: Int] = [:]
    for file in 0..<3 {
      let delimiter = [",", ";", "\t"].randomElement(using: &random)!
      let newline = ["\n", "\r\n"].randomElement(using: &random)!
      var lines = [
        [
          "respondent_id", "org_number", "assessed_on", "role", "strategy",
          "technology_data_current",
        ].joined(separator: delimiter)
      ]
      var line = 1
      let path = "974760673/assessment-\(file).csv"
      let rows = Int.random(in: 40...80, using: &random)
      for index in 0..<rows {
        // A blank line now and then: counted as a line, not a record.
        if Int.random(in: 0..<15, using: &random) == 0 {
          lines.append("")
          line += 1
        }
        var fields = [
          "f\(file)-r\(index)", Bool.random(using: &random) ? "974760673" : "",
          "2025-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))",
          ["mellomleder", "team_leader", "Toppleder"].randomElement(using: &random)!,
          String(Int.random(in: 1...6, using: &random)),
          String(Int.random(in: 1...8, using: &random)),
        ]
        line += 1
        if Int.random(in: 0..<6, using: &random) == 0 {
          let fault = Self.faults.randomElement(using: &random)!
          fields = fault.apply(fields)
          expected.insert("\(path),\(line),\(fault.column),\(fault.reason)")
        }
        lines.append(fields.joined(separator: delimiter))
      }
      totals[path] = rows
      try fixture.write(lines.joined(separator: newline) + newline, to: "inbox/" + path)
    }
    let rejectsPath = fixture.path("rejects.csv")
    var options = RunOptions(
      threads: 2, asOf: Day(year: 2026, month: 11, day: 30)!, rejectsFile: rejectsPath)
    options.output = fixture.path("out")
    // A high enough limit that no file is quarantined for its reject rate.
    let definition = try String(contentsOfFile: fixture.path("small.yaml"), encoding: .utf8)
    try fixture.write(definition + "quarantine: { max_reject_rate: 0.9 }\n", to: "faults.yaml")
    let report = try PipelineRunner().validate(fixture.path("faults.yaml"), options: options)
    for file in report.files {
      #expect(
        file.rowsRead == file.rowsAccepted + file.rowsRejected + file.rowsDuplicate, "\(file.path)")
      #expect(file.rowsRead == totals[file.path], "\(file.path)")
    }
    let text = try String(contentsOfFile: rejectsPath, encoding: .utf8)
    let reported = Set(
      text.split(separator: "\n").dropFirst().map {
        $0.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false).prefix(4).joined(
          separator: ",")
      })
    #expect(reported.subtracting(expected).sorted() == [])
    #expect(expected.subtracting(reported).sorted() == [])
  }
}
