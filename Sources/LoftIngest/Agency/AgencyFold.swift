import LoftCore

/// Takes one agency's files in path order and settles every record: accepted, rejected or
/// duplicate; then keeps each respondent's latest assessment per period and folds completion
/// records into enrolments.
///
/// Every record key includes the agency, so this state never grows beyond one agency.
package struct AgencyFold {
  let agency: Int32
  let granularity: PeriodGranularity
  let maxRejectRate: Double

  private var seenAssessments: Set<AssessmentRecord> = []
  private var seenStatements: Set<String> = []
  /// Each learner pseudonym's number in this agency.
  private var learners: [String: Int32] = [:]
  private var latest: [LatestKey: (origin: RecordOrigin, record: AssessmentRecord)] = [:]
  private var csvEnrolments: [CSVEnrolmentKey: CSVFold] = [:]
  private var statements: [XAPIEvent] = []
  private var fileIndex: Int32 = 0

  private struct LatestKey: Hashable {
    var respondent: String
    var period: Period
  }

  private struct CSVEnrolmentKey: Hashable {
    var learner: Int32
    var course: Int32
    var enrolledOn: Day
  }

  /// One CSV enrolment being folded, with the distinct records seen for it: a record equal to
  /// one of them (every canonical value the same) is a duplicate.
  private struct CSVFold {
    struct Variant: Equatable {
      var status: CompletionStatus
      var completedOn: Day?
      var minutes: Int?
    }

    var enrolment: Enrolment
    var variants: [Variant] = []

    /// Folds a record in; false when it repeats one already folded.
    mutating func take(_ record: CompletionRecord) -> Bool {
      let variant = Variant(
        status: record.status, completedOn: record.completedOn, minutes: record.minutes)
      guard !variants.contains(variant) else { return false }
      if variants.isEmpty {
        enrolment.status = record.status
        enrolment.completedOn = record.completedOn
        enrolment.minutes = record.minutes
      } else {
        enrolment.status = max(enrolment.status, record.status)
        enrolment.completedOn = earliest(enrolment.completedOn, record.completedOn)
        // CSV minutes are cumulative: the largest value counts.
        if let minutes = record.minutes { enrolment.minutes = max(enrolment.minutes ?? 0, minutes) }
      }
      variants.append(variant)
      return true
    }
  }

  /// The number of a learner pseudonym in this agency, given on first sight.
  private mutating func learnerNumber(_ pseudonym: String) -> Int32 {
    if let number = learners[pseudonym] { return number }
    let number = Int32(learners.count)
    learners[pseudonym] = number
    return number
  }

  package init(agency: Int32, granularity: PeriodGranularity, maxRejectRate: Double) {
    self.agency = agency
    self.granularity = granularity
    self.maxRejectRate = maxRejectRate
  }

  /// Settles one file's records (files must come in path order); returns the file's final row.
  package mutating func add(_ outcome: FileOutcome) -> InputFile {
    var input = outcome.input
    guard admit(&input, rejects: outcome.rejects.count) else { return input }
    take(outcome, into: &input)
    return input
  }

  /// Starts a file: counts its rejects and decides whether its records are used at all — not
  /// when it is quarantined, or when more of its records are defective than the limit allows.
  package mutating func admit(_ input: inout InputFile, rejects: Int) -> Bool {
    fileIndex += 1
    guard input.status == .read else { return false }
    input.rowsRejected = rejects
    let rate = input.rowsRead == 0 ? 0 : Double(rejects) / Double(input.rowsRead)
    guard rate > maxRejectRate else { return true }
    let read = input.rowsRead
    input.quarantine(
      .rejectRate, "\(rejects) of \(read) records are defective, above the limit \(maxRejectRate)")
    input.rowsRead = read
    input.rowsRejected = read
    return false
  }

  /// Takes valid records of the file last admitted — all at once, or batch by batch for a
  /// file too large to hold — counting each as accepted or duplicate.
  package mutating func take(_ batch: FileOutcome, into input: inout InputFile) {
    for item in batch.assessments {
      if seenAssessments.insert(item.record).inserted {
        input.rowsAccepted += 1
        keepIfLatest(item.record, origin: RecordOrigin(file: fileIndex, line: Int32(item.line)))
      } else {
        input.rowsDuplicate += 1
      }
    }
    for item in batch.completions {
      let record = item.record
      let learner = learnerNumber(record.learner)
      let key = CSVEnrolmentKey(
        learner: learner, course: record.course, enrolledOn: record.enrolledOn)
      let empty = Enrolment(
        agency: agency, learner: learner, course: record.course, status: record.status,
        enrolledOn: record.enrolledOn, completedOn: nil, minutes: nil)
      // One lookup both folds the record and tells whether it repeats an earlier one.
      if csvEnrolments[key, default: CSVFold(enrolment: empty)].take(record) {
        input.rowsAccepted += 1
      } else {
        input.rowsDuplicate += 1
      }
    }
    for statement in batch.statements {
      if seenStatements.insert(statement.id).inserted {
        input.rowsAccepted += 1
        statements.append(statement)
      } else {
        input.rowsDuplicate += 1
      }
    }
  }

  private mutating func keepIfLatest(_ record: AssessmentRecord, origin: RecordOrigin) {
    let key = LatestKey(
      respondent: record.respondent,
      period: Period(containing: record.date, granularity: granularity))
    // The latest date wins; on the same date the later file, then the later line.
    if let current = latest[key], (current.record.date, current.origin) > (record.date, origin) {
      return
    }
    latest[key] = (origin, record)
  }

  /// The agency's records for the statistics, in no particular order: every statistic is an
  /// exact sum, so the order cannot change a result.
  package mutating func finish() -> AgencyRecords {
    let assessments = latest.values.map(\.record)
    var enrolments = csvEnrolments.values.map(\.enrolment)
    for statement in statements { _ = learnerNumber(statement.learner) }
    enrolments += XAPIFold.enrolments(statements, agency: agency, learners: learners)
    return AgencyRecords(agency: agency, assessments: assessments, enrolments: enrolments)
  }
}

func earliest(_ a: Day?, _ b: Day?) -> Day? {
  switch (a, b) {
  case (let a?, let b?): min(a, b)
  case (let a?, nil): a
  case (nil, let b): b
  }
}
