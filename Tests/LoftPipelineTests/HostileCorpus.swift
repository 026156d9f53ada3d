import Foundation
import Testing

@testable import LoftCompression
@testable import LoftCore
@testable import LoftIngest
@testable import LoftPipeline

#if canImport(Glibc)
  import Glibc
#endif

/// `Fixtures/hostile` copied to a temporary folder, plus the cases that cannot be checked in
/// (binary, large, or not files at all), made on demand. `Fixtures/hostile/README.md` lists them.
struct HostileCorpus {
  let fixture: Fixture

  static let asOf = Day(year: 2026, month: 11, day: 30)!

  init() throws { fixture = try Fixture("hostile") }

  func remove() { fixture.remove() }

  var definition: String { fixture.path("hostile.yaml") }
  var inbox: String { fixture.path("inbox") }

  /// What became of one file: its `_inputs` row without hash, size and dialect.
  struct Outcome: Equatable, CustomStringConvertible {
    var status: InputFile.Status
    var reason: QuarantineReason?
    var read = 0
    var accepted = 0
    var rejected = 0
    var duplicate = 0

    init(
      _ status: InputFile.Status, _ reason: QuarantineReason? = nil, read: Int = 0,
      accepted: Int = 0, rejected: Int = 0, duplicate: Int = 0
    ) {
      self.status = status
      self.reason = reason
      self.read = read
      self.accepted = accepted
      self.rejected = rejected
      self.duplicate = duplicate
    }

    init(_ input: InputFile) {
      self.init(
        input.status, input.reason, read: input.rowsRead, accepted: input.rowsAccepted,
        rejected: input.rowsRejected, duplicate: input.rowsDuplicate)
    }

    static func quarantined(_ reason: QuarantineReason) -> Outcome { Outcome(.quarantined, reason) }

    var description: String {
      "\(status.rawValue) \(reason?.rawValue ?? "-") \(read)/\(accepted)/\(rejected)/\(duplicate)"
    }
  }

  /// A reject as the tests compare it: where and why, not the message.
  struct Defect: Equatable, CustomStringConvertible {
    var line: Int
    var column: String
    var reason: RejectReason

    init(_ line: Int, _ column: String, _ reason: RejectReason) {
      self.line = line
      self.column = column
      self.reason = reason
    }

    var description: String { "\(line),\(column),\(reason.rawValue)" }
  }

  /// What the ingest stage made of the inbox, as `loft run` computes it, in this process.
  struct Ingested {
    var inputs: [InputFile]
    var rejects: [Reject]

    func input(_ path: String) -> InputFile? { inputs.first { $0.path == path } }
    func outcome(_ path: String) -> Outcome? { input(path).map(Outcome.init) }
    func defects(_ path: String) -> [Defect] {
      rejects.filter { $0.file == path }.map { Defect($0.line, $0.column, $0.reason) }
    }
  }

  /// Runs the ingest stage over the inbox; `afterHashing` is the seam for `changed_during_read`.
  func ingest(
    threads: Int = 2, afterHashing: (@Sendable (String) -> Void)? = nil
  ) throws -> Ingested {
    let definition = try PipelineDefinition.load(path: definition)
    var settings = try PipelineRunner.settings(definition, asOf: Self.asOf)
    settings.afterHashing = afterHashing
    let collected = try PipelineRunner().ingestAndAggregate(settings, threads: threads)
    return Ingested(inputs: collected.inputs, rejects: collected.rejects)
  }

  // MARK: - Cases made at test time

  func write(_ bytes: [UInt8], to relative: String) throws {
    let url = URL(fileURLWithPath: fixture.path("inbox/" + relative))
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  /// A UTF-8 file with NUL bytes: in an unknown column, in a number, in a date.
  static let nulFile = "974760673/assessment-nul.csv"
  func addNULBytes() throws {
    let text =
      "respondent_id,assessed_on,role,strategy,comment\n"
      + "nul-1,2025-02-01,top_leader,3,with \0 inside\n"
      + "nul-2,2025-02-02,top_leader,3\0,x\n"
      + "nul-3,2025-02-03,top_leader,4,\n"
      + "nul-4,2025-02-04\0,other,2,\n"
    try write(Array(text.utf8), to: Self.nulFile)
  }

  /// Windows-1252 text (`blå`) with a NUL byte: no encoding it could be in.
  static let nulWindows1252File = "974760673/assessment-nul-cp1252.csv"
  func addNULInWindows1252() throws {
    let bytes =
      Array(
        "respondent_id,assessed_on,role,strategy,kommentar\nc-1,2025-02-01,top_leader,3,bl".utf8)
      + [0xE5, 0x00, 0x0A]
    try write(bytes, to: Self.nulWindows1252File)
  }

  /// Excel's "Unicode text": UTF-16 LE with a BOM, tabs, CRLF, Norwegian letters and an emoji.
  static let utf16File = "974760673/assessment-utf16.csv"
  func addUTF16() throws {
    let text =
      "respondent_id\tassessed_on\trole\tstrategy\tkommentar\r\n"
      + "u16-1\t2025-03-01\ttoppleder\t3\tæøå\r\n"
      + "u16-2\t2025-03-02\tmellomleder\t4\tÆØÅ og 😀\r\n"
      + "u16-3\t2025-03-03\tteamleder\t2\t\r\n"
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    try write(bytes, to: Self.utf16File)
  }

  /// 64 KiB of random bytes, the same every time.
  static func garbage(seed: UInt64, count: Int = 64 << 10) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
      // SplitMix64.
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return UInt8(truncatingIfNeeded: z ^ (z >> 31))
    }
  }

  static let garbageCSV = "974760673/assessment-garbage.csv"
  static let garbageJSON = "974760673/completions-garbage.json"
  static let garbageZstd = "974760673/assessment-garbage.csv.zst"

  /// Random bytes as a CSV file, as an xAPI file (starting with `#`, so it is read as JSON Lines),
  /// and after zstd's magic number. Returns the number of lines of the xAPI file that are not
  /// blank: each is one malformed record.
  @discardableResult
  func addGarbage() throws -> Int {
    try write(Self.garbage(seed: 1), to: Self.garbageCSV)
    var json = Self.garbage(seed: 2)
    json[0] = UInt8(ascii: "#")
    try write(json, to: Self.garbageJSON)
    try write(Zstd.magic + Self.garbage(seed: 3), to: Self.garbageZstd)
    return json.split(separator: 0x0A, omittingEmptySubsequences: false).filter { line in
      line.contains { ![0x20, 0x09, 0x0D].contains($0) }
    }.count
  }

  /// Symbolic links to a file inside the inbox, to a folder, to nothing, and an agency folder that
  /// is a link; and a FIFO, which would block a reader that opened it.
  static let specialFiles = [
    "974760673/assessment-link.csv", "974760673/assessment-folder-link",
    "974760673/assessment-dangling.csv", "974760673/assessment-fifo.csv", "agency-link",
  ]
  func addSpecialFiles() throws {
    let manager = FileManager.default
    try manager.createSymbolicLink(
      atPath: fixture.path("inbox/974760673/assessment-link.csv"),
      withDestinationPath: "assessment-cr-only.csv")
    try manager.createSymbolicLink(
      atPath: fixture.path("inbox/974760673/assessment-folder-link"),
      withDestinationPath: "../123456785")
    try manager.createSymbolicLink(
      atPath: fixture.path("inbox/974760673/assessment-dangling.csv"),
      withDestinationPath: "no-such-file.csv")
    try manager.createSymbolicLink(
      atPath: fixture.path("inbox/agency-link"), withDestinationPath: "974760673")
    try #require(mkfifo(fixture.path("inbox/974760673/assessment-fifo.csv"), 0o644) == 0)
  }

  /// A valid delivery that the `afterHashing` seam (or `LOFT_CHANGE_AFTER_HASH`) appends to.
  static let changingFile = "974760673/assessment-changing.csv"
  func addChangingFile() throws {
    let text =
      "respondent_id,assessed_on,role,strategy\nch-1,2025-02-01,top_leader,3\n"
      + "ch-2,2025-02-02,other,4\n"
    try write(Array(text.utf8), to: Self.changingFile)
  }

  /// Appends a line to `changingFile` once it is hashed.
  static let changeAfterHashing: @Sendable (String) -> Void = { path in
    if path.hasSuffix("/" + changingFile) { DeliveryReader.appendLine(to: path) }
  }

  /// A zstd bomb: 134 KiB that expand to 4 GiB of zeros (256 frames of 16 MiB).
  static let bombFile = "123456785/assessment-bomb.csv.zst"
  func addBomb() throws {
    let frame = try Zstd.compress([UInt8](repeating: 0, count: 16 << 20), level: 1)
    let url = URL(fileURLWithPath: fixture.path("inbox/" + Self.bombFile))
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data((0..<256).flatMap { _ in frame }).write(to: url)
  }

  /// One xAPI statement whose extension is an array of five million zeros (10 MB on one line).
  static let hugeStatementFile = "974760673/completions-huge-statement.jsonl"
  func addHugeStatement() throws {
    let head = Array(
      """
      {"id":"00000000-0000-4000-8000-000000000100","actor":{"account":{"name":"x-100"}},\
      "verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},\
      "object":{"id":"https://learn.loft.example/courses/LED-101"},\
      "timestamp":"2025-03-01T10:00:00Z","result":{"extensions":{"urn:x":[0
      """.utf8)
    var bytes = head
    bytes.reserveCapacity(head.count + 10_000_010)
    for _ in 1..<5_000_000 { bytes += [UInt8(ascii: ","), UInt8(ascii: "0")] }
    bytes += Array("]}}}\n".utf8)
    try write(bytes, to: Self.hugeStatementFile)
  }

  /// Names that are not UTF-8 (Latin-1, as zip tools on Windows write `å`, `æ`, `ø`): two files
  /// that a lossy decoding would give one path, and a folder.
  static let latin1Files = [
    "974760673/assessment-bl\\xE5.csv", "974760673/assessment-bl\\xE6.csv",
    "974760673/mappe-\\xF8/assessment.csv",
  ]
  func addLatin1Names() throws {
    let names: [[UInt8]] = [
      Array("assessment-bl".utf8) + [0xE5] + Array(".csv".utf8),
      Array("assessment-bl".utf8) + [0xE6] + Array(".csv".utf8),
      Array("mappe-".utf8) + [0xF8] + Array("/assessment.csv".utf8),
    ]
    let folder = Array(fixture.path("inbox/974760673/").utf8)
    _ = InboxScanner.withPath(folder + Array("mappe-".utf8) + [0xF8]) { mkdir($0, 0o755) }
    for (index, name) in names.enumerated() {
      let text = "respondent_id,assessed_on,role,strategy\nlat-\(index),2025-02-01,other,3\n"
      let descriptor = InboxScanner.withPath(folder + name) { open($0, O_WRONLY | O_CREAT, 0o644) }
      try #require(descriptor >= 0)
      _ = Array(text.utf8).withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      close(descriptor)
    }
  }

  /// Tiny, distinct completion files in one agency folder.
  static let tinyFolder = "988077917"
  func addTinyFiles(count: Int) throws {
    let folder = fixture.path("inbox/" + Self.tinyFolder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for index in 0..<count {
      let name = String(index + 100_000).dropFirst()  // 00000, 00001, …
      let text = "learner_id,course_id,status,enrolled_on\nt-\(name),LED-101,enrolled,2025-01-10\n"
      // Plain system calls: twenty thousand files through Foundation take a minute in debug.
      let descriptor = open(folder + "/completion-\(name).csv", O_WRONLY | O_CREAT | O_EXCL, 0o644)
      try #require(descriptor >= 0, "cannot create tiny file \(name)")
      let written = Array(text.utf8).withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress, $0.count)
      }
      close(descriptor)
      try #require(written == text.utf8.count)
    }
  }

  /// Every case above, with `tinyFiles` tiny files.
  func addEverything(tinyFiles: Int) throws {
    try addNULBytes()
    try addNULInWindows1252()
    try addUTF16()
    try addGarbage()
    try addSpecialFiles()
    try addLatin1Names()
    try addChangingFile()
    try addBomb()
    try addHugeStatement()
    try addTinyFiles(count: tinyFiles)
  }
}

/// How many file descriptors this process has open.
func openFileDescriptors() -> Int {
  (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
}
