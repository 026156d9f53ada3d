import Testing

@testable import LoftAggregate
@testable import LoftCore

@Suite struct RegisterGroupsTests {
  static let register = StatisticsBuilderTests.register
  static let period = Period(containing: Day(year: 2025, month: 5, day: 1)!, granularity: .year)

  @Test("numbers every group of the register once, in key order")
  func numbersGroupsInKeyOrder() {
    let groups = RegisterGroups(register: Self.register)
    let cells = groups.groups.indices.map { groups.cell($0, period: Self.period) }
    #expect(cells == cells.sorted())
    #expect(Set(cells).count == cells.count)
    // national, 2 sectors, 2 counties ("" and "46"), 3 size classes, 4 roles, 3 agencies.
    #expect(cells.count == 1 + 2 + 2 + 3 + 4 + 3)
    #expect(cells.first == CellKey(period: Self.period, grouping: .national, groupKey: ""))
  }

  @Test("an inner cell's groups are the cells the builder adds it to, one per grouping")
  func innerCellGroups() {
    let groups = RegisterGroups(register: Self.register)
    let b = StatisticsBuilderTests.b
    let withRole = groups.numbers(agency: b, role: .teamLeader)
      .map { groups.cell($0, period: Self.period) }
    #expect(
      withRole.map(\.groupKey) == ["", "municipality", "46", "M", "123456785", "team_leader"])
    #expect(withRole.map(\.grouping) == [.national, .sector, .county, .sizeClass, .agency, .role])
    let withoutRole = groups.numbers(agency: b, role: nil)
    #expect(withoutRole.map { groups.groups[$0].grouping } == Grouping.withoutRole)
  }
}
