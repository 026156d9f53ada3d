import Foundation
import Testing

@testable import LoftCore
@testable import LoftIngest
@testable import LoftPipeline
@testable import LoftPublish

/// SPEC §1.5 and §3 against `Fixtures/hostile`: every hostile or broken delivery ends in exactly
/// the outcome stated here, and a run over all of them finishes with bounded memory and file
/// descriptors. `HostileCorpusRunTests` runs the whole corpus through the `loft` binary.
@Suite(.serialized) struct HostileCorpusTests {
  typealias Outcome = HostileCorpus.Outcome
  typealias Defect = HostileCorpus.Defect

  /// Every case's `_inputs` row (status, reason, rows read/accepted/rejected/duplicate), for the
  /// checked-in files and those made at test time (except the tiny files, all `read 1/1/0/0`).
  static let expected: [String: Outcome] = [
    "974760673/assessment-cr-only.csv": Outcome(.read, read: 3, accepted: 3),
    "974760673/assessment-unterminated.csv": Outcome(.read, read: 5, accepted: 4, rejected: 1),
    "974760673/assessment-numbers.csv": Outcome(.read, read: 7, accepted: 4, rejected: 3),
    "974760673/completion-numbers.csv": Outcome(.read, read: 5, accepted: 3, rejected: 2),
    "974760673/assessment-dates.csv": Outcome(.read, read: 8, accepted: 4, rejected: 4),
    "974760673/assessment-long-field.csv": .quarantined(.limitExceeded),
    "974760673/assessment-long-header.csv": .quarantined(.limitExceeded),
    "974760673/assessment-wide.csv": .quarantined(.limitExceeded),
    "974760673/completions-deep.jsonl": .quarantined(.limitExceeded),
    "974760673/completions-long-string.jsonl": .quarantined(.limitExceeded),
    "974760673/completions-broken.json": .quarantined(.badJSON),
    "974760673/completions-truncated.json": .quarantined(.badJSON),
    HostileCorpus.nulFile: Outcome(.read, read: 4, accepted: 2, rejected: 2),
    HostileCorpus.nulWindows1252File: .quarantined(.badEncoding),
    HostileCorpus.utf16File: Outcome(.read, read: 3, accepted: 3),
    HostileCorpus.garbageCSV: .quarantined(.badEncoding),
    HostileCorpus.garbageZstd: .quarantined(.corruptCompression),
    "974760673/assessment-link.csv": .quarantined(.notARegularFile),
    "974760673/assessment-folder-link": .quarantined(.notARegularFile),
    "974760673/assessment-dangling.csv": .quarantined(.notARegularFile),
    "974760673/assessment-fifo.csv": .quarantined(.notARegularFile),
    "agency-link": .quarantined(.notARegularFile),
    HostileCorpus.changingFile: .quarantined(.changedDuringRead),
    HostileCorpus.bombFile: .quarantined(.limitExceeded),
    HostileCorpus.hugeStatementFile: Outcome(.read, read: 1, accepted: 1),
    HostileCorpus.latin1Files[0]: Outcome(.read, read: 1, accepted: 1),
    HostileCorpus.latin1Files[1]: Outcome(.read, read: 1, accepted: 1),
    HostileCorpus.latin1Files[2]: Outcome(.read, read: 1, accepted: 1),
  ]

  /// The rejected records of the files that are read, in line order.
  static let expectedDefects: [String: [Defect]] = [
    "974760673/assessment-unterminated.csv": [Defect(6, "", .malformedRow)],
    "974760673/assessment-numbers.csv": [
      Defect(2, "strategy", .outOfRange), Defect(3, "technology", .outOfRange),
      Defect(4, "transformation_leadership_current", .outOfRange),
    ],
    "974760673/completion-numbers.csv": [
      Defect(2, "minutes_spent", .outOfRange), Defect(3, "minutes_spent", .outOfRange),
    ],
    "974760673/assessment-dates.csv": [
      Defect(2, "assessed_on", .badDate), Defect(3, "assessed_on", .badDate),
      Defect(6, "assessed_on", .badDate), Defect(9, "assessed_on", .badDate),
    ],
    HostileCorpus.nulFile: [
      Defect(3, "strategy", .outOfRange), Defect(5, "assessed_on", .badDate),
    ],
  ]

  /// Checks the files' rows and rejects against the expectations above.
  func check(_ ingested: HostileCorpus.Ingested, _ paths: [String]) {
    for path in paths {
      #expect(ingested.outcome(path) == Self.expected[path], "\(path)")
      #expect(ingested.defects(path) == Self.expectedDefects[path] ?? [], "\(path)")
    }
  }

  func detail(_ ingested: HostileCorpus.Ingested, _ path: String) -> String {
    ingested.input(path)?.detail ?? ""
  }

  func withCorpus(_ body: (HostileCorpus) throws -> Void) throws {
    let corpus = try HostileCorpus()
    defer { corpus.remove() }
    try body(corpus)
  }

  // MARK: - Text

  @Test("CR-only line endings are read like any other") func crOnly() throws {
    try withCorpus { corpus in
      let ingested = try corpus.ingest()
      check(ingested, ["974760673/assessment-cr-only.csv"])
      #expect(ingested.input("974760673/assessment-cr-only.csv")?.dialect == "csv;utf-8;cr;comma")
    }
  }

  @Test("an unterminated quote is one malformed_row at the line it opens; earlier rows count")
  func unterminatedQuote() throws {
    try withCorpus { corpus in
      check(try corpus.ingest(), ["974760673/assessment-unterminated.csv"])
    }
  }

  @Test("1e309, 30 digits and an overflowing negative are out_of_range, not a crash")
  func hugeNumbers() throws {
    try withCorpus { corpus in
      check(
        try corpus.ingest(),
        ["974760673/assessment-numbers.csv", "974760673/completion-numbers.csv"])
    }
  }

  @Test("2024-02-30, 0000-00-00, 2023-02-29 and hour 25 are bad_date") func impossibleDates() throws
  {
    try withCorpus { corpus in
      check(try corpus.ingest(), ["974760673/assessment-dates.csv"])
    }
  }

  @Test("NUL bytes in UTF-8 are data: checked like any character") func nulInUTF8() throws {
    try withCorpus { corpus in
      try corpus.addNULBytes()
      let ingested = try corpus.ingest()
      check(ingested, [HostileCorpus.nulFile])
      #expect(ingested.input(HostileCorpus.nulFile)?.dialect == "csv;utf-8;lf;comma")
    }
  }

  @Test("a NUL byte in text that is not UTF-8 is bad_encoding") func nulInWindows1252() throws {
    try withCorpus { corpus in
      try corpus.addNULInWindows1252()
      check(try corpus.ingest(), [HostileCorpus.nulWindows1252File])
    }
  }

  @Test("UTF-16 LE with a BOM (Excel's Unicode text) is read, æøå and emoji intact")
  func utf16() throws {
    try withCorpus { corpus in
      try corpus.addUTF16()
      let ingested = try corpus.ingest()
      check(ingested, [HostileCorpus.utf16File])
      let input = try #require(ingested.input(HostileCorpus.utf16File))
      #expect(input.dialect == "csv;utf-16le;crlf;tab")
      #expect(input.unknownColumns == ["kommentar"])
    }
  }

  @Test("binary garbage: bad_encoding as CSV, malformed lines as JSON Lines, corrupt as zstd")
  func garbage() throws {
    try withCorpus { corpus in
      let lines = try corpus.addGarbage()
      let ingested = try corpus.ingest()
      check(ingested, [HostileCorpus.garbageCSV, HostileCorpus.garbageZstd])
      // Every line of the xAPI file is a malformed record: the file goes for its reject rate,
      // every record counted as rejected.
      #expect(
        ingested.outcome(HostileCorpus.garbageJSON)
          == Outcome(.quarantined, .rejectRate, read: lines, rejected: lines))
      #expect(lines > 100)
      #expect(
        ingested.defects(HostileCorpus.garbageJSON).allSatisfy {
          $0.reason == .malformedRow && $0.column.isEmpty
        })
      #expect(ingested.defects(HostileCorpus.garbageJSON).count == lines)
    }
  }

  // MARK: - Limits

  @Test("a field longer than max_field_bytes, or a header line, is limit_exceeded")
  func longField() throws {
    try withCorpus { corpus in
      let ingested = try corpus.ingest()
      check(
        ingested, ["974760673/assessment-long-field.csv", "974760673/assessment-long-header.csv"])
      #expect(
        detail(ingested, "974760673/assessment-long-field.csv")
          == "field longer than 1 KiB at line 3")
      #expect(
        detail(ingested, "974760673/assessment-long-header.csv")
          == "header line longer than 1 KiB at line 1")
    }
  }

  @Test("a row with more than max_columns fields is limit_exceeded") func tooManyColumns() throws {
    try withCorpus { corpus in
      let ingested = try corpus.ingest()
      check(ingested, ["974760673/assessment-wide.csv"])
      #expect(
        detail(ingested, "974760673/assessment-wide.csv") == "more than 40 columns at line 3")
    }
  }

  @Test(
    "JSON nested deeper than max_json_depth, or a string over max_field_bytes, is limit_exceeded")
  func deepJSON() throws {
    try withCorpus { corpus in
      let ingested = try corpus.ingest()
      check(
        ingested,
        ["974760673/completions-deep.jsonl", "974760673/completions-long-string.jsonl"])
      #expect(detail(ingested, "974760673/completions-deep.jsonl").hasPrefix("line 2: "))
    }
  }

  @Test("a statements document or array that is not valid JSON is bad_json") func badJSON() throws {
    try withCorpus { corpus in
      check(
        try corpus.ingest(),
        ["974760673/completions-broken.json", "974760673/completions-truncated.json"])
    }
  }

  @Test("a zstd bomb (4 GiB of zeros in 134 KiB) stops at max_decompressed_bytes")
  func zstdBomb() throws {
    try withCorpus { corpus in
      try corpus.addBomb()
      let ingested = try corpus.ingest()
      check(ingested, [HostileCorpus.bombFile])
      #expect(detail(ingested, HostileCorpus.bombFile) == "decompressed size over 64 MiB")
      #expect((ingested.input(HostileCorpus.bombFile)?.bytes ?? .max) < 256 << 10)
    }
  }

  @Test("a statement of five million values is read without keeping them")
  func hugeStatement() throws {
    try withCorpus { corpus in
      try corpus.addHugeStatement()
      check(try corpus.ingest(), [HostileCorpus.hugeStatementFile])
    }
  }

  // MARK: - Not files, changing files, many files

  @Test(
    "links to a file, to a folder and to nothing, a linked agency folder and a FIFO are never followed"
  )
  func notRegularFiles() throws {
    try withCorpus { corpus in
      try corpus.addSpecialFiles()
      let ingested = try corpus.ingest()
      check(ingested, HostileCorpus.specialFiles)
      // Nothing behind the links was listed: no path runs through them.
      #expect(
        !ingested.inputs.contains {
          $0.path.hasPrefix("agency-link/")
            || $0.path.hasPrefix("974760673/assessment-folder-link/")
        })
      // The file a link points to is read once, under its own name.
      #expect(ingested.outcome("974760673/assessment-cr-only.csv")?.status == .read)
    }
  }

  @Test("names that are not UTF-8 are read, each under its own path with \\xNN for those bytes")
  func latin1Names() throws {
    try withCorpus { corpus in
      try corpus.addLatin1Names()
      check(try corpus.ingest(), HostileCorpus.latin1Files)
    }
  }

  @Test("a file that changes after it is hashed is changed_during_read, whatever its content")
  func changedDuringRead() throws {
    try withCorpus { corpus in
      try corpus.addChangingFile()
      let ingested = try corpus.ingest(afterHashing: HostileCorpus.changeAfterHashing)
      check(ingested, [HostileCorpus.changingFile])
      // Content that would be quarantined for itself is still changed_during_read.
      try corpus.write(
        Array("respondent_id,assessed_on\n".utf8) + [0xE5, 0x00], to: HostileCorpus.changingFile)
      check(
        try corpus.ingest(afterHashing: HostileCorpus.changeAfterHashing),
        [HostileCorpus.changingFile])
      // Unchanged, the same file is read.
      try corpus.addChangingFile()
      #expect(
        try corpus.ingest().outcome(HostileCorpus.changingFile)
          == Outcome(.read, read: 2, accepted: 2))
    }
  }

  @Test("20 000 tiny files in one agency folder are all read with a handful of descriptors")
  func manyTinyFiles() throws {
    try withCorpus { corpus in
      let count = 20_000
      try corpus.addTinyFiles(count: count)
      // Sample the open descriptors while the ingest runs.
      let baseline = openFileDescriptors()
      let peak = Peak()
      let sampler = Thread {
        while !peak.stopped {
          peak.record(openFileDescriptors())
          usleep(500)
        }
      }
      sampler.start()
      defer { peak.stop() }
      let ingested = try corpus.ingest()
      peak.stop()
      let tiny = ingested.inputs.filter { $0.path.hasPrefix(HostileCorpus.tinyFolder + "/") }
      #expect(tiny.count == count)
      #expect(tiny.allSatisfy { Outcome($0) == Outcome(.read, read: 1, accepted: 1) })
      print(
        "hostile corpus: \(count) tiny files; open descriptors \(baseline) before, at most \(peak.value) while reading"
      )
      // Other suites may open a few descriptors meanwhile; a leak would be thousands.
      #expect(peak.value < baseline + 64)
    }
  }
}

/// The largest value seen by a sampling thread.
final class Peak: @unchecked Sendable {
  private let lock = NSLock()
  private var largest = 0
  private var done = false

  func record(_ value: Int) {
    lock.lock()
    largest = max(largest, value)
    lock.unlock()
  }

  func stop() {
    lock.lock()
    done = true
    lock.unlock()
  }

  var stopped: Bool {
    lock.lock()
    defer { lock.unlock() }
    return done
  }

  var value: Int {
    lock.lock()
    defer { lock.unlock() }
    return largest
  }
}
