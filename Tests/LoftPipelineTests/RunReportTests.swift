import Foundation
import Testing

@testable import LoftCore
@testable import LoftPipeline

@Suite struct RunReportTests {
  /// The report's JSON as it was written before `JSONWriter`: `JSONEncoder` over `Codable`.
  private static func jsonAsBefore(_ report: RunReport) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
    return Array(data) + [UInt8(ascii: "\n")]
  }

  /// Where `written` first differs from `expected`, with some text around it; nil when equal.
  /// Compared as bytes: equal strings may differ in bytes ("e\u{301}" == "é").
  private static func firstDifference(_ written: [UInt8], _ expected: [UInt8]) -> String? {
    guard written != expected else { return nil }
    let offset = zip(written, expected).prefix { $0 == $1 }.count
    func around(_ bytes: [UInt8]) -> String {
      String(decoding: bytes[max(0, offset - 60)..<min(bytes.count, offset + 60)], as: UTF8.self)
    }
    return "byte \(offset): wrote …\(around(written))… expected …\(around(expected))…"
  }

  /// Quotes, backslashes, slashes, every control character and DEL, non-ASCII letters, an
  /// emoji, a combining mark, CR LF and a line separator.
  static let awkwardStrings = [
    "", "plain", #"quote " and backslash \ and slash / and \/"#,
    String(decoding: (0..<0x20).map { UInt8($0) } + [0x7F], as: UTF8.self),
    "Bodø kommune — Vågå, Tromsø, æøå ÆØÅ", "😀 emoji 👩‍👩‍👧", "e\u{301} combining", "line\r\nbreak",
    "separator\u{2028}here", "\"", "\\",
  ]

  /// The reports tested, by name (the name keeps a failing case's description short).
  enum Sample: String, CaseIterable {
    case everything, empty, auditWithNothing

    var report: RunReport {
      switch self {
      case .everything: RunReportTests.everything
      case .empty: RunReportTests.empty
      case .auditWithNothing: RunReportTests.auditWithNothing
      }
    }
  }

  /// Every field and optional filled, with awkward strings and numbers of many magnitudes; one
  /// file row is longer than the writer's first buffer, so it grows.
  static var everything: RunReport {
    var report = RunReport(
      pipeline: "national \"2026\"/\\ æøå", asOf: Day(year: 2026, month: 11, day: 30)!,
      started: Date(timeIntervalSince1970: 1_795_000_000.123))
    report.finished = "2026-11-30T12:00:00.456Z"
    report.outcome = "published"
    report.error = "could not write \"x\"\n\tbecause: \u{1}\u{1f}"
    report.snapshot = "/tmp/out/snapshots/2026-11-30-3ef5d879"
    var files: [InputFile] = []
    for (index, text) in awkwardStrings.enumerated() {
      var file = InputFile(path: "811018767/\(text).csv", bytes: index * 1_000_003, status: .read)
      file.sha256 = String(repeating: "ab", count: 32)
      file.kind = text
      file.format = "csv"
      file.dialect = "csv;windows-1252;crlf;semicolon"
      file.rowsRead = index * 7
      file.rowsAccepted = index * 5
      file.rowsRejected = index
      file.rowsDuplicate = index % 2
      file.unknownColumns = index.isMultiple(of: 2) ? [] : [text, "Kolonne/ø", ""]
      if index.isMultiple(of: 3) { file.quarantine(.badEncoding, "byte 0x\(index) at \(text)") }
      files.append(file)
    }
    files.append(InputFile(path: "bare.csv", bytes: 0, status: .unmatched))
    files.append(InputFile(path: "copy.csv", bytes: Int.max, status: .duplicateFile))
    var long = InputFile(
      path: String(repeating: "lang/ø\"", count: 4_000), bytes: -1, status: .read)
    long.detail = String(repeating: "\u{0}\u{8}\u{c}", count: 3_000)
    files.append(long)
    report.record(
      files: files,
      rejects: [
        Reject(
          file: "811018767/a.csv", line: 3, column: "org_number", reason: .badOrgNumber,
          message: "x"),
        Reject(file: "811018767/a.csv", line: 4, column: "", reason: .malformedRow, message: "y"),
        Reject(
          file: "974760673/b\"\\.csv", line: 9, column: "dato", reason: .badDate, message: "z"),
      ])
    report.totals.unmatched = Int.min
    report.suppression = [
      .init(table: "competence_gap", reason: "primary", cells: 372),
      .init(table: "maturity/æøå", reason: "secondary", cells: 0),
    ]
    let seconds = [
      0, -0.0, 1e-7, 1e-5, 0.000123, 0.1, 2, 4.821470035, 100, 123_456_789.5, 1e15, 1e16, 1e20,
      -3.5, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
    ]
    report.timings = seconds.enumerated().map {
      .init(stage: "stage \($0.offset)", seconds: $0.element)
    }
    report.audit = .init(problems: 2, protectedVectors: 1_234, exposures: awkwardStrings)
    return report
  }

  /// A report as a run starts it: nil optionals, empty lists, no audit, no error.
  static var empty: RunReport {
    RunReport(
      pipeline: "p", asOf: Day(year: 2026, month: 1, day: 1)!,
      started: Date(timeIntervalSince1970: 0))
  }

  /// An audit, an agency and a timing, each with nothing in their lists.
  static var auditWithNothing: RunReport {
    var report = empty
    report.audit = .init(problems: 0, protectedVectors: 0, exposures: [])
    report.rejectsByAgency = [.init(agency: "811018767", reasons: [])]
    report.timings = [.init(stage: "publish", seconds: 18.426217962)]
    return report
  }

  @Test("json() writes the bytes JSONEncoder wrote", arguments: Sample.allCases)
  func sameBytesAsJSONEncoder(sample: Sample) {
    let report = sample.report
    #expect(Self.firstDifference(Array(report.json().utf8), Self.jsonAsBefore(report)) == nil)
  }

  @Test("json() decodes back to the report", arguments: Sample.allCases)
  func decodesBack(sample: Sample) throws {
    let report = sample.report
    let decoded = try JSONDecoder().decode(RunReport.self, from: Data(report.json().utf8))
    #expect(decoded.files == report.files)
    #expect(decoded.timings.map(\.seconds) == report.timings.map(\.seconds))
    #expect(decoded.audit?.exposures == report.audit?.exposures)
    #expect(decoded.error == report.error)
    // The rest, field by field, through the bytes written for them.
    #expect(Self.firstDifference(Array(decoded.json().utf8), Array(report.json().utf8)) == nil)
  }

  @Test("a non-finite timing is null, where JSONEncoder gave up on the whole report")
  func nonFiniteTiming() {
    var report = Self.empty
    report.timings = [.init(stage: "nan", seconds: .nan), .init(stage: "inf", seconds: .infinity)]
    let json = report.json()
    #expect(json.contains(#""seconds" : null,"# + "\n" + #"      "stage" : "nan""#))
    #expect(json.contains(#""seconds" : null,"# + "\n" + #"      "stage" : "inf""#))
    #expect(Self.jsonAsBefore(report) == Array("{}\n".utf8))
  }
}
