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

  /// Every distinct assessment record taken, as fingerprints: a record equal to one of them is
  /// a duplicate.
  private var seen = FingerprintSet()
  private var seenStatements = TextSet()
  /// Each respondent's latest assessment per period, each chained to the respondent's one of
  /// another period before it: a respondent has a few periods, so they are looked through.
  private var latest: [LatestAssessment] = []
  /// By respondent number (they are numbered from 0 per agency), the index in `latest` of the
  /// respondent's last period added; -1 for none.
  private var lastOfRespondent: [Int32] = []
  /// The CSV enrolments being folded, and where each key's is.
  private var enrolments: [Enrolment] = []
  /// Each enrolment's key, numbered by the enrolment's index.
  private var enrolmentIndex = EnrolmentMap()
  /// Each enrolment's last distinct completion record, by the enrolment's index: an index into
  /// `distinct`.
  private var lastDistinct: [Int32] = []
  /// The values beyond the enrolment key of every distinct completion record taken, each
  /// chained to the one before it of its enrolment. A duplicate has its enrolment key (SPEC
  /// §1.3: equal in every canonical value), so it is looked for only among its enrolment's
  /// records, usually one to three.
  private var distinct: [DistinctCompletion] = []
  private var statements: [XAPIEvent] = []
  private var fileIndex: Int32 = 0
  /// The enrolment keys of the completion records being taken, `lookahead` at a time; reused.
  private var keys: [EnrolmentMap.Key] = []
  /// How many records' table slots are fetched into the cache before the first is used.
  private static let lookahead = 16

  /// `expectedRecords` sizes the duplicate check and the enrolments for that many CSV records.
  package init(
    agency: Int32, granularity: PeriodGranularity, maxRejectRate: Double, expectedRecords: Int = 0
  ) {
    // Enrolments take one to a few records each: room for half of them, so that the large
    // tables do not grow (holding old and new at once) in the middle of a part.
    enrolmentIndex = EnrolmentMap(capacity: expectedRecords / 2)
    enrolments.reserveCapacity(expectedRecords / 2)
    lastDistinct.reserveCapacity(expectedRecords / 2)
    distinct.reserveCapacity(expectedRecords)
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
    startFile()
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

  /// Moves on to the next file in path order, without admitting it (a later reading of a
  /// file admitted before).
  package mutating func startFile() { fileIndex += 1 }

  /// The accepted xAPI statements, each once.
  package var acceptedStatements: [XAPIEvent] { statements }

  /// Adds statements accepted (and counted) elsewhere, to be folded by `finish`.
  package mutating func include(_ statements: [XAPIEvent]) { self.statements += statements }

  /// Takes valid records of the file last admitted — all at once, or batch by batch for a
  /// file too large to hold — counting each as accepted or duplicate.
  package mutating func take(_ batch: FileOutcome, into input: inout InputFile) {
    for item in batch.assessments {
      if seen.insert(item.record.fingerprint) {
        input.rowsAccepted += 1
        keepIfLatest(item.record, origin: RecordOrigin(file: fileIndex, line: Int32(item.line)))
      } else {
        input.rowsDuplicate += 1
      }
    }
    // The table is far larger than the cache and each record lands in it at random: the
    // slots a few records need are fetched together, so that their misses overlap.
    let completions = batch.completions
    var start = completions.startIndex
    while start < completions.endIndex {
      let end = min(start + Self.lookahead, completions.endIndex)
      keys.removeAll(keepingCapacity: true)
      for item in completions[start..<end] {
        let key = EnrolmentMap.Key(item.record)
        enrolmentIndex.prefetch(key)
        keys.append(key)
      }
      for (item, key) in zip(completions[start..<end], keys) {
        if fold(item.record, key: key) {
          input.rowsAccepted += 1
        } else {
          input.rowsDuplicate += 1
        }
      }
      start = end
    }
    for statement in batch.statements {
      if seenStatements.insert(statement.id) {
        input.rowsAccepted += 1
        statements.append(statement)
      } else {
        input.rowsDuplicate += 1
      }
    }
  }

  /// Folds a CSV record into its enrolment (whose key is `key`): the most advanced
  /// status, the earliest completion, the largest minutes (CSV minutes are cumulative).
  /// False, and nothing folded, when the record is a duplicate.
  private mutating func fold(_ record: CompletionRecord, key: EnrolmentMap.Key) -> Bool {
    let (number, added) = enrolmentIndex.number(of: key, orAdding: Int32(enrolments.count))
    let index = Int(number)
    let values = DistinctCompletion(record, previous: added ? -1 : lastDistinct[index])
    guard !added else {
      lastDistinct.append(Int32(distinct.count))
      distinct.append(values)
      enrolments.append(
        Enrolment(
          agency: agency, learner: record.learner, course: record.course, status: record.status,
          enrolledOn: record.enrolledOn, completedOn: record.completedOn, minutes: record.minutes))
      return true
    }
    var link = values.previous
    while link >= 0 {
      if distinct[Int(link)].hasValues(of: values) { return false }
      link = distinct[Int(link)].previous
    }
    lastDistinct[index] = Int32(distinct.count)
    distinct.append(values)
    enrolments[index].status = max(enrolments[index].status, record.status)
    enrolments[index].completedOn = earliest(enrolments[index].completedOn, record.completedOn)
    if let minutes = record.minutes {
      enrolments[index].minutes = max(enrolments[index].minutes ?? 0, minutes)
    }
    return true
  }

  private mutating func keepIfLatest(_ record: AssessmentRecord, origin: RecordOrigin) {
    let period = Period(containing: record.date, granularity: granularity)
    let respondent = Int(record.respondent)
    if respondent >= lastOfRespondent.count {
      lastOfRespondent += repeatElement(-1, count: respondent + 1 - lastOfRespondent.count)
    }
    var link = Int(lastOfRespondent[respondent])
    while link >= 0 {
      if latest[link].period == period {
        // The latest date wins; on the same date the later file, then the later line.
        if (latest[link].record.date, latest[link].origin) <= (record.date, origin) {
          latest[link].record = record
          latest[link].origin = origin
        }
        return
      }
      link = Int(latest[link].previous)
    }
    latest.append(
      LatestAssessment(
        period: period, origin: origin, record: record, previous: lastOfRespondent[respondent]))
    lastOfRespondent[respondent] = Int32(latest.count - 1)
  }

  /// The agency's records for the statistics, in no particular order: every statistic is an
  /// exact sum, so the order cannot change a result.
  /// xAPI learners are numbered here, in `learners`, among the CSV learners.
  /// The fold is spent: what it held for duplicates is let go before the records are handed on.
  package mutating func finish(learners: inout ByteInterner) -> AgencyRecords {
    seen = FingerprintSet()
    enrolmentIndex = EnrolmentMap()
    lastDistinct = []
    distinct = []
    let assessments = latest.map(\.record)
    latest = []
    lastOfRespondent = []
    var enrolments: [Enrolment] = []
    swap(&enrolments, &self.enrolments)
    enrolments += XAPIFold.enrolments(statements, agency: agency, learners: &learners)
    statements = []
    return AgencyRecords(agency: agency, assessments: assessments, enrolments: enrolments)
  }
}

extension AssessmentRecord {
  /// Every canonical value of the record (its agency is the fold's).
  var fingerprint: Fingerprint {
    var fingerprint = Fingerprint()
    fingerprint.add(Int(respondent))
    fingerprint.add(Int(date.ordinal))
    fingerprint.add(role.index)
    for dimension in 0..<answers.dimensions { fingerprint.add(answers[maturity: dimension]) }
    for area in 0..<answers.areas {
      fingerprint.add(answers[current: area])
      fingerprint.add(answers[target: area])
    }
    return fingerprint
  }
}

/// A respondent's latest assessment in a period, where it came from, and the index in
/// `AgencyFold.latest` of the respondent's one of another period before it (-1 for none).
private struct LatestAssessment {
  var period: Period
  var origin: RecordOrigin
  var record: AssessmentRecord
  var previous: Int32
}

/// A distinct completion record's canonical values beyond its enrolment key, and the index of
/// its enrolment's distinct record before it (-1 for none).
private struct DistinctCompletion {
  var status: CompletionStatus
  var completedOn: Day?
  var minutes: Int?
  var previous: Int32

  init(_ record: CompletionRecord, previous: Int32) {
    status = record.status
    completedOn = record.completedOn
    minutes = record.minutes
    self.previous = previous
  }

  /// Whether `other`, a record of the same enrolment, is equal to this one.
  func hasValues(of other: DistinctCompletion) -> Bool {
    status == other.status && completedOn == other.completedOn && minutes == other.minutes
  }
}

func earliest(_ a: Day?, _ b: Day?) -> Day? {
  switch (a, b) {
  case (let a?, let b?): min(a, b)
  case (let a?, nil): a
  case (nil, let b): b
  }
}
