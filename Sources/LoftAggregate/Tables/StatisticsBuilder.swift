import LoftCore

/// Turns a finished aggregation state into the rows of every statistic table, unprotected.
///
/// Floating point appears only here, once per value, from exact sums; anything summed in
/// floating point is summed in register order, so the result never depends on threads.
package struct StatisticsBuilder: Sendable {
  package let register: Register
  package let catalogue: Catalogue
  package let model: Model

  package init(register: Register, catalogue: Catalogue, model: Model) {
    self.register = register
    self.catalogue = catalogue
    self.model = model
  }

  /// Every table but `agency_benchmark`, which is built after suppression from what is published.
  package func build(_ state: AggregationState) -> StatisticTables {
    var tables = StatisticTables()
    tables.periods = state.periods
    buildAssessmentTables(state, into: &tables)
    buildCompletionTables(state, into: &tables)
    tables.coverage = coverage(state, periods: tables.periods)
    return tables
  }

  /// The group keys an inner cell (agency, role) belongs to, per grouping.
  func cellKeys(period: Period, agency: Int32, role: Role?) -> [CellKey] {
    let record = register.agencies[Int(agency)]
    let groupings: [Grouping] = role == nil ? Grouping.withoutRole : Grouping.allCases
    return groupings.map {
      CellKey(period: period, grouping: $0, groupKey: $0.key(of: record, role: role))
    }
  }
}

extension Moments {
  /// The moments of the values a histogram counts.
  init(_ histogram: Histogram) {
    self.init()
    for value in histogram.min...histogram.max {
      let count = histogram.count(of: value)
      guard count > 0 else { continue }
      n += count
      sum += value * count
      sumOfSquares += value * value * count
    }
  }
}
