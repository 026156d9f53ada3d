import Foundation
import Testing

@testable import LoftAggregate
@testable import LoftCore
@testable import LoftIngest
@testable import LoftPipeline

/// A large agency is read in parts — a first reading checks every record, then each part of
/// the pseudonyms is folded from a further reading — and must come out exactly as if it had
/// been read whole: the same files, rejects and statistics.
@Suite struct LargeFileTests {
  struct Read {
    var results: [AgencyIngest.Result]
    var state: AggregationState
    var restarts = 0
  }

  func ingest(
    _ fixture: Fixture, largeAgencyBytes: Int, recordsPerPart: Int = .max, batchSize: Int = .max,
    threads: Int = 1, settings change: (inout IngestSettings) -> Void = { _ in }
  ) throws -> Read {
    let definition = try PipelineDefinition.load(path: fixture.path("small.yaml"))
    var settings = try PipelineRunner.settings(
      definition, asOf: Day(year: 2026, month: 11, day: 30)!)
    change(&settings)
    let plan = IngestPlan(entries: try InboxScanner.scan(inbox: settings.inbox), settings: settings)
    let ingest = AgencyIngest(
      settings: settings, largeAgencyBytes: largeAgencyBytes, recordsPerPart: recordsPerPart,
      batchSize: batchSize, threads: threads, chunkedFileBytes: 0)
    var read = Read(results: [], state: AggregationState())
    for agency in plan.agencies {
      var agencyState = AggregationState()
      read.results.append(
        ingest.run(
          agency,
          onRecords: {
            agencyState.add($0, model: settings.model, granularity: settings.granularity)
          },
          onRestart: {
            agencyState = AggregationState()
            read.restarts += 1
          }))
      read.state.merge(agencyState)
    }
    return read
  }

  /// Adds a file with duplicates across batch and part edges, enrolments of several rows, and
  /// a defect or two.
  func addLargeFiles(_ fixture: Fixture) throws {
    var rows = ["respondent_id,assessed_on,role,strategy"]
    for index in 0..<40 {
      rows.append("x-\(index % 17),2025-0\(1 + index % 9)-01,team_leader,\(1 + index % 6)")
    }
    rows.append("x-99,2025-02-30,team_leader,3")
    try fixture.write(rows.joined(separator: "\n") + "\n", to: "inbox/974760673/assessment-big.csv")
    var events = ["learner_id,course_id,status,enrolled_on,completed_on,minutes_spent"]
    for index in 0..<60 {
      let status = ["enrolled", "in_progress", "completed"][index % 3]
      let completed = status == "completed" ? "2025-03-0\(1 + index % 7)" : ""
      events.append(
        "l-\(index % 11),LED-101,\(status),2025-01-0\(1 + index % 5),\(completed),\(index)")
    }
    events.append("l-1,LED-101,completed,2025-01-02,,5")
    try fixture.write(
      events.joined(separator: "\n") + "\n", to: "inbox/974760673/completion-big.csv")
  }

  @Test("reading in parts and small batches gives the same files, rejects and statistics")
  func parts() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    try addLargeFiles(fixture)
    let whole = try ingest(fixture, largeAgencyBytes: .max)
    #expect(whole.state != AggregationState())
    for (recordsPerPart, batch) in [(.max, 1), (7, 3), (3, 7), (1, 2)] {
      let parted = try ingest(
        fixture, largeAgencyBytes: 0, recordsPerPart: recordsPerPart, batchSize: batch)
      let label = "records per part \(recordsPerPart), batch \(batch)"
      #expect(parted.results.map(\.inputs) == whole.results.map(\.inputs), "\(label)")
      #expect(parted.results.map(\.rejects) == whole.results.map(\.rejects), "\(label)")
      #expect(parted.state == whole.state, "\(label)")
      #expect(parted.restarts == 0)
    }
  }

  @Test("a file that changes between its readings is quarantined and the parts folded again")
  func changedBetweenReadings() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    try addLargeFiles(fixture)
    let target = fixture.path("inbox/974760673/completion-big.csv")
    // The seam runs after each opening: the second opening (the first further reading) finds
    // the file grown.
    let openings = Counter()
    let read = try ingest(fixture, largeAgencyBytes: 0, recordsPerPart: 10) { settings in
      settings.afterHashing = { path in
        guard path == target, openings.next() == 2 else { return }
        DeliveryReader.appendLine(to: path)
      }
    }
    let inputs = read.results.flatMap(\.inputs)
    let changed = try #require(inputs.first { $0.path.hasSuffix("completion-big.csv") })
    #expect(changed.status == .quarantined)
    #expect(changed.reason == .changedDuringRead)
    #expect((changed.rowsRead, changed.rowsAccepted, changed.rowsRejected) == (0, 0, 0))
    #expect(read.results.flatMap(\.rejects).allSatisfy { !$0.file.hasSuffix("completion-big.csv") })
    #expect(read.restarts == 1)

    // The same as an inbox without the file.
    try FileManager.default.removeItem(atPath: target)
    let without = try ingest(fixture, largeAgencyBytes: .max)
    #expect(read.state == without.state)
  }
}

extension LargeFileTests {
  /// Rows whose quoted fields hold delimiters, doubled quotes and line breaks (so that LFs
  /// inside quotes could fool a cut), a stray quote (broken quoting: the quote count lies from
  /// there on), defects for the rejects' line numbers, and blank lines.
  static func trickyAssessments(lineEnding: String, strayQuote: Bool = true) -> String {
    var rows = ["respondent_id;assessed_on;role;strategy;ledelse"]
    for index in 0..<120 {
      let respondent =
        switch index % 5 {
        case 0: "\"r-\(index % 23)\(lineEnding)second line\""
        case 1: "\"r-\(index % 23);with \"\"quotes\"\"\""
        default: "r-\(index % 23)"
        }
      let date = index % 17 == 0 ? "2025-02-30" : "2025-0\(1 + index % 9)-1\(index % 10)"
      rows.append("\(respondent);\(date);team_leader;\(1 + index % 6);\(1 + index % 5),0")
      if index % 29 == 0 { rows.append("") }
      if index == 60 && strayQuote { rows.append("r-5;2025-01-01;team\"leader;3;3") }
    }
    return rows.joined(separator: lineEnding) + lineEnding
  }

  @Test(
    "a large file checked in chunks in parallel gives what one reading gives",
    arguments: ["\n", "\r\n"], [false, true])
  func chunks(lineEnding: String, windows1252: Bool) throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    var text = Array(Self.trickyAssessments(lineEnding: lineEnding).utf8)
    if windows1252 {
      text = Array(
        String(decoding: text, as: UTF8.self).replacingOccurrences(of: "second", with: "sø").utf8)
      text = Array(String(decoding: text, as: UTF8.self).data(using: .windowsCP1252)!)
    }
    try Data(text).write(
      to: URL(fileURLWithPath: fixture.path("inbox/974760673/assessment-big.csv")))
    let whole = try ingest(fixture, largeAgencyBytes: .max)
    #expect(whole.results.flatMap(\.rejects).count > 5)
    for threads in [2, 3, 7] {
      let chunked = try ingest(fixture, largeAgencyBytes: 0, recordsPerPart: 50, threads: threads)
      #expect(chunked.results.map(\.inputs) == whole.results.map(\.inputs), "threads \(threads)")
      #expect(chunked.results.map(\.rejects) == whole.results.map(\.rejects), "threads \(threads)")
      #expect(chunked.state == whole.state, "threads \(threads)")
    }
  }
}

extension LargeFileTests {
  @Test(
    "chunks are cut between records and checked in parallel; a stray quote may send the file back whole",
    arguments: [false, true], [false, true])
  func cuts(strayQuote: Bool, windows1252: Bool) throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    // `ø` in every fifth row: two bytes in UTF-8, one in Windows-1252, in every chunk.
    let text = Self.trickyAssessments(lineEnding: "\r\n", strayQuote: strayQuote)
      .replacingOccurrences(of: "second", with: "sø")
    try Data(windows1252 ? text.data(using: .windowsCP1252)! : Data(text.utf8)).write(
      to: URL(fileURLWithPath: fixture.path("inbox/974760673/assessment-big.csv")))
    let whole = try ingest(fixture, largeAgencyBytes: .max)
    let expected = try #require(
      whole.results.flatMap(\.inputs).first { $0.path.hasSuffix("assessment-big.csv") })

    let definition = try PipelineDefinition.load(path: fixture.path("small.yaml"))
    let settings = try PipelineRunner.settings(
      definition, asOf: Day(year: 2026, month: 11, day: 30)!)
    let org = OrgNumber("974760673")!
    let reader = DeliveryReader(
      settings: settings, agency: Int32(settings.register.index(of: org)!), org: org)
    let file = try DeliveryFile(path: fixture.path("inbox/974760673/assessment-big.csv"))
    let content = try DeliveryContent(
      file: file, pathInAgency: "assessment-big.csv", limits: settings.limits)
    let profile = try content.sniff()
    for threads in [2, 4] {
      var outcome = FileOutcome(
        input: InputFile(path: expected.path, bytes: file.size, status: .read))
      let chunked = reader.checkInChunks(
        content, profile: profile, kind: .assessment, into: &outcome,
        chunking: DeliveryReader.Chunking(threads: threads, minimumBytes: 0))
      if strayQuote && !chunked { continue }  // sent back whole: the quote count lied
      #expect(chunked)
      #expect(outcome.input.rowsRead == expected.rowsRead)
      #expect(
        outcome.rejects == whole.results.flatMap(\.rejects).filter { $0.file == expected.path })
    }
    let cuts = try CSVCuts(file, chunks: 5)
    #expect(cuts.ends.count == 5)
    #expect(cuts.ends.last == file.size)
  }
}

extension LargeFileTests {
  @Test("a large agency's unusable files are quarantined as in one reading, chunked or not")
  func unusableFilesInParts() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    try addLargeFiles(fixture)
    // No `role` column; bytes no encoding allows; nothing at all; only blank lines.
    try fixture.write(
      "respondent_id;assessed_on;strategy\nr-1;2025-01-01;3\n",
      to: "inbox/974760673/assessment-nocolumn.csv")
    try Data([0x72, 0x2C, 0x00, 0x81, 0x0A]).write(
      to: URL(fileURLWithPath: fixture.path("inbox/974760673/assessment-binary.csv")))
    try fixture.write("", to: "inbox/974760673/assessment-empty.csv")
    try fixture.write("\n\n", to: "inbox/974760673/assessment-blank.csv")
    let whole = try ingest(fixture, largeAgencyBytes: .max)
    let reasons = Set(whole.results.flatMap(\.inputs).compactMap(\.reason))
    #expect(reasons.isSuperset(of: [.missingColumn, .badEncoding, .noHeader]))
    for threads in [1, 3] {
      let parted = try ingest(fixture, largeAgencyBytes: 0, recordsPerPart: 7, threads: threads)
      #expect(parted.results.map(\.inputs) == whole.results.map(\.inputs), "threads \(threads)")
      #expect(parted.results.map(\.rejects) == whole.results.map(\.rejects), "threads \(threads)")
      #expect(parted.state == whole.state, "threads \(threads)")
    }
  }
}

/// Counts calls from any thread.
private final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLock()
  func next() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
