import Testing

@testable import LoftCore
@testable import LoftIngest

@Suite struct AgencyFoldTests {
  func day(_ text: String) -> Day { FieldParsing.date(text)! }

  func assessment(_ respondent: Int32, _ date: String, strategy: Int) -> AssessmentRecord {
    AssessmentRecord(
      agency: 0, respondent: respondent, date: day(date), role: .teamLeader,
      maturity: [strategy, nil, nil, nil], current: [nil, nil], target: [nil, nil])
  }

  func outcome(_ path: String, _ records: [(Int, AssessmentRecord)], rejects: Int = 0)
    -> FileOutcome
  {
    var input = InputFile(path: path, bytes: 1, status: .read)
    input.rowsRead = records.count + rejects
    var outcome = FileOutcome(input: input)
    outcome.assessments = records.map { Line($0.0, $0.1) }
    outcome.rejects = (0..<rejects).map {
      Reject(file: path, line: 100 + $0, column: "", reason: .badDate, message: "")
    }
    return outcome
  }

  @Test("counts duplicates across files and keeps the latest answer per period") func latest() {
    var fold = AgencyFold(agency: 0, granularity: .year, maxRejectRate: 0.5)
    var learners = ByteInterner()
    let first = fold.add(
      outcome(
        "a.csv",
        [
          (2, assessment(1, "2025-03-01", strategy: 2)),
          (3, assessment(1, "2025-09-01", strategy: 4)),
        ]))
    let second = fold.add(
      outcome(
        "b.csv",
        [
          (2, assessment(1, "2025-03-01", strategy: 2)),
          (3, assessment(1, "2025-09-01", strategy: 5)),
        ]))
    #expect((first.rowsAccepted, first.rowsDuplicate) == (2, 0))
    #expect((second.rowsAccepted, second.rowsDuplicate) == (1, 1))
    let records = fold.finish(learners: &learners)
    // Same date: the later file wins.
    #expect(records.assessments.map { $0.answers[maturity: 0] } == [5])
  }

  @Test("keeps each respondent's latest answer in each period apart") func latestPerPeriod() {
    var fold = AgencyFold(agency: 0, granularity: .year, maxRejectRate: 0.5)
    var learners = ByteInterner()
    let files: [(String, [(Int, AssessmentRecord)])] = [
      (
        "a.csv",
        [
          (2, assessment(3, "2024-05-01", strategy: 1)),
          (3, assessment(0, "2025-06-01", strategy: 2)),
          (4, assessment(3, "2025-02-01", strategy: 3)),
          (5, assessment(3, "2024-12-31", strategy: 4)),
          (6, assessment(0, "2025-06-01", strategy: 5)),
        ]
      ),
      // An earlier date in a later file does not win; a later one does.
      (
        "b.csv",
        [
          (2, assessment(3, "2025-01-15", strategy: 6)),
          (3, assessment(0, "2024-01-01", strategy: 1)),
          (4, assessment(0, "2025-06-02", strategy: 3)),
        ]
      ),
    ]
    for (path, records) in files { _ = fold.add(outcome(path, records)) }
    let records = fold.finish(learners: &learners)
    let kept = records.assessments.map { ($0.respondent, $0.date, $0.answers[maturity: 0]) }
      .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    #expect(kept.map(\.0) == [0, 0, 3, 3])
    #expect(
      kept.map(\.1) == [day("2024-01-01"), day("2025-06-02"), day("2024-12-31"), day("2025-02-01")])
    #expect(kept.map(\.2) == [1, 3, 4, 3])
  }

  @Test("a file above the reject rate counts every record as rejected") func rejectRate() {
    var fold = AgencyFold(agency: 0, granularity: .year, maxRejectRate: 0.2)
    var learners = ByteInterner()
    let input = fold.add(
      outcome("a.csv", [(2, assessment(1, "2025-03-01", strategy: 2))], rejects: 1))
    #expect(input.status == .quarantined)
    #expect(input.reason == .rejectRate)
    #expect(
      (input.rowsRead, input.rowsAccepted, input.rowsRejected, input.rowsDuplicate) == (2, 0, 2, 0))
    #expect(fold.finish(learners: &learners).assessments.isEmpty)
  }

  @Test("folds CSV completion rows into one enrolment") func csvFold() {
    var fold = AgencyFold(agency: 0, granularity: .year, maxRejectRate: 1)
    var learners = ByteInterner()
    var input = InputFile(path: "c.csv", bytes: 1, status: .read)
    input.rowsRead = 3
    var file = FileOutcome(input: input)
    func record(_ status: CompletionStatus, _ completed: String?, _ minutes: Int?)
      -> CompletionRecord
    {
      CompletionRecord(
        agency: 0, learner: 1, course: 0, status: status, enrolledOn: day("2025-01-10"),
        completedOn: completed.map(day), minutes: minutes)
    }
    file.completions = [
      Line(2, record(.enrolled, nil, 10)), Line(3, record(.completed, "2025-02-01", 40)),
      Line(4, record(.inProgress, nil, 30)),
    ]
    file.input.rowsRead = 3
    let settled = fold.add(file)
    #expect(settled.rowsAccepted == 3)
    let enrolments = fold.finish(learners: &learners).enrolments
    #expect(enrolments.count == 1)
    #expect(enrolments[0].status == .completed)
    #expect(enrolments[0].completedOn == day("2025-02-01"))
    #expect(enrolments[0].minutes == 40)
  }

  @Test(
    "completion records are settled in order across the records taken together",
    arguments: [1, 15, 16, 17, 40])
  func completionsInOrder(count: Int) {
    // Record i is learner i % 7 in course 0; every third record repeats the one before it.
    func record(_ i: Int) -> CompletionRecord {
      let source = i % 3 == 2 ? i - 1 : i
      return CompletionRecord(
        agency: 0, learner: Int32(source % 7), course: 0, status: .enrolled,
        enrolledOn: Day(ordinal: Int32(20_000 + source)), completedOn: nil, minutes: source)
    }
    var fold = AgencyFold(agency: 0, granularity: .year, maxRejectRate: 1)
    var input = InputFile(path: "c.csv", bytes: 1, status: .read)
    input.rowsRead = count
    var file = FileOutcome(input: input)
    file.completions = (0..<count).map { Line($0 + 2, record($0)) }
    let settled = fold.add(file)
    // A second file with the same records: every one a duplicate.
    var again = FileOutcome(input: input)
    again.input.path = "d.csv"
    again.completions = file.completions
    let repeated = fold.add(again)
    var learners = ByteInterner()
    let enrolments = fold.finish(learners: &learners).enrolments
    let duplicates = (0..<count).filter { $0 % 3 == 2 }.count
    #expect((settled.rowsAccepted, settled.rowsDuplicate) == (count - duplicates, duplicates))
    #expect((repeated.rowsAccepted, repeated.rowsDuplicate) == (0, count))
    // Each distinct record starts an enrolment of its own, in the order first seen.
    #expect(enrolments.map(\.minutes) == (0..<count).filter { $0 % 3 != 2 }.map { Optional($0) })
  }
}

extension AgencyFoldTests {
  @Test("a completion record is a duplicate only when an earlier one of its enrolment is equal")
  func completionDuplicates() {
    func record(
      learner: Int32 = 1, enrolled: String = "2025-01-10", _ status: CompletionStatus,
      _ completed: String?, _ minutes: Int?
    ) -> CompletionRecord {
      CompletionRecord(
        agency: 0, learner: learner, course: 0, status: status, enrolledOn: day(enrolled),
        completedOn: completed.map(day), minutes: minutes)
    }
    func file(_ path: String, _ records: [CompletionRecord]) -> FileOutcome {
      var input = InputFile(path: path, bytes: 1, status: .read)
      input.rowsRead = records.count
      var file = FileOutcome(input: input)
      file.completions = records.enumerated().map { Line($0.offset + 2, $0.element) }
      return file
    }
    var fold = AgencyFold(agency: 0, granularity: .year, maxRejectRate: 1)
    let first = fold.add(
      file(
        "a.csv",
        [
          record(.enrolled, nil, nil), record(.enrolled, nil, 0),
          record(.enrolled, nil, nil),  // duplicate
          record(.completed, "2025-02-01", 10), record(.completed, "2025-02-02", 10),
          record(.completed, "2025-02-01", 10),  // duplicate
          record(.inProgress, nil, nil),
          // Other enrolments with the same values: not duplicates.
          record(enrolled: "2025-01-11", .enrolled, nil, nil),
          record(learner: 2, .enrolled, nil, nil),
        ]))
    let second = fold.add(
      file(
        "b.csv",
        [
          record(.enrolled, nil, 0),  // duplicate of a.csv's
          record(.withdrawn, nil, 0), record(learner: 2, .enrolled, nil, nil),  // duplicate
        ]))
    #expect((first.rowsAccepted, first.rowsDuplicate) == (7, 2))
    #expect((second.rowsAccepted, second.rowsDuplicate) == (1, 2))
    var learners = ByteInterner()
    let enrolments = fold.finish(learners: &learners).enrolments
    #expect(enrolments.map(\.learner) == [1, 1, 2])
    #expect(enrolments[0].status == .completed)
    #expect(enrolments[0].completedOn == day("2025-02-01"))
    #expect(enrolments[0].minutes == 10)
    #expect(enrolments[1].status == .enrolled)
    #expect(enrolments[1].minutes == nil)
  }

  @Test("assessment and completion records never duplicate each other") func kindsApart() {
    var fold = AgencyFold(agency: 0, granularity: .year, maxRejectRate: 1)
    var file = outcome("a.csv", [(2, assessment(1, "2025-03-01", strategy: 2))])
    file.completions = [
      Line(
        3,
        CompletionRecord(
          agency: 0, learner: 1, course: 0, status: .enrolled, enrolledOn: day("2025-03-01"),
          completedOn: nil, minutes: 2))
    ]
    file.input.rowsRead = 2
    let settled = fold.add(file)
    #expect((settled.rowsAccepted, settled.rowsDuplicate) == (2, 0))
  }
}
