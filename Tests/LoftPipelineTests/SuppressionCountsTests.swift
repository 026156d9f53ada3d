import Testing

@testable import LoftAggregate
@testable import LoftCore
@testable import LoftPipeline

@Suite struct SuppressionCountsTests {
  @Test("counts suppressed cells per table and reason, sorted by table, then reason")
  func counts() {
    let period = Period(containing: Day(year: 2025, month: 6, day: 1)!, granularity: .year)
    let cell = CellKey(period: period, grouping: .national, groupKey: "")
    let entries = [
      ("reach", "secondary"), ("maturity_stage", "primary"), ("maturity", "weighted"),
      ("maturity", "primary"), ("reach", "secondary"), ("maturity", "primary"),
      ("course_completion", "secondary"), ("maturity", "secondary"),
    ].map { SuppressionEntry(table: $0.0, cell: cell, item: "", reason: $0.1) }
    let counts = PipelineRunner.suppressionCounts(entries).map {
      [$0.table, $0.reason, "\($0.cells)"]
    }
    #expect(
      counts == [
        ["course_completion", "secondary", "1"], ["maturity", "primary", "2"],
        ["maturity", "secondary", "1"], ["maturity", "weighted", "1"],
        ["maturity_stage", "primary", "1"], ["reach", "secondary", "2"],
      ])
    #expect(PipelineRunner.suppressionCounts([]).isEmpty)
  }
}
