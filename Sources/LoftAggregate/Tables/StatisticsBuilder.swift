import LoftCore

/// Turns a finished aggregation state into the rows of every statistic table, unprotected.
///
/// Floating point appears only here, once per value, from exact sums; anything summed in
/// floating point is summed in register order, so the result never depends on threads.
package struct StatisticsBuilder: Sendable {
  package let register: Register
  package let catalogue: Catalogue
  package let model: Model
  /// The register's groups, numbered once for every period.
  let groups: RegisterGroups

  package init(register: Register, catalogue: Catalogue, model: Model) {
    self.register = register
    self.catalogue = catalogue
    self.model = model
    self.groups = RegisterGroups(register: register)
  }

  /// Every table but `agency_benchmark`, which is built after suppression from what is published.
  ///
  /// Cells never cross periods and rows are in key order, period first, so each period's
  /// tables are made on their own, on whichever of `threads` workers takes them, and put one
  /// after the other: the same rows whatever the number of threads.
  package func build(_ state: AggregationState, threads: Int = 1) -> StatisticTables {
    let periods = state.periods
    let assessments = Self.byPeriod(state.assessments.keys.sorted(), periods: periods)
    let completions = Self.byPeriod(state.completions.keys.sorted(), periods: periods)
    // Three jobs per period: assessment tables, completion tables, coverage. Handed out the
    // longest first (completions take about twice as long as assessments, coverage next to
    // nothing), so that no worker is left alone with a long one at the end.
    let order = [1, 0, 2].flatMap { part in periods.indices.map { $0 * 3 + part } }
    let values = concurrentMap(periods.count * 3, threads: threads, order: order) { job in
      let (index, part) = job.quotientAndRemainder(dividingBy: 3)
      var tables = StatisticTables()
      switch part {
      case 0: buildAssessmentTables(state, keys: assessments[index], into: &tables)
      case 1: buildCompletionTables(state, keys: completions[index], into: &tables)
      default: tables.coverage = coverage(state, period: periods[index])
      }
      return tables
    }
    var tables = StatisticTables()
    tables.periods = periods
    tables.maturity = Self.concatenated(values.map(\.maturity))
    tables.maturityStage = Self.concatenated(values.map(\.maturityStage))
    tables.competenceGap = Self.concatenated(values.map(\.competenceGap))
    tables.courseCompletion = Self.concatenated(values.map(\.courseCompletion))
    tables.reach = Self.concatenated(values.map(\.reach))
    tables.coverage = Self.concatenated(values.map(\.coverage))
    return tables
  }

  /// The parts one after the other, in an array sized once: grown part by part, the large
  /// tables were copied again at each doubling.
  static func concatenated<Row>(_ parts: [[Row]]) -> [Row] {
    var result: [Row] = []
    result.reserveCapacity(parts.reduce(0) { $0 + $1.count })
    for part in parts { result += part }
    return result
  }

  /// Sorted keys split by period: one slice per period, in the order of `periods`.
  static func byPeriod<Key>(_ sorted: [Key], periods: [Period]) -> [ArraySlice<Key>]
  where Key: PeriodKeyed {
    var slices: [ArraySlice<Key>] = []
    var start = sorted.startIndex
    for period in periods {
      var end = start
      while end < sorted.endIndex && sorted[end].period == period { end += 1 }
      slices.append(sorted[start..<end])
      start = end
    }
    return slices
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

/// A key that starts with its period.
protocol PeriodKeyed {
  var period: Period { get }
}

extension AggregationState.AssessmentKey: PeriodKeyed {}
extension AggregationState.CompletionKey: PeriodKeyed {}
