import LoftCore

/// A row of `maturity`: one dimension (or `overall`) of one cell.
package struct MaturityRow: Sendable, Equatable {
  package var cell: CellKey
  /// A dimension code, or `overall`.
  package var dimension: String
  package var n: Int
  package var mean: Double?
  package var sd: Double?
  package var ci95Low: Double?
  package var ci95High: Double?
  package var p25: Double?
  package var median: Double?
  package var p75: Double?
  package var shareTransforming: Double?
  package var weightedMean: Double?
  package var suppressed: Suppression?
  /// `weighted_mean` is withheld because publishing it would expose a protected cell.
  package var weightedMeanWithheld = false
  /// The exact sum of answers, times `scale`: for exact comparisons, never published.
  package var scaledSum: Int
  package var scale: Int

  /// Withholds every value; the count stays.
  package mutating func suppress(_ reason: Suppression) {
    suppressed = reason
    mean = nil
    sd = nil
    ci95Low = nil
    ci95High = nil
    p25 = nil
    median = nil
    p75 = nil
    shareTransforming = nil
    weightedMean = nil
  }
}

/// A row of `maturity_stage`: how many in one cell and dimension answered one generation.
package struct MaturityStageRow: Sendable, Equatable {
  package var cell: CellKey
  package var dimension: String
  package var stage: Int
  package var count: Int?
  package var share: Double?
  package var suppressed: Suppression?

  /// Withholds the count and share, with the cell's reason.
  package mutating func suppress(_ reason: Suppression) {
    suppressed = reason
    count = nil
    share = nil
  }
}

/// A row of `competence_gap`: current vs target level in one cell and area.
package struct CompetenceGapRow: Sendable, Equatable {
  package var cell: CellKey
  package var area: String
  package var n: Int
  package var meanCurrent: Double?
  package var meanTarget: Double?
  package var meanGap: Double?
  package var shareBelowTarget: Double?
  package var suppressed: Suppression?

  package mutating func suppress(_ reason: Suppression) {
    suppressed = reason
    meanCurrent = nil
    meanTarget = nil
    meanGap = nil
    shareBelowTarget = nil
  }
}

/// A row of `course_completion`: one course in one cell.
package struct CourseCompletionRow: Sendable, Equatable {
  package var cell: CellKey
  package var courseID: String
  package var learners: Int
  package var completed: Int?
  package var completionRate: Double?
  package var ci95Low: Double?
  package var ci95High: Double?
  package var medianDaysToComplete: Double?
  package var minutesTotal: Int?
  package var suppressed: Suppression?

  package mutating func suppress(_ reason: Suppression) {
    suppressed = reason
    completed = nil
    completionRate = nil
    ci95Low = nil
    ci95High = nil
    medianDaysToComplete = nil
    minutesTotal = nil
  }
}

/// A row of `reach`: how many of a group's leaders completed a course.
package struct ReachRow: Sendable, Equatable {
  package var cell: CellKey
  package var leaders: Int
  package var learners: Int
  package var completers: Int?
  package var reach: Double?
  package var suppressed: Suppression?

  package mutating func suppress(_ reason: Suppression) {
    suppressed = reason
    completers = nil
    reach = nil
  }
}

/// A row of `coverage`: how much of a register group answered. Counts only; never suppressed.
package struct CoverageRow: Sendable, Equatable {
  package var cell: CellKey
  package var agenciesRegistered: Int
  package var agenciesDelivered: Int
  package var respondents: Int
  package var leaders: Int
  package var responseRate: Double
}

/// A row of `agency_benchmark`: an agency's mean and where it stands in its sector.
package struct AgencyBenchmarkRow: Sendable, Equatable {
  package var period: Period
  package var orgNumber: String
  package var dimension: String
  package var name: String
  package var sector: String
  package var n: Int
  package var mean: Double
  package var percentileInSector: Double
}

/// A cell withheld, as listed in `_suppression`.
package struct SuppressionEntry: Sendable, Equatable {
  package var table: String
  package var cell: CellKey
  /// The dimension, area or course; empty for `reach`.
  package var item: String
  /// `primary`, `secondary` or `weighted`.
  package var reason: String

  package init(table: String, cell: CellKey, item: String, reason: String) {
    self.table = table
    self.cell = cell
    self.item = item
    self.reason = reason
  }
}

/// Every statistic table of a run, as rows.
package struct StatisticTables: Sendable, Equatable {
  package var maturity: [MaturityRow] = []
  package var maturityStage: [MaturityStageRow] = []
  package var competenceGap: [CompetenceGapRow] = []
  package var courseCompletion: [CourseCompletionRow] = []
  package var reach: [ReachRow] = []
  package var coverage: [CoverageRow] = []
  package var agencyBenchmark: [AgencyBenchmarkRow] = []
  package var suppression: [SuppressionEntry] = []
  /// The periods with at least one accepted record.
  package var periods: [Period] = []

  package init() {}
}
