import Testing

@testable import LoftAggregate
@testable import LoftCore

/// The laws that let partial states be computed anywhere and combined.
@Suite struct AggregationStateTests {
  static let model = StatisticsBuilderTests.model

  /// Random agency records, reproducible from a seed.
  static func records(seed: UInt64, agencies: Int = 3) -> [AgencyRecords] {
    var random = SplitMix64(seed: seed)
    return (0..<agencies).map { agency in
      let assessments = (0..<Int.random(in: 0...12, using: &random)).map { index in
        AssessmentRecord(
          agency: Int32(agency), respondent: Int32(index),
          date: Day(
            year: Int.random(in: 2024...2025, using: &random),
            month: Int.random(in: 1...12, using: &random), day: 1)!,
          role: Role.allCases.randomElement(using: &random)!,
          maturity: [Int.random(in: 0...6, using: &random), Int.random(in: 0...6, using: &random)]
            .map { $0 == 0 ? nil : $0 },
          current: [Int.random(in: 1...8, using: &random)],
          target: [Bool.random(using: &random) ? Int.random(in: 1...8, using: &random) : nil])
      }
      let enrolments = (0..<Int.random(in: 0...8, using: &random)).map { index in
        let completed = Bool.random(using: &random)
        let enrolled = Day(year: 2025, month: Int.random(in: 1...6, using: &random), day: 1)!
        return Enrolment(
          agency: Int32(agency), learner: Int32(index % 4), course: 0,
          status: completed ? .completed : .inProgress,
          enrolledOn: enrolled,
          completedOn: completed
            ? Day(ordinal: enrolled.ordinal + Int32.random(in: 0...40, using: &random)) : nil,
          minutes: Bool.random(using: &random) ? Int.random(in: 0...300, using: &random) : nil)
      }
      return AgencyRecords(agency: Int32(agency), assessments: assessments, enrolments: enrolments)
    }
  }

  static func state(_ records: [AgencyRecords]) -> AggregationState {
    var state = AggregationState()
    for record in records { state.add(record, model: model, granularity: .year) }
    return state
  }

  @Test("merge is commutative and associative", arguments: 1...20)
  func laws(seed: UInt64) {
    let parts = Self.records(seed: seed).map { Self.state([$0]) }
    var ab = parts[0]
    ab.merge(parts[1])
    var ba = parts[1]
    ba.merge(parts[0])
    #expect(ab == ba)
    var abThenC = ab
    abThenC.merge(parts[2])
    var bc = parts[1]
    bc.merge(parts[2])
    var aThenBC = parts[0]
    aThenBC.merge(bc)
    #expect(abThenC == aThenBC)
  }

  @Test("aggregating a ∪ b equals merging the aggregates of a and b", arguments: 1...20)
  func unionEqualsMerge(seed: UInt64) {
    let records = Self.records(seed: seed, agencies: 3)
    var merged = Self.state(Array(records.prefix(1)))
    merged.merge(Self.state(Array(records.dropFirst())))
    #expect(merged == Self.state(records))
  }

  @Test("any thread count gives the same state and the same tables", arguments: [1, 2, 7])
  func threads(_ threads: Int) {
    let records = Self.records(seed: 42, agencies: 3)
    let expected = Self.state(records)
    let state = Aggregator.aggregate(
      records, model: Self.model, granularity: .year, threads: threads)
    #expect(state == expected)
    let builder = StatisticsBuilder(
      register: StatisticsBuilderTests.register, catalogue: StatisticsBuilderTests.catalogue,
      model: Self.model)
    #expect(builder.build(state) == builder.build(expected))
  }

  /// Random enrolments of one agency over quarters, courses and learners that repeat.
  static func enrolments(seed: UInt64, learner: (Int) -> Int32) -> [Enrolment] {
    var random = SplitMix64(seed: seed)
    return (0..<Int.random(in: 1...60, using: &random)).map { _ in
      let status = CompletionStatus.allCases.randomElement(using: &random)!
      let enrolled = Day(
        year: Int.random(in: 2024...2025, using: &random),
        month: Int.random(in: 1...12, using: &random), day: 1)!
      return Enrolment(
        agency: 0, learner: learner(Int.random(in: 0..<6, using: &random)),
        course: Int32.random(in: 0..<3, using: &random), status: status, enrolledOn: enrolled,
        completedOn: status == .completed && Bool.random(using: &random)
          ? Day(ordinal: enrolled.ordinal + Int32.random(in: 0...40, using: &random)) : nil,
        minutes: Bool.random(using: &random) ? Int.random(in: 0...300, using: &random) : nil)
    }
  }

  @Test(
    "completion counts equal counting with sets, for dense and scattered learner numbers",
    arguments: 1...20)
  func completionCounts(seed: UInt64) throws {
    let enrolments = Self.enrolments(seed: seed) { Int32($0) }
    // The same learners numbered far apart and below zero, as a caller other than ingest may.
    let scattered = Self.enrolments(seed: seed) { Int32($0) * 300_007 - 900_000 }
    var state = AggregationState()
    let records = AgencyRecords(agency: 0, assessments: [], enrolments: enrolments)
    state.add(records, model: Self.model, granularity: .quarter)
    var other = AggregationState()
    other.add(
      AgencyRecords(agency: 0, assessments: [], enrolments: scattered), model: Self.model,
      granularity: .quarter)
    #expect(other == state)

    let periods = Set(enrolments.map { Period(containing: $0.enrolledOn, granularity: .quarter) })
    #expect(Set(state.completions.keys.map(\.period)) == periods)
    for period in periods {
      let cell = try #require(state.completions[.init(period: period, agency: 0)])
      let inPeriod = enrolments.filter {
        Period(containing: $0.enrolledOn, granularity: .quarter) == period
      }
      #expect(cell.learners == Set(inPeriod.map(\.learner)).count)
      #expect(
        cell.completers == Set(inPeriod.filter { $0.status == .completed }.map(\.learner)).count)
      #expect(Set(cell.courses.keys) == Set(inPeriod.map(\.course)))
      for (course, courseState) in cell.courses {
        let taken = inPeriod.filter { $0.course == course }
        #expect(courseState.learners == Set(taken.map(\.learner)).count)
        #expect(
          courseState.completed
            == Set(taken.filter { $0.status == .completed }.map(\.learner)).count)
        #expect(courseState.minutes == taken.reduce(0) { $0 + ($1.minutes ?? 0) })
        var days = SparseHistogram()
        for enrolment in taken where enrolment.status == .completed {
          if let completed = enrolment.completedOn { days.add(completed - enrolment.enrolledOn) }
        }
        #expect(courseState.daysToComplete == days)
      }
    }
  }
}
