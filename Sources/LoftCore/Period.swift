/// How records are grouped in time: by year, half-year or quarter.
package enum PeriodGranularity: String, Sendable, CaseIterable {
  case year, half, quarter

  // Compared and hashed by case. Left to RawRepresentable's defaults, they would compare and
  // hash the raw value's string — at every lookup of a period in the statistics' dictionaries.
  package static func == (lhs: PeriodGranularity, rhs: PeriodGranularity) -> Bool {
    lhs.index == rhs.index
  }
  package func hash(into hasher: inout Hasher) { hasher.combine(index) }

  private var index: Int {
    switch self {
    case .year: 0
    case .half: 1
    case .quarter: 2
    }
  }
}

/// One period of a run: `2025`, `2025-H1` or `2025-Q3`.
package struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
  package let year: Int
  /// 0 for a whole year, 1–2 for halves, 1–4 for quarters.
  package let part: Int
  package let granularity: PeriodGranularity

  /// The period that holds a day.
  package init(containing day: Day, granularity: PeriodGranularity) {
    let (y, m, _) = day.civil
    self.year = y
    self.granularity = granularity
    switch granularity {
    case .year: part = 0
    case .half: part = m <= 6 ? 1 : 2
    case .quarter: part = (m - 1) / 3 + 1
    }
  }

  /// The period's label, as published in the `period` column.
  package var description: String {
    switch granularity {
    case .year: return String(year)
    case .half: return "\(year)-H\(part)"
    case .quarter: return "\(year)-Q\(part)"
    }
  }

  /// The first day of the period.
  package var start: Day {
    let month: Int
    switch granularity {
    case .year: month = 1
    case .half: month = part == 1 ? 1 : 7
    case .quarter: month = (part - 1) * 3 + 1
    }
    return Day(year: year, month: month, day: 1)!
  }

  /// The last day of the period.
  package var end: Day {
    let lastMonth: Int
    switch granularity {
    case .year: lastMonth = 12
    case .half: lastMonth = part == 1 ? 6 : 12
    case .quarter: lastMonth = part * 3
    }
    return Day(year: year, month: lastMonth, day: Day.daysIn(month: lastMonth, year: year))!
  }

  package static func < (lhs: Period, rhs: Period) -> Bool {
    (lhs.year, lhs.part) < (rhs.year, rhs.part)
  }
}
