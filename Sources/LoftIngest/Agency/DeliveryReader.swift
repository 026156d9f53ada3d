import LoftCompression
import LoftCore

/// Reads one delivery: hash, duplicate check, decompression, decoding, parsing and row checks.
///
/// Whatever goes wrong with the file as a whole becomes a quarantine reason on its `_inputs`
/// row; nothing here throws or crashes on bad input.
struct DeliveryReader {
  let settings: IngestSettings
  let agency: Int32
  let org: OrgNumber
  /// The agency's column vocabularies, built once: per file they cost more than a tiny file.
  private let vocabularies: [SourceKind: ColumnVocabulary]

  init(settings: IngestSettings, agency: Int32, org: OrgNumber) {
    self.settings = settings
    self.agency = agency
    self.org = org
    vocabularies = Dictionary(
      uniqueKeysWithValues: SourceKind.allCases.map { ($0, settings.vocabulary($0, agency: org)) })
  }

  /// A file-level failure: the file is quarantined for this reason.
  struct Quarantine: Error {
    var reason: QuarantineReason
    var detail: String
    init(_ reason: QuarantineReason, _ detail: String) {
      self.reason = reason
      self.detail = detail
    }
  }

  /// A later reading of a CSV file read whole before: only the rows of one part of the
  /// pseudonyms are wanted, and the file must be the one first read (its identity), so it is
  /// neither hashed nor sniffed again.
  struct Reread {
    var part: Int
    var parts: Int
    var identity: DeliveryFile.Identity
    var profile: TextProfile

    /// Whether a row belongs to this part, by the pseudonym at `position` (a row without
    /// that field is defective, and was counted in the first reading).
    func wants(_ record: CSVRecord, pseudonymAt position: Int) -> Bool {
      position < record.count
        && ByteInterner.part(of: record.trimmed(position), in: parts) == part
    }
  }

  /// Reads a planned file; `duplicateOf` answers, from its hash, whether it repeats a file read.
  /// The pseudonyms of valid rows are numbered in `pseudonyms`.
  ///
  /// `onBatch` gets the outcome whenever it holds `batchSize` valid records, to take them out,
  /// so a file of any size is read in bounded memory; what is left at the end stays.
  /// `chunking` lets a large plain CSV file be checked in chunks in parallel: only for a
  /// reading that keeps no records, since its valid records are counted, not handed on.
  func read(
    _ planned: IngestPlan.PlannedFile, duplicateOf: (String) -> InputFile?,
    pseudonyms: inout Pseudonyms, rereading: Reread? = nil, chunking: Chunking? = nil,
    batchSize: Int = .max, onBatch: (inout FileOutcome) -> Void = { _ in }
  ) -> FileOutcome {
    let entry = planned.entry
    var input = InputFile(path: entry.path, bytes: entry.size, status: .read)
    input.kind = planned.source.kind.rawValue
    input.format = planned.source.format.rawValue
    let file: DeliveryFile
    do throws(DeliveryFile.OpenError) {
      file = try DeliveryFile(
        fileSystemPath: Array(settings.inbox.utf8) + [UInt8(ascii: "/")] + entry.fileSystemPath,
        hashing: rereading == nil)
      if let rereading, file.identity != rereading.identity { throw .changed }
    } catch {
      switch error {
      case .notRegular: input.quarantine(.notARegularFile, "not a regular file")
      case .changed: input.quarantine(.changedDuringRead, "the file changed while it was hashed")
      case .unreadable(let message): input.quarantine(.unreadable, message)
      }
      return FileOutcome(input: input)
    }
    input.sha256 = rereading == nil ? file.sha256 : nil
    input.bytes = file.size
    if rereading == nil, let duplicate = duplicateOf(file.sha256) {
      return FileOutcome(input: duplicate)
    }
    settings.afterHashing?(file.path)

    var outcome = FileOutcome(input: input)
    outcome.identity = file.identity
    var quarantine: Quarantine?
    do throws(Quarantine) {
      let content = try DeliveryContent(
        file: file, pathInAgency: entry.pathInAgency, limits: settings.limits)
      switch planned.source.format {
      case .csv:
        try readCSV(
          content, kind: planned.source.kind, expectedBytes: planned.expectedBytes,
          into: &outcome, pseudonyms: &pseudonyms,
          rereading: rereading, chunking: chunking, batchSize: batchSize,
          onBatch: onBatch)
      case .xapi: try readXAPI(content, into: &outcome, batchSize: batchSize, onBatch: onBatch)
      }
    } catch {
      quarantine = error
    }
    // Checked whatever the content looked like: what was read of a changing file says nothing.
    if !file.isUnchanged {
      quarantine = Quarantine(.changedDuringRead, "the file changed while it was read")
    }
    guard let quarantine else { return outcome }
    var quarantined = FileOutcome(input: outcome.input)
    quarantined.input.quarantine(quarantine.reason, quarantine.detail)
    return quarantined
  }

  /// The row checker of a CSV file of `kind` with `header`, or the header's problem.
  func checker(
    header: [String], kind: SourceKind, path: String, rereading: Reread?
  ) throws(HeaderMapping.Problem) -> CSVRowChecker {
    try CSVRowChecker(
      header: header, kind: kind, vocabulary: vocabularies[kind]!, context: context(path),
      catalogue: settings.catalogue, rereading: rereading)
  }

  private func context(_ path: String) -> RowContext {
    RowContext(
      file: path, folderAgency: agency, register: settings.register, model: settings.model,
      asOf: settings.asOf)
  }

  // MARK: - CSV

  private func readCSV(
    _ content: DeliveryContent, kind: SourceKind, expectedBytes: Int,
    into outcome: inout FileOutcome,
    pseudonyms: inout Pseudonyms, rereading: Reread?, chunking: Chunking?, batchSize: Int,
    onBatch: (inout FileOutcome) -> Void
  ) throws(Quarantine) {
    let profile: TextProfile
    if let rereading {
      profile = rereading.profile
    } else {
      profile = try content.sniff()
    }
    outcome.profile = profile
    if rereading == nil, let chunking,
      checkInChunks(content, profile: profile, kind: kind, into: &outcome, chunking: chunking)
    {
      return
    }
    // Room for the valid records at some 40 bytes a row (a batch at most), so that the array
    // is not copied again and again as it grows.
    let expectedRecords = min(batchSize, expectedBytes / 40)
    switch kind {
    case .assessment: outcome.assessments.reserveCapacity(expectedRecords)
    case .completion: outcome.completions.reserveCapacity(expectedRecords)
    }
    try withoutActuallyEscaping(onBatch) { onBatch throws(Quarantine) in
      try readRecords(
        content, kind: kind, profile: profile, into: &outcome, pseudonyms: &pseudonyms,
        rereading: rereading, batchSize: batchSize, onBatch: onBatch)
    }
  }

  /// Reads a CSV file's header and records into `outcome`, through a `CSVFileSink` that holds
  /// the outcome and pseudonyms while the file is read.
  private func readRecords(
    _ content: DeliveryContent, kind: SourceKind, profile: TextProfile,
    into outcome: inout FileOutcome, pseudonyms: inout Pseudonyms, rereading: Reread?,
    batchSize: Int, onBatch: @escaping (inout FileOutcome) -> Void
  ) throws(Quarantine) {
    let limits = CSVLimits(
      maxFieldBytes: settings.limits.maxFieldBytes, maxColumns: settings.limits.maxColumns)
    var parser = CSVReader(profile: profile, limits: limits)
    var sink = CSVFileSink(
      reader: self, kind: kind, rereading: rereading, batchSize: batchSize, onBatch: onBatch,
      outcome: consume outcome, pseudonyms: consume pseudonyms)
    defer {
      outcome = sink.outcome
      pseudonyms = sink.pseudonyms
    }
    try content.forEachChunk { chunk throws(Quarantine) in
      do {
        try parser.feed(rawChunk: chunk, into: &sink)
      } catch {
        throw Self.quarantine(error)
      }
      if let problem = sink.headerProblem { throw Quarantine(problem.reason, problem.message) }
    }
    do {
      try parser.finish(into: &sink)
    } catch {
      throw Self.quarantine(error)
    }
    sink.outcome.input.dialect = parser.dialectLabel
    if let problem = sink.headerProblem { throw Quarantine(problem.reason, problem.message) }
    guard parser.sawHeader else { throw Quarantine(.noHeader, "the file has no header line") }
  }

  /// Takes a CSV file's header and records: the header makes the row checker, which checks
  /// each record into the outcome.
  private struct CSVFileSink: CSVSink {
    let reader: DeliveryReader
    let kind: SourceKind
    let rereading: Reread?
    let batchSize: Int
    /// Takes the valid records out of the outcome once it holds `batchSize` of them.
    let onBatch: (inout FileOutcome) -> Void
    var outcome: FileOutcome
    var pseudonyms: Pseudonyms
    /// Set by the header, unless it has a problem.
    var checker: CSVRowChecker?
    var headerProblem: HeaderMapping.Problem?

    mutating func header(_ fields: [String], line: Int) {
      do {
        let checker = try reader.checker(
          header: fields, kind: kind, path: outcome.input.path, rereading: rereading)
        outcome.input.unknownColumns = checker.unknownColumns
        self.checker = checker
      } catch {
        headerProblem = error
      }
    }

    mutating func record(_ record: CSVRecord) {
      // Called in place, not unwrapped into a copy that would be retained and released.
      checker?.take(record, into: &outcome, pseudonyms: &pseudonyms)
      if outcome.validCount >= batchSize { onBatch(&outcome) }
    }
  }

  // MARK: - xAPI

  private func readXAPI(
    _ content: DeliveryContent, into outcome: inout FileOutcome,
    batchSize: Int, onBatch: (inout FileOutcome) -> Void
  ) throws(Quarantine) {
    let validator = XAPIStatementValidator(
      context: XAPIContext(
        file: outcome.input.path, folderAgency: agency, register: settings.register,
        catalogue: settings.catalogue, asOf: settings.asOf))
    var reader = XAPIReader(
      limits: XAPILimits(
        maxDepth: settings.limits.maxJSONDepth, maxStringBytes: settings.limits.maxFieldBytes))
    func onItem(_ item: XAPIItem) {
      outcome.input.rowsRead += 1
      switch validator.validate(item) {
      case .accepted(let event): outcome.statements.append(event)
      case .rejected(let reject): outcome.rejects.append(reject)
      }
      if outcome.validCount >= batchSize { onBatch(&outcome) }
    }
    try content.forEachChunk { chunk throws(Quarantine) in
      do {
        try reader.feed(chunk.assumingMemoryBound(to: UInt8.self), onItem)
      } catch {
        throw Self.quarantine(error)
      }
    }
    do {
      try reader.finish(onItem)
    } catch {
      throw Self.quarantine(error)
    }
    guard let form = reader.form else {
      // Like an empty CSV file, a file with nothing but white space has no statements at all.
      throw Quarantine(.noHeader, "the file is empty")
    }
    outcome.input.dialect = "xapi;\(form.rawValue)"
  }

  private static func quarantine(_ error: any Error) -> Quarantine {
    switch error {
    case let error as XAPIError:
      return Quarantine(error.reason, error.description)
    case let error as TextError:
      return Quarantine(
        error.reason == "limit_exceeded" ? .limitExceeded : .badEncoding, error.message)
    case let error as Quarantine: return error
    default: return Quarantine(.unreadable, "\(error)")
    }
  }
}
