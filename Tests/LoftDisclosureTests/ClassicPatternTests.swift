import Testing

@testable import LoftAggregate
@testable import LoftAudit
@testable import LoftCore
@testable import LoftDisclosure

/// A 4 × 4 table with row, column and grand totals, as cells over its 16 interior inner cells.
///
/// Nine interior cells are suppressed: two 2 × 2 blocks, (1,1)(1,2)(2,1)(2,2) and
/// (3,3)(3,4)(4,3)(4,4), joined by (2,3). Every row and column holds at least two suppressed
/// cells, yet (2,3) is a bridge between the blocks: rows 1–2 minus columns 1–2 give it exactly.
@Suite struct ClassicPatternTests {
  typealias Vector = ExposureCheck.Vector

  static let suppressedInterior: [(Int, Int)] = [
    (0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2),
  ]

  static func interior(_ row: Int, _ column: Int) -> Vector { [row * 4 + column: 1] }
  static func rowTotal(_ row: Int) -> Vector {
    Dictionary(uniqueKeysWithValues: (0..<4).map { (row * 4 + $0, UInt64(1)) })
  }
  static func columnTotal(_ column: Int) -> Vector {
    Dictionary(uniqueKeysWithValues: (0..<4).map { ($0 * 4 + column, UInt64(1)) })
  }

  @Test("two suppressed cells in every row and column can still leave a cell solvable")
  func rowColumnRuleIsNotEnough() {
    var published: [Vector] = (0..<4).map(Self.rowTotal) + (0..<4).map(Self.columnTotal)
    for row in 0..<4 {
      for column in 0..<4 where !Self.suppressedInterior.contains(where: { $0 == (row, column) }) {
        published.append(Self.interior(row, column))
      }
    }
    let protected = Self.suppressedInterior.map { Self.interior($0.0, $0.1) }
    // Each row and column holds at least two suppressed cells…
    for index in 0..<4 {
      #expect(Self.suppressedInterior.filter { $0.0 == index }.count >= 2)
      #expect(Self.suppressedInterior.filter { $0.1 == index }.count >= 2)
    }
    // …yet the bridge (2,3) — index 8 — is exposed, and nothing else is.
    #expect(ExposureCheck.exposed(published: published, protected: protected) == [8])
  }

  @Test("Gaussian elimination suppresses what it takes, and the audit then finds nothing")
  func eliminationFixesIt() {
    // Cells: 16 interior, 4 row totals, 4 column totals, the grand total.
    func key(_ name: String) -> CellKey {
      CellKey(
        period: Period(containing: Day(year: 2025, month: 1, day: 1)!, granularity: .year),
        grouping: .agency, groupKey: name)
    }
    var membersByKey: [CellKey: [Int32]] = [:]
    for row in 0..<4 {
      for column in 0..<4 { membersByKey[key("i\(row)\(column)")] = [Int32(row * 4 + column)] }
      membersByKey[key("r\(row)")] = (0..<4).map { Int32(row * 4 + $0) }
      membersByKey[key("c\(row)")] = (0..<4).map { Int32($0 * 4 + row) }
    }
    membersByKey[key("total")] = (0..<16).map(Int32.init)
    // Cells numbered in key order, as `PeriodCells` numbers them.
    let cells = membersByKey.keys.sorted()
    let members = cells.map { membersByKey[$0]! }
    let number = { (name: String) in cells.firstIndex(of: key(name))! }
    var primary = [Bool](repeating: false, count: cells.count)
    for (row, column) in Self.suppressedInterior { primary[number("i\(row)\(column)")] = true }
    let candidates = orderedCandidates(members.enumerated().map { ($0, $1.count * 10) })
    // Every inner cell has 10 contributors: none is small; only the primary cells are protected.
    var elimination = TiedElimination(contributors: [[Int](repeating: 10, count: 16)], k: 5)
    elimination.run(protected: primary, candidates: candidates, members: members)
    let suppressed = cells.indices.filter { elimination.suppressed[$0] }
    #expect(suppressed.count > Self.suppressedInterior.count)

    // The independent audit over what is published now.
    func vector(_ cell: Int) -> Vector {
      Dictionary(uniqueKeysWithValues: members[cell].map { (Int($0), UInt64(1)) })
    }
    let published = cells.indices.filter { !elimination.suppressed[$0] }.map(vector)
    #expect(ExposureCheck.exposed(published: published, protected: suppressed.map(vector)).isEmpty)
    // The totals are the most wanted: they stay published.
    #expect(!elimination.suppressed[number("total")])
  }
}
