import LoftAggregate
import LoftCore

/// Secondary suppression: withholds further cells until no protected cell — a suppressed cell,
/// or an inner cell with fewer than k contributors — can be computed exactly from published
/// cells by sums and differences, across the tables of one period.
///
/// Assessment cells are sums of agency × role inner cells; completion cells of agency inner
/// cells. A maturity cell is decided for all its dimensions and `overall` together; competence
/// areas and courses each on their own; `reach` together with its single-course groups.
/// `weighted_mean` values are tried last and withheld where they would expose a cell.
/// Periods and tables are independent problems, decided in parallel and applied in order.
package struct SecondarySuppression: Sendable {
  let register: Register
  let catalogue: Catalogue
  let model: Model
  let k: Int
  let inner: InnerCells

  package init(register: Register, catalogue: Catalogue, model: Model, k: Int) {
    self.register = register
    self.catalogue = catalogue
    self.model = model
    self.k = k
    self.inner = InnerCells(register: register)
  }

  /// What one problem decided: the rows to withhold as secondary, by index in each table.
  struct Decisions: Sendable {
    var maturity: [Int] = []
    var maturityStage: [Int] = []
    /// `maturity` rows whose `weighted_mean` alone is withheld.
    var weightedMeans: [Int] = []
    var competenceGap: [Int] = []
    var courseCompletion: [Int] = []
    var reach: [Int] = []
  }

  /// In the order they are handed out: the completions of a period take longest, so they go
  /// first and the short ones fill in at the end.
  private enum Problem: CaseIterable {
    case completions, maturity, competence
  }

  /// Applies secondary suppression to tables where primary suppression is already marked.
  package func apply(to tables: inout StatisticTables, state: AggregationState, threads: Int = 1) {
    let problems = Problem.allCases.flatMap { problem in tables.periods.map { ($0, problem) } }
    let snapshot = tables
    let decided = concurrentMap(problems.count, threads: threads) { index in
      let (period, problem) = problems[index]
      return switch problem {
      case .maturity: maturity(snapshot, state: state, period: period)
      case .competence: competence(snapshot, state: state, period: period)
      case .completions: completions(snapshot, state: state, period: period)
      }
    }
    for decisions in decided { Self.apply(decisions, to: &tables) }
  }

  /// Marks what was decided; rows already primary stay primary.
  private static func apply(_ decisions: Decisions, to tables: inout StatisticTables) {
    for index in decisions.maturity where tables.maturity[index].suppressed == nil {
      tables.maturity[index].suppress(.secondary)
    }
    for index in decisions.weightedMeans where tables.maturity[index].suppressed == nil {
      tables.maturity[index].weightedMean = nil
      tables.maturity[index].weightedMeanWithheld = true
    }
    for index in decisions.maturityStage where tables.maturityStage[index].suppressed == nil {
      tables.maturityStage[index].suppress(.secondary)
    }
    for index in decisions.competenceGap where tables.competenceGap[index].suppressed == nil {
      tables.competenceGap[index].suppress(.secondary)
    }
    for index in decisions.courseCompletion
    where tables.courseCompletion[index].suppressed == nil {
      tables.courseCompletion[index].suppress(.secondary)
    }
    for index in decisions.reach where tables.reach[index].suppressed == nil {
      tables.reach[index].suppress(.secondary)
    }
  }

  // MARK: - Assessments

  private func assessmentColumns(_ cell: CellKey) -> [Int32] {
    inner.assessmentMembers(cell).map { InnerCells.column(agency: $0.agency, role: $0.role) }
  }

  /// Per item, per inner cell of a period (by column), the contributors the item counts: every
  /// item in one pass over the state, which holds every period's cells.
  private func assessmentContributors(
    _ state: AggregationState, period: Period, items: Int, count: (AssessmentCell, Int) -> Int
  ) -> [[Int]] {
    let columns = register.agencies.count * InnerCells.roles.count
    var result = [[Int]](repeating: [Int](repeating: 0, count: columns), count: items)
    for (key, cell) in state.assessments where key.period == period {
      let column = Int(InnerCells.column(agency: key.agency, role: key.role))
      for item in 0..<items { result[item][column] = count(cell, item) }
    }
    return result
  }

  private func maturity(_ tables: StatisticTables, state: AggregationState, period: Period)
    -> Decisions
  {
    let dimensions = model.maturity.dimensions.count
    // The dimensions, then `overall`.
    let contributors = assessmentContributors(state, period: period, items: dimensions + 1) {
      $1 < dimensions ? $0.dimensions[$1].total : $0.overall.total
    }
    let cells = PeriodCells(tables.maturity, period: period, cell: \.cell)
    let rows = cells.rows(of: tables.maturity, cell: \.cell)
    var n: [(cell: Int, n: Int)] = []
    var primary = [Bool](repeating: false, count: cells.count)
    for (index, cell) in rows {
      let row = tables.maturity[index]
      if row.dimension == "overall" { n.append((cell, row.n)) }
      if row.suppressed == .primary { primary[cell] = true }
    }
    let candidates = orderedCandidates(n)
    var elimination = TiedElimination(contributors: contributors, k: k)
    elimination.run(
      protected: primary, candidates: candidates,
      members: cells.cells.map(assessmentColumns))
    var decisions = Decisions()
    decisions.maturity = rows.filter { elimination.suppressed[$0.cell] }.map(\.index)
    decisions.maturityStage = cells.rows(of: tables.maturityStage, cell: \.cell)
      .filter { elimination.suppressed[$0.cell] }.map(\.index)
    decisions.weightedMeans = withheldWeightedMeans(
      tables.maturity, rows: rows, cells: cells, &elimination, candidates: candidates)
    return decisions
  }

  /// `weighted_mean` is Σ_a w_a·(S_a / n_a) / Σ w_a: per inner cell of agency a the coefficient
  /// w_a / n_a (the common 1 / Σ w_a changes nothing). Published last, where it exposes nothing.
  /// Returns the `maturity` rows whose `weighted_mean` is withheld.
  private func withheldWeightedMeans(
    _ table: [MaturityRow], rows: [(index: Int, cell: Int)], cells: PeriodCells,
    _ elimination: inout TiedElimination, candidates: [Int]
  ) -> [Int] {
    let codes = model.maturity.dimensions.map(\.code) + ["overall"]
    let items = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
    // Per cell and item, the row whose weighted mean is published so far.
    var published = [Int?](repeating: nil, count: cells.count * codes.count)
    for (index, cell) in rows where !elimination.suppressed[cell] {
      guard table[index].weightedMean != nil, let item = items[table[index].dimension]
      else { continue }
      published[cell * codes.count + item] = index
    }
    // Every cell here holds all roles of its agencies, so an agency's n_a, and its coefficient,
    // depend on the item only: found once per agency, not once per cell and role.
    let coefficients = elimination.contributors.map(agencyCoefficients)
    var withheld: [Int] = []
    for cell in candidates {
      let key = cells.cells[cell]
      guard key.grouping != .role && key.grouping != .agency else { continue }
      let members = inner.assessmentMembers(key)
      for item in codes.indices {
        guard let index = published[cell * codes.count + item] else { continue }
        let counts = elimination.contributors[item]
        var entries: [(column: Int32, value: UInt64)] = []
        for member in members {
          let column = InnerCells.column(agency: member.agency, role: member.role)
          guard counts[Int(column)] > 0, let coefficient = coefficients[item][Int(member.agency)]
          else { continue }
          entries.append((column, coefficient))
        }
        if !elimination.publishCombination(item: item, SparseVector(entries)) {
          withheld.append(index)
        }
      }
    }
    return withheld
  }

  /// Per agency (by index), w_a / n_a in the field: its leader count over its contributors in
  /// all roles, nil when it has none.
  private func agencyCoefficients(_ counts: [Int]) -> [UInt64?] {
    register.agencies.indices.map { agency in
      let n = InnerCells.roles.reduce(0) { sum, role in
        sum + counts[Int(InnerCells.column(agency: Int32(agency), role: role))]
      }
      guard n > 0 else { return nil }
      let weight = PrimeField.element(register.agencies[agency].leaderCount)
      return PrimeField.multiply(weight, PrimeField.inverse(PrimeField.element(n)))
    }
  }

  private func competence(_ tables: StatisticTables, state: AggregationState, period: Period)
    -> Decisions
  {
    let areas = model.competence.areas
    let contributors = assessmentContributors(state, period: period, items: areas.count) {
      $0.gaps[$1].n
    }
    let indexOfArea = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1.code, $0) })
    // The period's rows, by area, in one pass over the table.
    let cells = PeriodCells(tables.competenceGap, period: period, cell: \.cell)
    let rows = cells.rows(of: tables.competenceGap, cell: \.cell)
    var n = [[(cell: Int, n: Int)]](repeating: [], count: areas.count)
    var primary = [[Bool]](
      repeating: [Bool](repeating: false, count: cells.count), count: areas.count)
    var rowsByArea = [[(index: Int, cell: Int)]](repeating: [], count: areas.count)
    for (index, cell) in rows {
      let row = tables.competenceGap[index]
      guard let area = indexOfArea[row.area] else { continue }
      n[area].append((cell, row.n))
      if row.suppressed == .primary { primary[area][cell] = true }
      rowsByArea[area].append((index, cell))
    }
    let members = cells.cells.map(assessmentColumns)
    var decisions = Decisions()
    for area in areas.indices {
      var elimination = TiedElimination(contributors: [contributors[area]], k: k)
      elimination.run(
        protected: primary[area], candidates: orderedCandidates(n[area]), members: members)
      decisions.competenceGap += rowsByArea[area].filter { elimination.suppressed[$0.cell] }
        .map(\.index)
    }
    return decisions
  }

  // MARK: - Completions

  /// Courses, then `reach`, repeated until stable: a group whose completions come from one
  /// course shows that course's numbers in `reach`, so the two are withheld together.
  ///
  /// Cells are numbered once for the period, from `reach`, which holds every cell of
  /// `course_completion`; courses are numbered by catalogue index.
  private func completions(_ tables: StatisticTables, state: AggregationState, period: Period)
    -> Decisions
  {
    let cells = PeriodCells(tables.reach, period: period, cell: \.cell)
    let members = cells.cells.map(inner.completionMembers)
    let courseRows = cells.rows(of: tables.courseCompletion, cell: \.cell)
    // A course missing from the catalogue has no inner cells: nothing to decide.
    let courseOfRow = courseRows.map {
      catalogue.index(ofCourse: tables.courseCompletion[$0.index].courseID)
    }
    var problems = courseProblems(
      tables, rows: courseRows, courses: courseOfRow, state: state, cells: cells)
    // Per cell, how many courses have a row there, and (when only one does) which.
    var courseCount = [Int](repeating: 0, count: cells.count)
    var onlyCourse = [Int?](repeating: nil, count: cells.count)
    for (row, course) in zip(courseRows, courseOfRow) {
      courseCount[row.cell] += 1
      onlyCourse[row.cell] = course
    }
    let singleCourse = cells.cells.indices.compactMap { cell in
      courseCount[cell] == 1 ? onlyCourse[cell].map { (cell: cell, course: $0) } : nil
    }
    let reach = ReachProblem(
      tables, state: state, cells: cells, agencies: register.agencies.count)
    // A course's decision depends only on what is forced on it: later rounds redo only the
    // courses whose forced cells grew.
    var stale = Set(problems.indices.filter { !problems[$0].n.isEmpty })
    while true {
      for course in stale.sorted() {
        problems[course].decide(k: k, members: members)
      }
      stale = []
      var forcedReach = [Bool](repeating: false, count: cells.count)
      for (cell, course) in singleCourse where problems[course].suppressed[cell] {
        forcedReach[cell] = true
      }
      let suppressedReach = reach.suppressed(forced: forcedReach, k: k, members: members)
      for (cell, course) in singleCourse
      where suppressedReach[cell] && !problems[course].suppressed[cell] {
        problems[course].forced[cell] = true
        stale.insert(course)
      }
      if stale.isEmpty {
        var decisions = Decisions()
        for (row, course) in zip(courseRows, courseOfRow) {
          if let course, problems[course].suppressed[row.cell] {
            decisions.courseCompletion.append(row.index)
          }
        }
        decisions.reach = cells.rows(of: tables.reach, cell: \.cell)
          .filter { suppressedReach[$0.cell] }.map(\.index)
        return decisions
      }
    }
  }

  /// One course's suppression problem in one period, over the period's cells.
  struct CourseProblem {
    /// Per agency (by index), the course's learners there.
    var contributors: [Int]
    /// Per cell: its `n`, for the cells where the course has a row.
    var n: [(cell: Int, n: Int)] = []
    var primary: [Bool]
    /// Cells `reach` forced on the course.
    var forced: [Bool]
    /// The cells of the course suppressed in the end (primary, forced and secondary).
    var suppressed: [Bool]

    init(agencies: Int, cells: Int) {
      contributors = [Int](repeating: 0, count: agencies)
      primary = [Bool](repeating: false, count: cells)
      forced = primary
      suppressed = primary
    }

    /// Decides `suppressed` from what is primary and forced.
    mutating func decide(k: Int, members: [[Int32]]) {
      var elimination = TiedElimination(contributors: [contributors], k: k)
      let protected = zip(primary, forced).map { $0 || $1 }
      elimination.run(protected: protected, candidates: orderedCandidates(n), members: members)
      suppressed = elimination.suppressed
    }
  }

  /// Every course's problem in the period (by catalogue index), gathered in one pass over the
  /// period's rows (each with its course) and one over the state; courses without a row there
  /// have no candidates.
  private func courseProblems(
    _ tables: StatisticTables, rows: [(index: Int, cell: Int)], courses: [Int?],
    state: AggregationState, cells: PeriodCells
  ) -> [CourseProblem] {
    var problems = [CourseProblem](
      repeating: CourseProblem(agencies: register.agencies.count, cells: cells.count),
      count: catalogue.courses.count)
    for ((index, cell), course) in zip(rows, courses) {
      guard let course else { continue }
      let row = tables.courseCompletion[index]
      problems[course].n.append((cell, row.learners))
      if row.suppressed == .primary { problems[course].primary[cell] = true }
    }
    for (key, cell) in state.completions where key.period == cells.period {
      for (course, courseState) in cell.courses {
        problems[Int(course)].contributors[Int(key.agency)] = courseState.learners
      }
    }
    return problems
  }

  /// The `reach` problem of one period, over the period's cells: what does not change between
  /// rounds.
  struct ReachProblem {
    /// Per agency (by index), its learners.
    var contributors: [Int]
    var candidates: [Int]
    var primary: [Bool]

    init(_ tables: StatisticTables, state: AggregationState, cells: PeriodCells, agencies: Int) {
      contributors = [Int](repeating: 0, count: agencies)
      for (key, cell) in state.completions where key.period == cells.period {
        contributors[Int(key.agency)] = cell.learners
      }
      var n: [(cell: Int, n: Int)] = []
      primary = [Bool](repeating: false, count: cells.count)
      for (index, cell) in cells.rows(of: tables.reach, cell: \.cell) {
        n.append((cell, tables.reach[index].learners))
        if tables.reach[index].suppressed == .primary { primary[cell] = true }
      }
      candidates = orderedCandidates(n)
    }

    /// The `reach` cells suppressed in the end.
    func suppressed(forced: [Bool], k: Int, members: [[Int32]]) -> [Bool] {
      var elimination = TiedElimination(contributors: [contributors], k: k)
      elimination.run(
        protected: zip(primary, forced).map { $0 || $1 }, candidates: candidates,
        members: members)
      return elimination.suppressed
    }
  }
}
