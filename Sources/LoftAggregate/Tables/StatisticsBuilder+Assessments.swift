import LoftCore

extension StatisticsBuilder {
  /// `maturity`, `maturity_stage` and `competence_gap`, for every grouping.
  func buildAssessmentTables(
    _ state: AggregationState, keys: ArraySlice<AggregationState.AssessmentKey>,
    into tables: inout StatisticTables
  ) {
    guard let period = keys.first?.period else { return }
    // Sum the inner cells into every group they belong to (by number); keep per-agency parts
    // for weights, in agency order, as the keys come sorted by agency.
    var cells = [AssessmentCell?](repeating: nil, count: groups.count)
    var agencyParts = [[(agency: Int32, cell: AssessmentCell)]](repeating: [], count: groups.count)
    for key in keys {
      let inner = state.assessments[key]!
      for group in groups.numbers(agency: key.agency, role: key.role) {
        if cells[group] == nil { cells[group] = inner } else { cells[group]!.merge(inner) }
        let grouping = groups.groups[group].grouping
        if grouping != .role && grouping != .agency {
          if agencyParts[group].last?.agency == key.agency {
            agencyParts[group][agencyParts[group].count - 1].cell.merge(inner)
          } else {
            agencyParts[group].append((key.agency, inner))
          }
        }
      }
    }
    let factor = model.overallScale
    // Ascending numbers are key order.
    for group in cells.indices {
      guard let state = cells[group] else { continue }
      let cell = groups.cell(group, period: period)
      let parts = agencyParts[group].isEmpty ? nil : agencyParts[group]
      for (index, dimension) in model.maturity.dimensions.enumerated() {
        let histogram = state.dimensions[index]
        guard histogram.total > 0 else { continue }
        tables.maturity.append(
          maturityRow(
            cell, dimension.code, histogram, scale: 1,
            weighted: parts.flatMap { weightedMean($0) { $0.dimensions[index] } }))
        for stage in model.maturity.scale.min...model.maturity.scale.max {
          let count = histogram.count(of: stage)
          tables.maturityStage.append(
            MaturityStageRow(
              cell: cell, dimension: dimension.code, stage: stage, count: count,
              share: Double(count) / Double(histogram.total), suppressed: nil))
        }
      }
      if state.overall.total > 0 {
        tables.maturity.append(
          maturityRow(
            cell, "overall", state.overall, scale: factor,
            weighted: parts.flatMap { weightedMean($0, scale: factor) { $0.overall } }))
      }
      for (index, area) in model.competence.areas.enumerated() {
        let gap = state.gaps[index]
        guard gap.n > 0 else { continue }
        let n = Double(gap.n)
        tables.competenceGap.append(
          CompetenceGapRow(
            cell: cell, area: area.code, n: gap.n, meanCurrent: Double(gap.sumCurrent) / n,
            meanTarget: Double(gap.sumTarget) / n,
            meanGap: Double(gap.sumTarget - gap.sumCurrent) / n,
            shareBelowTarget: Double(gap.belowTarget) / n, suppressed: nil))
      }
    }
  }

  private func maturityRow(
    _ cell: CellKey, _ dimension: String, _ histogram: Histogram, scale: Int, weighted: Double?
  ) -> MaturityRow {
    let moments = Moments(histogram)
    let ci = moments.ci95(scale: scale)
    var atOrAbove = 0
    for value in histogram.min...histogram.max
    where value >= model.maturity.transformationFrom * scale {
      atOrAbove += histogram.count(of: value)
    }
    return MaturityRow(
      cell: cell, dimension: dimension, n: moments.n, mean: moments.mean(scale: scale),
      sd: moments.sampleStandardDeviation(scale: scale), ci95Low: ci?.low, ci95High: ci?.high,
      p25: histogram.quantile(0.25, scale: scale), median: histogram.quantile(0.5, scale: scale),
      p75: histogram.quantile(0.75, scale: scale),
      shareTransforming: Double(atOrAbove) / Double(moments.n), weightedMean: weighted,
      suppressed: nil, scaledSum: moments.sum, scale: scale)
  }

  /// The mean of the agency means, each weighted by the agency's leader count, in register order.
  private func weightedMean(
    _ parts: [(agency: Int32, cell: AssessmentCell)], scale: Int = 1,
    _ histogram: (AssessmentCell) -> Histogram
  ) -> Double? {
    var weightedSum = 0.0
    var weights = 0
    for (agency, cell) in parts {
      let moments = Moments(histogram(cell))
      guard moments.n > 0 else { continue }
      let weight = register.agencies[Int(agency)].leaderCount
      weightedSum += Double(weight) * (Double(moments.sum) / Double(moments.n * scale))
      weights += weight
    }
    return weights > 0 ? weightedSum / Double(weights) : nil
  }
}
