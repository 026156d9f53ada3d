import LoftCore

extension StatisticsBuilder {
  /// `maturity`, `maturity_stage` and `competence_gap`, for every grouping.
  func buildAssessmentTables(
    _ state: AggregationState, keys: ArraySlice<AggregationState.AssessmentKey>,
    into tables: inout StatisticTables
  ) {
    // Sum the inner cells into every cell they belong to; keep per-agency parts for weights.
    var cells: [CellKey: AssessmentCell] = [:]
    var agencyParts: [CellKey: [Int32: AssessmentCell]] = [:]
    for key in keys {
      let inner = state.assessments[key]!
      for cell in cellKeys(period: key.period, agency: key.agency, role: key.role) {
        if cells[cell] == nil { cells[cell] = inner } else { cells[cell]!.merge(inner) }
        if cell.grouping != .role && cell.grouping != .agency {
          if agencyParts[cell, default: [:]][key.agency] == nil {
            agencyParts[cell, default: [:]][key.agency] = inner
          } else {
            agencyParts[cell]![key.agency]!.merge(inner)
          }
        }
      }
    }
    let factor = model.overallScale
    for cell in cells.keys.sorted() {
      let state = cells[cell]!
      let parts = agencyParts[cell]
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
    _ parts: [Int32: AssessmentCell], scale: Int = 1, _ histogram: (AssessmentCell) -> Histogram
  ) -> Double? {
    var weightedSum = 0.0
    var weights = 0
    for agency in parts.keys.sorted() {
      let moments = Moments(histogram(parts[agency]!))
      guard moments.n > 0 else { continue }
      let weight = register.agencies[Int(agency)].leaderCount
      weightedSum += Double(weight) * (Double(moments.sum) / Double(moments.n * scale))
      weights += weight
    }
    return weights > 0 ? weightedSum / Double(weights) : nil
  }
}
