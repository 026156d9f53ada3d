import Testing

@testable import LoftAggregate
@testable import LoftAudit
@testable import LoftCore
@testable import LoftDisclosure

/// Builds statistic tables from hand-made records, as the pipeline does.
struct Scenario {
  let model = Model(
    name: "t", version: "1",
    maturity: .init(
      scale: .init(min: 1, max: 6), steps: [], transformationFrom: 3,
      dimensions: [.init(code: "strategy", nb: "S", en: "S", aliases: [])]),
    competence: .init(
      scale: .init(min: 1, max: 8), steps: [],
      areas: [.init(code: "technology_data", nb: "T", en: "T", aliases: [])]))
  let register: Register
  let catalogue = Catalogue(courses: [
    Course(
      id: "C1", title: "C1", provider: "p", license: "l", areas: [], minutes: nil,
      xapiActivityID: "a1"),
    Course(
      id: "C2", title: "C2", provider: "p", license: "l", areas: [], minutes: nil,
      xapiActivityID: "a2"),
  ])
  var records: [AgencyRecords]

  static let orgs = ["974760673", "123456785", "988077917", "701730496", "110000030"]

  init(agencies: [(Sector, String, Int)]) {
    register = Register(
      agencies: agencies.enumerated().map { index, spec in
        Agency(
          orgNumber: OrgNumber(Scenario.orgs[index])!, name: "A\(index)", sector: spec.0,
          county: spec.1,
          sizeClass: SizeClass(leaderCount: spec.2), leaderCount: spec.2)
      })
    records = register.agencies.indices.map {
      AgencyRecords(agency: Int32($0), assessments: [], enrolments: [])
    }
  }

  mutating func answer(org: String, role: Role, values: [Int]) {
    let agency = register.index(of: OrgNumber(org)!)!
    for (number, value) in values.enumerated() {
      records[agency].assessments.append(
        AssessmentRecord(
          agency: Int32(agency), respondent: Int32(number),
          date: Day(year: 2025, month: 3, day: 1)!,
          role: role, maturity: [value], current: [value], target: [min(8, value + 2)]))
    }
  }

  mutating func enrol(org: String, course: Int32, learners: Int, completed: Int) {
    let agency = register.index(of: OrgNumber(org)!)!
    for number in 0..<learners {
      records[agency].enrolments.append(
        Enrolment(
          agency: Int32(agency), learner: Int32(number) + 1000 * course, course: course,
          status: number < completed ? .completed : .enrolled,
          enrolledOn: Day(year: 2025, month: 2, day: 1)!,
          completedOn: number < completed ? Day(year: 2025, month: 2, day: 11)! : nil, minutes: 30))
    }
  }

  var state: AggregationState {
    Aggregator.aggregate(records, model: model, granularity: .year, threads: 2)
  }

  func tables(secondary: Bool, k: Int = 5) -> StatisticTables {
    var tables = StatisticsBuilder(register: register, catalogue: catalogue, model: model).build(
      state)
    PrimarySuppression.apply(to: &tables, k: k)
    if secondary {
      SecondarySuppression(register: register, catalogue: catalogue, model: model, k: k).apply(
        to: &tables, state: state)
    }
    tables.recordSuppression()
    return tables
  }

  func audit(_ tables: StatisticTables, k: Int = 5) -> DisclosureAudit.Result {
    DisclosureAudit(register: register, catalogue: catalogue, model: model, k: k).audit(
      tables, state: state)
  }
}

@Suite struct LoneContributorTests {
  /// Two municipalities in one county. Agency A has ten middle managers and one `other`
  /// leader; agency B has ten middle managers. The `other` role cell holds only A's lone leader,
  /// so it is primary. Yet A's agency cell minus the `middle_manager` role cell plus B's agency
  /// cell is exactly that leader's answer: a colleague in A who knows the rest can read it.
  func scenario() -> Scenario {
    var scenario = Scenario(agencies: [(.municipality, "46", 30), (.municipality, "46", 30)])
    scenario.answer(org: "123456785", role: .middleManager, values: [2, 3, 3, 4, 4, 5, 2, 3, 4, 5])
    scenario.answer(org: "123456785", role: .other, values: [6])
    scenario.answer(org: "974760673", role: .middleManager, values: [1, 2, 3, 3, 4, 4, 5, 5, 6, 2])
    return scenario
  }

  @Test("primary suppression alone lets a colleague subtract the lone leader's answer")
  func primaryAloneExposes() {
    let scenario = scenario()
    let tables = scenario.tables(secondary: false)
    let exposures = scenario.audit(tables).exposures
    #expect(
      exposures.contains { $0.table == "maturity" && $0.what.hasPrefix("inner 123456785/other") })
  }

  @Test("secondary suppression protects the lone leader, and the audit agrees")
  func secondaryProtects() {
    let scenario = scenario()
    let tables = scenario.tables(secondary: true)
    #expect(scenario.audit(tables).exposures == [])
    #expect(tables.maturity.contains { $0.suppressed == .secondary })
    // The national cell, the most wanted, is still published.
    #expect(tables.maturity.contains { $0.cell.grouping == .national && $0.suppressed == nil })
  }
}
