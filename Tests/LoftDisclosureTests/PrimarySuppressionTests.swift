import Testing

@testable import LoftAggregate
@testable import LoftCore
@testable import LoftDisclosure

@Suite struct PrimarySuppressionTests {
  static let period = Period(containing: Day(year: 2025, month: 3, day: 1)!, granularity: .year)

  static func cell(_ grouping: Grouping, _ key: String = "") -> CellKey {
    CellKey(period: period, grouping: grouping, groupKey: key)
  }

  static func course(_ cell: CellKey, _ id: String, learners: Int) -> CourseCompletionRow {
    CourseCompletionRow(
      cell: cell, courseID: id, learners: learners, completed: learners, completionRate: 1,
      ci95Low: nil, ci95High: nil, medianDaysToComplete: nil, minutesTotal: nil, suppressed: nil)
  }

  static func reach(_ cell: CellKey, learners: Int) -> ReachRow {
    ReachRow(
      cell: cell, leaders: 100, learners: learners, completers: learners, reach: 0.5,
      suppressed: nil)
  }

  @Test("a group's reach goes with its only course's cell, and only when it has one course")
  func singleCourseReach() {
    let national = Self.cell(.national)
    let county = Self.cell(.county, "46")
    let agency = Self.cell(.agency, "974760673")
    var tables = StatisticTables()
    tables.courseCompletion = [
      Self.course(national, "K1", learners: 30), Self.course(national, "K2", learners: 3),
      Self.course(county, "K1", learners: 12),
      Self.course(agency, "K2", learners: 4),
    ]
    tables.reach = [
      Self.reach(national, learners: 33), Self.reach(county, learners: 12),
      // Not small itself (a made-up count): withheld only through its course.
      Self.reach(agency, learners: 6),
    ]
    PrimarySuppression.apply(to: &tables, k: 5)
    #expect(tables.courseCompletion.map(\.suppressed) == [nil, .primary, nil, .primary])
    // National has two courses: its reach stays. The county's one course is published.
    #expect(tables.reach.map(\.suppressed) == [nil, nil, .primary])
    #expect(tables.reach[2].reach == nil)
  }

  @Test("a cell set answers alike for a cell asked again, and for a different one")
  func cellSetReusesTheLastAnswer() {
    var set = PrimarySuppression.CellSet([Self.cell(.county, "46")])
    let asked = [
      Self.cell(.national), Self.cell(.national), Self.cell(.county, "46"),
      Self.cell(.county, "46"), Self.cell(.county, "03"), Self.cell(.county, "46"),
    ]
    #expect(asked.map { set.contains($0) } == [false, false, true, true, false, true])
  }
}
