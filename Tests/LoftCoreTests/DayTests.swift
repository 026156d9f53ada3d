import Testing

@testable import LoftCore

@Suite struct DayTests {
  @Test("round-trips civil dates") func roundTrip() {
    for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2024, 12, 31), (1899, 3, 1), (9999, 12, 31)] {
      let day = Day(year: y, month: m, day: d)!
      #expect(day.civil == (y, m, d))
    }
    #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
    #expect(Day(year: 2026, month: 11, day: 30)!.description == "2026-11-30")
  }

  @Test("refuses impossible dates") func impossible() {
    #expect(Day(year: 2024, month: 2, day: 30) == nil)
    #expect(Day(year: 2023, month: 2, day: 29) == nil)
    #expect(Day(year: 0, month: 1, day: 1) == nil)
    #expect(Day(year: 2025, month: 13, day: 1) == nil)
    #expect(Day(year: 2025, month: 4, day: 31) == nil)
  }

  @Test("counts days between dates") func difference() {
    #expect(Day(year: 2025, month: 3, day: 1)! - Day(year: 2025, month: 2, day: 1)! == 28)
  }
}

@Suite struct PeriodTests {
  @Test("labels periods as published") func labels() {
    let day = Day(year: 2025, month: 8, day: 15)!
    #expect(Period(containing: day, granularity: .year).description == "2025")
    #expect(Period(containing: day, granularity: .half).description == "2025-H2")
    #expect(Period(containing: day, granularity: .quarter).description == "2025-Q3")
  }

  @Test("knows each period's first and last day") func bounds() {
    let q1 = Period(containing: Day(year: 2024, month: 2, day: 10)!, granularity: .quarter)
    #expect(q1.start.description == "2024-01-01")
    #expect(q1.end.description == "2024-03-31")
    let h2 = Period(containing: Day(year: 2024, month: 7, day: 1)!, granularity: .half)
    #expect(h2.start.description == "2024-07-01")
    #expect(h2.end.description == "2024-12-31")
  }

  @Test("compares by the day, every operator alike") func comparisons() {
    let days = [(2025, 1, 1), (2025, 1, 2), (2025, 12, 31), (1969, 12, 31)].map {
      Day(year: $0.0, month: $0.1, day: $0.2)!
    }
    for a in days {
      for b in days {
        #expect((a < b) == (a.ordinal < b.ordinal))
        #expect((a <= b) == (a.ordinal <= b.ordinal))
        #expect((a > b) == (a.ordinal > b.ordinal))
        #expect((a >= b) == (a.ordinal >= b.ordinal))
      }
    }
  }
}
