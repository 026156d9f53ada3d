import LoftCore

/// The exact state of one inner cell of the assessment tables: one agency × role × period.
///
/// Only integer counts and histograms, so merging in any order gives the same state.
package struct AssessmentCell: Sendable, Equatable {
  /// Respondents counted once, with their latest assessment in the period.
  package var respondents = 0
  /// Per maturity dimension, how many answered each generation.
  package var dimensions: [Histogram]
  /// Each respondent's mean over the dimensions they answered, times `Model.overallScale`.
  package var overall: Histogram
  /// Per competence area, the respondents who gave both levels.
  package var gaps: [GapState]

  package init(model: Model) {
    let scale = model.maturity.scale
    let factor = model.overallScale
    dimensions = model.maturity.dimensions.map { _ in Histogram(min: scale.min, max: scale.max) }
    overall = Histogram(min: scale.min * factor, max: scale.max * factor)
    gaps = model.competence.areas.map { _ in GapState() }
  }

  /// Adds one respondent's latest assessment.
  package mutating func add(_ record: AssessmentRecord, overallScale: Int) {
    respondents += 1
    var sum = 0
    var answered = 0
    for index in dimensions.indices {
      guard let value = record.answers[maturity: index] else { continue }
      dimensions[index].add(value)
      sum += value
      answered += 1
    }
    if answered > 0 { overall.add(sum * overallScale / answered) }
    for index in gaps.indices {
      guard let current = record.answers[current: index], let target = record.answers[target: index]
      else { continue }
      gaps[index].add(current: current, target: target)
    }
  }

  package mutating func merge(_ other: AssessmentCell) {
    respondents += other.respondents
    for index in dimensions.indices { dimensions[index].merge(other.dimensions[index]) }
    overall.merge(other.overall)
    for index in gaps.indices { gaps[index].merge(other.gaps[index]) }
  }
}

/// Exact sums behind one competence-gap cell.
package struct GapState: Sendable, Equatable {
  package var n = 0
  package var sumCurrent = 0
  package var sumTarget = 0
  package var belowTarget = 0

  package init() {}

  package mutating func add(current: Int, target: Int) {
    n += 1
    sumCurrent += current
    sumTarget += target
    if current < target { belowTarget += 1 }
  }

  package mutating func merge(_ other: GapState) {
    n += other.n
    sumCurrent += other.sumCurrent
    sumTarget += other.sumTarget
    belowTarget += other.belowTarget
  }
}
