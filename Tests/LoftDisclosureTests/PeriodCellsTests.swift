import Testing

@testable import LoftAggregate
@testable import LoftCore
@testable import LoftDisclosure

@Suite struct PeriodCellsTests {
  static let year2024 = Period(containing: Day(year: 2024, month: 3, day: 1)!, granularity: .year)
  static let year2025 = Period(containing: Day(year: 2025, month: 3, day: 1)!, granularity: .year)

  static func cell(_ period: Period, _ grouping: Grouping, _ key: String = "") -> CellKey {
    CellKey(period: period, grouping: grouping, groupKey: key)
  }

  /// Rows as a table holds them: in key order, several rows per cell, two periods.
  static let table: [(cell: CellKey, item: String)] = [
    (cell(year2024, .national), "a"),
    (cell(year2025, .national), "a"),
    (cell(year2025, .national), "b"),
    (cell(year2025, .county, "03"), "b"),
    (cell(year2025, .county, "11"), "a"),
    (cell(year2025, .county, "11"), "b"),
    (cell(year2025, .agency, "811018767"), "a"),
  ]

  @Test("numbers a period's distinct cells in key order, and each of its rows by its cell")
  func numbersRowsOfOnePeriod() {
    let cells = PeriodCells(Self.table, period: Self.year2025, cell: \.cell)
    #expect(
      cells.cells == [
        Self.cell(Self.year2025, .national), Self.cell(Self.year2025, .county, "03"),
        Self.cell(Self.year2025, .county, "11"), Self.cell(Self.year2025, .agency, "811018767"),
      ])
    let rows = cells.rows(of: Self.table, cell: \.cell)
    #expect(rows.map(\.index) == [1, 2, 3, 4, 5, 6])
    #expect(rows.map(\.cell) == [0, 0, 1, 2, 2, 3])
  }

  @Test("numbers the rows of a table whose cells are some of the period's")
  func numbersRowsOfASubset() {
    let cells = PeriodCells(Self.table, period: Self.year2025, cell: \.cell)
    let fewer = [Self.table[3], Self.table[6]]
    let rows = cells.rows(of: fewer, cell: \.cell)
    #expect(rows.map(\.index) == [0, 1])
    #expect(rows.map(\.cell) == [1, 3])
  }

  @Test("orders candidates by n, largest first, then by number")
  func ordersCandidates() {
    #expect(orderedCandidates([(0, 5), (1, 9), (2, 5), (3, 12), (4, 9)]) == [3, 1, 4, 0, 2])
  }
}
