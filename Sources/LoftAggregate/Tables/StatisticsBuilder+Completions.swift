import LoftCore

extension StatisticsBuilder {
  /// `course_completion` and `reach`, for every grouping but `role`.
  func buildCompletionTables(
    _ state: AggregationState, keys: ArraySlice<AggregationState.CompletionKey>,
    into tables: inout StatisticTables
  ) {
    guard let period = keys.first?.period else { return }
    // Per group (by number), the sums of each course by catalogue index (an array: five cells
    // take every inner cell's courses, and hashing each course into a dictionary per cell cost
    // more); nil for a group without completions.
    var courses = [[CourseSums]?](repeating: nil, count: groups.count)
    let noCourses = [CourseSums](repeating: CourseSums(), count: catalogue.courses.count)
    var reach = [(leaders: Int, learners: Int, completers: Int)](
      repeating: (0, 0, 0), count: groups.count)
    for key in keys {
      let inner = state.completions[key]!
      let leaders = register.agencies[Int(key.agency)].leaderCount
      for group in groups.numbers(agency: key.agency, role: nil) {
        if courses[group] == nil { courses[group] = noCourses }
        Self.add(inner.courses, to: &courses[group]!)
        reach[group].leaders += leaders
        reach[group].learners += inner.learners
        reach[group].completers += inner.completers
      }
    }
    // Ascending numbers are key order.
    for group in courses.indices {
      guard let byCourse = courses[group] else { continue }
      let cell = groups.cell(group, period: period)
      for (course, sums) in byCourse.enumerated() where sums.learners > 0 {
        let wilson = Wilson.interval(successes: sums.completed, trials: sums.learners)
        tables.courseCompletion.append(
          CourseCompletionRow(
            cell: cell, courseID: catalogue.courses[course].id, learners: sums.learners,
            completed: sums.completed,
            completionRate: Double(sums.completed) / Double(sums.learners),
            ci95Low: wilson.low, ci95High: wilson.high,
            medianDaysToComplete: sums.daysToComplete.quantile(0.5),
            minutesTotal: sums.minutes, suppressed: nil))
      }
    }
    for group in courses.indices where courses[group] != nil {
      let sum = reach[group]
      tables.reach.append(
        ReachRow(
          cell: groups.cell(group, period: period), leaders: sum.leaders, learners: sum.learners,
          completers: sum.completers,
          reach: sum.leaders > 0 ? min(1, Double(sum.completers) / Double(sum.leaders)) : nil,
          suppressed: nil))
    }
  }

  /// What one `course_completion` row is made of: the inner cells' counts added up, and their
  /// days-to-complete histograms counted together, since only the median of them is published.
  struct CourseSums {
    var learners = 0
    var completed = 0
    var minutes = 0
    var daysToComplete = SparseHistogramSum()

    mutating func add(_ state: CourseState) {
      learners += state.learners
      completed += state.completed
      minutes += state.minutes
      daysToComplete.add(state.daysToComplete)
    }
  }

  /// Adds an inner cell's courses to a group's (the group's array is looked up once).
  static func add(_ inner: [Int32: CourseState], to sums: inout [CourseSums]) {
    for (course, state) in inner {
      sums[Int(course)].add(state)
    }
  }

  /// `coverage` of one period: every group of the register, zeros included.
  func coverage(_ state: AggregationState, period: Period) -> [CoverageRow] {
    var respondents: [Int32: Int] = [:]
    for (key, cell) in state.assessments where key.period == period {
      respondents[key.agency, default: 0] += cell.respondents
    }
    var sums = [CoverageRow?](repeating: nil, count: groups.count)
    for (index, agency) in register.agencies.enumerated() {
      let answered = respondents[Int32(index)] ?? 0
      for group in groups.numbers(agency: Int32(index), role: nil) {
        if sums[group] == nil {
          sums[group] = CoverageRow(
            cell: groups.cell(group, period: period), agenciesRegistered: 0,
            agenciesDelivered: 0, respondents: 0, leaders: 0, responseRate: 0)
        }
        sums[group]!.agenciesRegistered += 1
        sums[group]!.agenciesDelivered += answered > 0 ? 1 : 0
        sums[group]!.respondents += answered
        sums[group]!.leaders += agency.leaderCount
      }
    }
    // Ascending numbers are key order.
    return sums.compactMap { sum in
      guard var row = sum else { return nil }
      row.responseRate = Double(row.respondents) / Double(row.leaders)
      return row
    }
  }
}
