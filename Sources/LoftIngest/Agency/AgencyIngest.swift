import LoftCore

/// Reads one agency's files in path order and settles every file and record.
package struct AgencyIngest: Sendable {
  package let settings: IngestSettings
  /// Files above this size are read twice rather than held: once to count their defects,
  /// once to fold their records batch by batch.
  package let largeFileBytes: Int
  /// Valid records folded at a time from a large file.
  package let batchSize: Int

  package init(settings: IngestSettings, largeFileBytes: Int = 64 << 20, batchSize: Int = 1 << 16) {
    self.settings = settings
    self.largeFileBytes = largeFileBytes
    self.batchSize = batchSize
  }

  /// What one agency's folder came to.
  package struct Result: Sendable {
    /// A row per file, in path order.
    package var inputs: [InputFile] = []
    /// Defective records, by file then line.
    package var rejects: [Reject] = []
    /// The folded records for the statistics.
    package var records: AgencyRecords
  }

  package func run(_ agencyFiles: IngestPlan.AgencyFiles) -> Result {
    let agency = agencyFiles.agency
    let org = settings.register.agencies[Int(agency)].orgNumber
    var fold = AgencyFold(
      agency: agency, granularity: settings.granularity, maxRejectRate: settings.maxRejectRate)
    var result = Result(records: AgencyRecords(agency: agency, assessments: [], enrolments: []))
    // A file whose SHA-256 equals an earlier file's of this folder that was read is a duplicate.
    var readByHash: [String: InputFile] = [:]
    let reader = DeliveryReader(settings: settings, agency: agency, org: org)
    var pseudonyms = Pseudonyms()
    for planned in agencyFiles.files {
      let duplicateOf = { (hash: String) -> InputFile? in
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
      let (input, rejects) =
        planned.entry.size > largeFileBytes
        ? readLarge(
          planned, reader: reader, fold: &fold, pseudonyms: &pseudonyms, duplicateOf: duplicateOf)
        : readSmall(
          planned, reader: reader, fold: &fold, pseudonyms: &pseudonyms, duplicateOf: duplicateOf)
      if input.status == .read, let hash = input.sha256, readByHash[hash] == nil {
        readByHash[hash] = input
      }
      result.inputs.append(input)
      result.rejects += rejects
    }
    result.records = fold.finish(learners: &pseudonyms.learners)
    return result
  }

  private func readSmall(
    _ planned: IngestPlan.PlannedFile, reader: DeliveryReader, fold: inout AgencyFold,
    pseudonyms: inout Pseudonyms, duplicateOf: (String) -> InputFile?
  ) -> (InputFile, [Reject]) {
    let outcome = reader.read(planned, duplicateOf: duplicateOf, pseudonyms: &pseudonyms)
    return (fold.add(outcome), outcome.rejects)
  }

  /// A large file: the reject rate must be known before any record is used, so a first pass
  /// counts (dropping valid records as it goes) and a second folds them in batches.
  private func readLarge(
    _ planned: IngestPlan.PlannedFile, reader: DeliveryReader, fold: inout AgencyFold,
    pseudonyms: inout Pseudonyms, duplicateOf: (String) -> InputFile?
  ) -> (InputFile, [Reject]) {
    let drop: (inout FileOutcome) -> Void = { outcome in
      outcome.assessments.removeAll(keepingCapacity: true)
      outcome.completions.removeAll(keepingCapacity: true)
      outcome.statements.removeAll(keepingCapacity: true)
    }
    let batch = batchSize
    var counted = reader.read(
      planned, duplicateOf: duplicateOf, pseudonyms: &pseudonyms, batchSize: batch, onBatch: drop)
    drop(&counted)
    var input = counted.input
    guard fold.admit(&input, rejects: counted.rejects.count) else {
      return (input, counted.rejects)
    }

    // The fold is a value: keep it as it was, in case the second reading goes wrong.
    let before = fold
    var second = reader.read(
      planned, duplicateOf: { _ in nil }, pseudonyms: &pseudonyms, batchSize: batch,
      onBatch: { records in
        fold.take(records, into: &input)
        drop(&records)
      })
    guard second.input.status == .read, second.input.sha256 == counted.input.sha256 else {
      // Changed (or unreadable) between the passes: nothing of it may be used.
      fold = before
      var changed = counted.input
      changed.quarantine(.changedDuringRead, "the file changed between its two readings")
      return (changed, [])
    }
    fold.take(second, into: &input)
    drop(&second)
    return (input, counted.rejects)
  }
}
