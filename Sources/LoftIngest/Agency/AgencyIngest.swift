import LoftCore

/// Reads one agency's files in path order and settles every file and record.
///
/// A small agency is read once, its records folded as they come. A large one is read in
/// parts, so that its records are never all held: a first reading checks every record and
/// settles every file (valid CSV records are counted, then dropped); then each part of the
/// pseudonyms is folded on its own, from a further reading of the agency's CSV files that takes
/// only that part's rows. Every record key includes the pseudonym (SPEC §8), so a duplicate,
/// an enrolment or a respondent's latest answer never spans two parts, and the statistics of
/// the parts add up to those of the whole.
package struct AgencyIngest: Sendable {
  package let settings: IngestSettings
  /// An agency whose deliveries are larger than this (zstd files counted at 8 times their
  /// size) is read in parts.
  package let largeAgencyBytes: Int
  /// At most this many valid CSV records are folded in one part.
  package let recordsPerPart: Int
  /// Valid records taken out of a reading at a time.
  package let batchSize: Int
  /// Threads for checking one large file in chunks.
  package let threads: Int
  /// Plain CSV files from this size on are checked in chunks (in a large agency's first reading).
  package let chunkedFileBytes: Int

  package init(
    settings: IngestSettings, largeAgencyBytes: Int = 32 << 20, recordsPerPart: Int = 1 << 21,
    batchSize: Int = 1 << 16, threads: Int = 1, chunkedFileBytes: Int = 32 << 20
  ) {
    self.settings = settings
    self.threads = threads
    self.chunkedFileBytes = chunkedFileBytes
    self.largeAgencyBytes = largeAgencyBytes
    self.recordsPerPart = recordsPerPart
    self.batchSize = batchSize
  }

  /// What one agency's folder came to.
  package struct Result: Sendable {
    /// A row per file, in path order.
    package var inputs: [InputFile] = []
    /// Defective records, by file then line.
    package var rejects: [Reject] = []
  }

  /// Reads the agency's files; `onRecords` gets its folded records — once, or once per part.
  /// `onRestart` says to forget what `onRecords` got so far: a file changed between two
  /// readings and is quarantined, and the parts are folded again without it.
  package func run(
    _ agencyFiles: IngestPlan.AgencyFiles, onRecords: (AgencyRecords) -> Void,
    onRestart: () -> Void = {}
  ) -> Result {
    agencyFiles.expectedBytes > largeAgencyBytes
      ? runInParts(agencyFiles, onRecords: onRecords, onRestart: onRestart)
      : runWhole(agencyFiles, onRecords: onRecords)
  }

  private func reader(_ agencyFiles: IngestPlan.AgencyFiles) -> DeliveryReader {
    let org = settings.register.agencies[Int(agencyFiles.agency)].orgNumber
    return DeliveryReader(settings: settings, agency: agencyFiles.agency, org: org)
  }

  private func newFold(_ agency: Int32, expectedRecords: Int = 0) -> AgencyFold {
    AgencyFold(
      agency: agency, granularity: settings.granularity, maxRejectRate: settings.maxRejectRate,
      expectedRecords: expectedRecords)
  }

  /// A small agency: each file read once, its records held until the file is admitted.
  private func runWhole(
    _ agencyFiles: IngestPlan.AgencyFiles, onRecords: (AgencyRecords) -> Void
  ) -> Result {
    let reader = reader(agencyFiles)
    var fold = newFold(agencyFiles.agency, expectedRecords: agencyFiles.expectedCSVRecords)
    var pseudonyms = Pseudonyms()
    var files = FileHashes()
    var result = Result()
    for planned in agencyFiles.files {
      let outcome = reader.read(
        planned, duplicateOf: { files.duplicate(planned, hash: $0) }, pseudonyms: &pseudonyms)
      let input = fold.add(outcome)
      files.remember(input)
      result.inputs.append(input)
      result.rejects += outcome.rejects
    }
    onRecords(fold.finish(learners: &pseudonyms.learners))
    return result
  }

  /// One file of a large agency, as its first reading left it.
  private struct FirstReading {
    var planned: IngestPlan.PlannedFile
    var input: InputFile
    var rejects: [Reject]
    /// Set for a CSV file whose records are used: what a further reading must find again.
    var reread: (identity: DeliveryFile.Identity, profile: TextProfile)?
  }

  /// A large agency: a first reading settles every file; then the valid CSV records are
  /// folded part by part.
  private func runInParts(
    _ agencyFiles: IngestPlan.AgencyFiles, onRecords: (AgencyRecords) -> Void,
    onRestart: () -> Void
  ) -> Result {
    let agency = agencyFiles.agency
    let reader = reader(agencyFiles)
    // Statement ids and voiding cross learners: xAPI statements are settled here, whole.
    var statements = newFold(agency)
    var checking = Pseudonyms(numbering: false)
    var files = FileHashes()
    var firsts: [FirstReading] = []
    var validCSVRecords = 0
    for planned in agencyFiles.files {
      var outcome = reader.read(
        planned, duplicateOf: { files.duplicate(planned, hash: $0) }, pseudonyms: &checking,
        chunking: DeliveryReader.Chunking(threads: threads, minimumBytes: chunkedFileBytes),
        batchSize: batchSize, onBatch: { $0.dropValidRecords() })
      outcome.dropValidRecords()
      var input = outcome.input
      var reread: (DeliveryFile.Identity, TextProfile)?
      if statements.admit(&input, rejects: outcome.rejects.count) {
        statements.take(outcome, into: &input)
        if planned.source.format == .csv, let identity = outcome.identity,
          let profile = outcome.profile
        {
          reread = (identity, profile)
          validCSVRecords += input.rowsRead - input.rowsRejected
        }
      }
      files.remember(input)
      firsts.append(
        FirstReading(planned: planned, input: input, rejects: outcome.rejects, reread: reread))
    }

    let parts = 1 + max(0, validCSVRecords - 1) / recordsPerPart
    // Pseudonyms spread evenly over the parts: a little room above the average.
    let expectedRecords = validCSVRecords / parts + validCSVRecords / parts / 8
    var statementsByPart = Array(repeating: [XAPIEvent](), count: parts)
    for statement in XAPIFold.unvoided(statements.acceptedStatements) {
      var learner = statement.learner
      let part = learner.withUTF8 { ByteInterner.part(of: $0, in: parts) }
      statementsByPart[part].append(statement)
    }
    // Each restart quarantines one more file, so this ends.
    while !foldParts(
      parts, of: &firsts, statements: statementsByPart, expectedRecords: expectedRecords,
      reader: reader, agency: agency, onRecords: onRecords)
    {
      onRestart()
    }
    return Result(inputs: firsts.map(\.input), rejects: firsts.flatMap(\.rejects))
  }

  /// Folds each part from further readings of the CSV files; false when a file changed since
  /// its first reading (it is quarantined in `firsts`, and the parts must be folded again).
  private func foldParts(
    _ parts: Int, of firsts: inout [FirstReading], statements: [[XAPIEvent]],
    expectedRecords: Int, reader: DeliveryReader, agency: Int32,
    onRecords: (AgencyRecords) -> Void
  ) -> Bool {
    var inputs = firsts.map(\.input)
    for part in 0..<parts {
      var fold = newFold(agency, expectedRecords: expectedRecords)
      var pseudonyms = Pseudonyms()
      fold.include(statements[part])
      for index in firsts.indices {
        fold.startFile()
        guard let (identity, profile) = firsts[index].reread else { continue }
        let reread = DeliveryReader.Reread(
          part: part, parts: parts, identity: identity, profile: profile)
        let taken = { (outcome: inout FileOutcome) in
          fold.take(outcome, into: &inputs[index])
          outcome.dropValidRecords()
          // Counted in the first reading.
          outcome.rejects.removeAll(keepingCapacity: true)
        }
        var outcome = reader.read(
          firsts[index].planned, duplicateOf: { _ in nil }, pseudonyms: &pseudonyms,
          rereading: reread, batchSize: batchSize, onBatch: taken)
        guard outcome.input.status == .read else {
          // Changed (or gone) since the first reading: nothing of it may be used.
          var changed = firsts[index].input
          changed.quarantine(.changedDuringRead, "the file changed between its readings")
          firsts[index] = FirstReading(
            planned: firsts[index].planned, input: changed, rejects: [], reread: nil)
          return false
        }
        taken(&outcome)
      }
      onRecords(fold.finish(learners: &pseudonyms.learners))
    }
    firsts = zip(firsts, inputs).map { first, input in
      var first = first
      first.input = input
      return first
    }
    return true
  }
}

/// The files of one agency folder read so far, by hash: a file whose SHA-256 equals an
/// earlier file's that was read is a duplicate.
private struct FileHashes {
  private var readByHash: [String: InputFile] = [:]

  mutating func remember(_ input: InputFile) {
    if input.status == .read, let hash = input.sha256, readByHash[hash] == nil {
      readByHash[hash] = input
    }
  }

  /// The `_inputs` row of `planned` as a duplicate, when `hash` is an earlier read file's.
  func duplicate(_ planned: IngestPlan.PlannedFile, hash: String) -> InputFile? {
    readByHash[hash].map { original in
      var duplicate = InputFile(
        path: planned.entry.path, bytes: original.bytes, status: .duplicateFile)
      duplicate.sha256 = hash
      duplicate.kind = planned.source.kind.rawValue
      duplicate.format = planned.source.format.rawValue
      duplicate.rowsRead = original.rowsRead
      duplicate.rowsDuplicate = original.rowsRead
      return duplicate
    }
  }
}
