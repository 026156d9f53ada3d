import LoftCore

/// Reads one agency's files in path order and settles every file and record.
package struct AgencyIngest: Sendable {
  package let settings: IngestSettings

  package init(settings: IngestSettings) { self.settings = settings }

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
    for planned in agencyFiles.files {
      let outcome = reader.read(planned) { hash in
        readByHash[hash].map { original in
          var duplicate = InputFile(path: planned.entry.path, bytes: original.bytes, status: .duplicateFile)
          duplicate.sha256 = hash
          duplicate.kind = planned.source.kind.rawValue
          duplicate.format = planned.source.format.rawValue
          duplicate.rowsRead = original.rowsRead
          duplicate.rowsDuplicate = original.rowsRead
          return duplicate
        }
      }
      let input = fold.add(outcome)
      if input.status == .read, let hash = input.sha256, readByHash[hash] == nil {
        readByHash[hash] = input
      }
      result.inputs.append(input)
      result.rejects += outcome.rejects
    }
    result.records = fold.finish()
    return result
  }
}
