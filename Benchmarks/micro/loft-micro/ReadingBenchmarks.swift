import Foundation
import LoftCore
import LoftIngest

/// One plain CSV delivery of the inbox, held in memory, with what its checks need.
struct Delivery {
  let path: String
  let agency: Int32
  let kind: SourceKind
  let vocabulary: ColumnVocabulary
  let bytes: [UInt8]
}

/// Reading a CSV delivery's bytes, timed in steps that each add one thing to the one before:
///
/// - `floor-newlines`: every byte looked at once (line feeds counted): what no reader beats;
/// - `tokenize`: encoding and line endings sniffed, transcoded to UTF-8 where needed, `sep=`
///   line, header and delimiter found, and every record split into fields (`CSVReader`);
/// - `validate`: and every record checked by its kind's row validator, the pseudonyms
///   numbered per agency, as `loft run` does before folding.
///
/// The deliveries are read from disk before any timing. Compressed ones and xAPI are left out,
/// and so is a file that `loft run` would quarantine whole (no known encoding, a bad header, a
/// limit): it is read once, untimed, to find out.
struct ReadingBenchmarks {
  let settings: IngestSettings
  let deliveries: [Delivery]
  /// Plain CSV deliveries left out because they are quarantined whole.
  let quarantined: Int
  let limits: CSVLimits
  /// Chunks as the reader gets them from a file (`DeliveryFile.chunkSize`).
  static let chunkSize = 4 << 20

  init(settings: IngestSettings) throws {
    self.settings = settings
    let entries = try InboxScanner.scan(inbox: settings.inbox)
    let plan = IngestPlan(entries: entries, settings: settings)
    var deliveries: [Delivery] = []
    for agencyFiles in plan.agencies {
      let org = settings.register.agencies[Int(agencyFiles.agency)].orgNumber
      for planned in agencyFiles.files
      where planned.source.format == .csv && !planned.entry.path.lowercased().hasSuffix(".zst") {
        let url = URL(fileURLWithPath: settings.inbox).appendingPathComponent(planned.entry.path)
        deliveries.append(
          Delivery(
            path: planned.entry.path, agency: agencyFiles.agency, kind: planned.source.kind,
            vocabulary: settings.vocabulary(planned.source.kind, agency: org),
            bytes: [UInt8](try Data(contentsOf: url))))
      }
    }
    let limits = CSVLimits(
      maxFieldBytes: settings.limits.maxFieldBytes, maxColumns: settings.limits.maxColumns)
    self.limits = limits
    self.deliveries = deliveries.filter { delivery in
      var sink = CheckingSink(
        delivery: delivery, settings: settings, learners: ByteInterner(),
        respondents: ByteInterner())
      return (try? Self.read(delivery, limits: limits, into: &sink)) != nil
    }
    quarantined = deliveries.count - self.deliveries.count
  }

  func run(rounds: Int) throws -> [Measurement] {
    let bytes = deliveries.reduce(0) { $0 + $1.bytes.count }
    var floor = Timing()
    var tokenize = Timing()
    var validate = Timing()
    var lines = 0
    var records = 0
    var checked = (accepted: 0, rejected: 0)
    // Taking turns, round after round, so a slower minute falls on every step alike.
    for _ in 0..<rounds {
      lines = floor.time { countLineFeeds() }
      records = try tokenize.time { try tokenizeAll() }
      checked = try validate.time { try validateAll() }
    }
    guard checked.accepted + checked.rejected == records else {
      throw MicroError("validate saw \(checked) records, tokenize \(records)")
    }
    let counted = deliveries.reduce(0) { $0 + $1.bytes.lazy.filter { $0 == 0x0A }.count }
    guard lines == counted else {
      throw MicroError("the SIMD floor counted \(lines) line feeds, a plain loop \(counted)")
    }
    FileHandle.standardError.write(
      "loft-micro: \(deliveries.count) files (\(quarantined) left out, quarantined whole), \(lines) line feeds, \(records) records, \(checked.accepted) valid, \(checked.rejected) rejected\n"
        .data(using: .utf8)!)
    return [
      Measurement(name: "floor-newlines", timing: floor, bytes: bytes, items: records),
      Measurement(
        name: "tokenize", baseline: "floor-newlines", timing: tokenize, bytes: bytes,
        items: records),
      Measurement(
        name: "validate", baseline: "tokenize", timing: validate, bytes: bytes, items: records),
    ]
  }

  private func countLineFeeds() -> Int {
    deliveries.reduce(0) { count, delivery in
      count + delivery.bytes.withUnsafeBytes(Self.lineFeeds)
    }
  }

  /// The line feeds in `bytes`, 32 bytes at a time: every byte looked at once, at about the
  /// speed memory gives them.
  static func lineFeeds(in bytes: UnsafeRawBufferPointer) -> Int {
    let lineFeed = SIMD32<UInt8>(repeating: 0x0A)
    var total = 0
    var offset = 0
    while bytes.count - offset >= 32 {
      // Each lane counts to at most 255 before it is added up.
      var lanes = SIMD32<UInt8>()
      var steps = 0
      while steps < 255 && bytes.count - offset >= 32 {
        let chunk = bytes.loadUnaligned(fromByteOffset: offset, as: SIMD32<UInt8>.self)
        // A true lane of the mask is all ones: subtracting it adds one.
        lanes &-= unsafeBitCast(chunk .== lineFeed, to: SIMD32<UInt8>.self)
        offset += 32
        steps += 1
      }
      total += Int(SIMD32<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
    }
    for byte in bytes[offset...] where byte == 0x0A { total += 1 }
    return total
  }

  /// Every delivery's records, counted.
  private func tokenizeAll() throws -> Int {
    var total = 0
    for delivery in deliveries {
      var sink = CountingSink()
      try read(delivery, into: &sink)
      total += sink.records
    }
    return total
  }

  /// Every delivery's records, checked; the pseudonyms numbered per agency, as in a run.
  private func validateAll() throws -> (accepted: Int, rejected: Int) {
    var accepted = 0
    var rejected = 0
    var agency: Int32 = -1
    var learners = ByteInterner()
    var respondents = ByteInterner()
    for delivery in deliveries {
      if delivery.agency != agency {
        agency = delivery.agency
        learners = ByteInterner()
        respondents = ByteInterner()
      }
      var sink = CheckingSink(
        delivery: delivery, settings: settings, learners: learners, respondents: respondents)
      try read(delivery, into: &sink)
      accepted += sink.accepted
      rejected += sink.rejected
      learners = sink.learners
      respondents = sink.respondents
    }
    return (accepted, rejected)
  }

  private func read(_ delivery: Delivery, into sink: inout some CSVSink) throws {
    try Self.read(delivery, limits: limits, into: &sink)
  }

  /// Sniffs the delivery, then feeds it to a `CSVReader` in chunks, as `loft run` reads a file.
  private static func read(
    _ delivery: Delivery, limits: CSVLimits, into sink: inout some CSVSink
  ) throws {
    try delivery.bytes.withUnsafeBytes { raw in
      // The file's chunks, as `loft run` reads them: sniffed, then read.
      let chunks = stride(from: 0, to: raw.count, by: chunkSize).map { start in
        UnsafeRawBufferPointer(rebasing: raw[start..<min(start + chunkSize, raw.count)])
      }
      var sniffer = TextSniffer()
      for chunk in chunks { sniffer.feed(chunk) }
      guard let profile = sniffer.finish() else {
        throw MicroError("\(delivery.path): not text in a known encoding")
      }
      var reader = CSVReader(profile: profile, limits: limits)
      for chunk in chunks { try reader.feed(rawChunk: chunk, into: &sink) }
      try reader.finish(into: &sink)
    }
  }
}

/// Counts records and their fields: the reader's work alone.
private struct CountingSink: CSVSink {
  var records = 0
  var fields = 0

  mutating func header(_ fields: [String], line: Int) {}

  mutating func record(_ record: CSVRecord) {
    records += 1
    fields += record.count
  }
}

/// Checks each record with the validator its header calls for.
private struct CheckingSink: CSVSink {
  let delivery: Delivery
  let settings: IngestSettings
  var learners: ByteInterner
  var respondents: ByteInterner
  var completion: CompletionRowValidator?
  var assessment: AssessmentRowValidator?
  var accepted = 0
  var rejected = 0

  init(
    delivery: Delivery, settings: IngestSettings, learners: ByteInterner,
    respondents: ByteInterner
  ) {
    self.delivery = delivery
    self.settings = settings
    self.learners = learners
    self.respondents = respondents
  }

  mutating func header(_ fields: [String], line: Int) throws {
    let mapping = try HeaderMapping(
      header: fields, vocabulary: delivery.vocabulary, model: settings.model)
    let context = RowContext(
      file: delivery.path, folderAgency: delivery.agency, register: settings.register,
      model: settings.model, asOf: settings.asOf)
    switch delivery.kind {
    case .completion:
      completion = CompletionRowValidator(
        mapping: mapping, context: context, catalogue: settings.catalogue)
    case .assessment:
      assessment = AssessmentRowValidator(mapping: mapping, context: context)
    }
  }

  mutating func record(_ record: CSVRecord) {
    if isValid(record) { accepted += 1 } else { rejected += 1 }
  }

  private mutating func isValid(_ record: CSVRecord) -> Bool {
    guard record.defect == nil else { return false }
    if let completion, case .success = completion.validate(record, pseudonyms: &learners) {
      return true
    }
    if let assessment, case .success = assessment.validate(record, pseudonyms: &respondents) {
      return true
    }
    return false
  }
}
