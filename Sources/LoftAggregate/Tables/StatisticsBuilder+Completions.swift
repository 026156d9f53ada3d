import LoftCore

extension StatisticsBuilder {
  /// `course_completion` and `reach`, for every grouping but `role`.
  func buildCompletionTables(_ state: AggregationState, into tables: inout StatisticTables) {
    var courses: [CellKey: [Int32: CourseState]] = [:]
    var reach: [CellKey: (leaders: Int, learners: Int, completers: Int)] = [:]
    for key in state.completions.keys.sorted() {
      let inner = state.completions[key]!
      let leaders = register.agencies[Int(key.agency)].leaderCount
      for cell in cellKeys(period: key.period, agency: key.agency, role: nil) {
        for (course, courseState) in inner.courses {
          courses[cell, default: [:]][course, default: CourseState()].merge(courseState)
        }
        let sum = reach[cell] ?? (0, 0, 0)
        reach[cell] = (
          sum.leaders + leaders, sum.learners + inner.learners, sum.completers + inner.completers
        )
      }
    }
    for cell in courses.keys.sorted() {
      let byCourse = courses[cell]!
      for course in byCourse.keys.sorted() {
        let courseState = byCourse[course]!
        guard courseState.learners > 0 else { continue }
        let wilson = Wilson.interval(successes: courseState.completed, trials: courseState.learners)
        tables.courseCompletion.append(
          CourseCompletionRow(
            cell: cell, courseID: catalogue.courses[Int(course)].id, learners: courseState.learners,
            completed: courseState.completed,
            completionRate: Double(courseState.completed) / Double(courseState.learners),
            ci95Low: wilson.low, ci95High: wilson.high,
            medianDaysToComplete: courseState.daysToComplete.quantile(0.5),
            minutesTotal: courseState.minutes, suppressed: nil))
      }
    }
    for cell in reach.keys.sorted() {
      let sum = reach[cell]!
      tables.reach.append(
        ReachRow(
          cell: cell, leaders: sum.leaders, learners: sum.learners, completers: sum.completers,
          reach: sum.leaders > 0 ? min(1, Double(sum.completers) / Double(sum.leaders)) : nil,
          suppressed: nil))
    }
  }

  /// `coverage`: every group of the register in every period, zeros included.
  func coverage(_ state: AggregationState, periods: [Period]) -> [CoverageRow] {
    var respondents: [Period: [Int32: Int]] = [:]
    for (key, cell) in state.assessments {
      respondents[key.period, default: [:]][key.agency, default: 0] += cell.respondents
    }
    var rows: [CoverageRow] = []
    for period in periods {
      var sums: [CellKey: CoverageRow] = [:]
      for (index, agency) in register.agencies.enumerated() {
        let answered = respondents[period]?[Int32(index)] ?? 0
        for cell in cellKeys(period: period, agency: Int32(index), role: nil) {
          var row =
            sums[cell]
            ?? CoverageRow(
              cell: cell, agenciesRegistered: 0, agenciesDelivered: 0, respondents: 0, leaders: 0,
              responseRate: 0)
          row.agenciesRegistered += 1
          row.agenciesDelivered += answered > 0 ? 1 : 0
          row.respondents += answered
          row.leaders += agency.leaderCount
          sums[cell] = row
        }
      }
      for cell in sums.keys.sorted() {
        var row = sums[cell]!
        row.responseRate = Double(row.respondents) / Double(row.leaders)
        rows.append(row)
      }
    }
    return rows
  }
}
