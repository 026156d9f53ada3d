import Dispatch
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

  /// What one problem decided: the cells to withhold as secondary.
  struct Decisions: Sendable {
    var maturity: Set<CellKey> = []
    /// `weighted_mean` values withheld, as (cell, dimension code).
    var weighted: Set<WeightedKey> = []
    /// Per area code.
    var competence: [String: Set<CellKey>] = [:]
    /// Per course id: every cell withheld in the end (primary ones too).
    var courses: [String: Set<CellKey>] = [:]
    var reach: Set<CellKey> = []
  }

  struct WeightedKey: Hashable, Sendable {
    var cell: CellKey
    var dimension: String
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
    let slots = WorkerSlots<Decisions>(count: problems.count)
    let next = WorkCounter()
    DispatchQueue.concurrentPerform(iterations: max(1, min(threads, problems.count))) { _ in
      while let index = next.take(below: problems.count) {
        let (period, problem) = problems[index]
        switch problem {
        case .maturity: slots[index] = maturity(snapshot, state: state, period: period)
        case .competence: slots[index] = competence(snapshot, state: state, period: period)
        case .completions: slots[index] = completions(snapshot, state: state, period: period)
        }
      }
    }
    var decisions = Decisions()
    for slot in slots.values {
      decisions.maturity.formUnion(slot.maturity)
      decisions.weighted.formUnion(slot.weighted)
      decisions.competence.merge(slot.competence) { $0.union($1) }
      decisions.courses.merge(slot.courses) { $0.union($1) }
      decisions.reach.formUnion(slot.reach)
    }
    Self.apply(decisions, to: &tables)
  }

  /// Marks what was decided; cells already primary stay primary.
  private static func apply(_ decisions: Decisions, to tables: inout StatisticTables) {
    for index in tables.maturity.indices {
      let row = tables.maturity[index]
      if row.suppressed == nil, decisions.maturity.contains(row.cell) {
        tables.maturity[index].suppress(.secondary)
      } else if row.suppressed == nil,
        decisions.weighted.contains(WeightedKey(cell: row.cell, dimension: row.dimension))
      {
        tables.maturity[index].weightedMean = nil
        tables.maturity[index].weightedMeanWithheld = true
      }
    }
    for index in tables.maturityStage.indices
    where tables.maturityStage[index].suppressed == nil
      && decisions.maturity.contains(tables.maturityStage[index].cell)
    {
      tables.maturityStage[index].suppress(.secondary)
    }
    for index in tables.competenceGap.indices {
      let row = tables.competenceGap[index]
      if row.suppressed == nil, decisions.competence[row.area]?.contains(row.cell) == true {
        tables.competenceGap[index].suppress(.secondary)
      }
    }
    for index in tables.courseCompletion.indices {
      let row = tables.courseCompletion[index]
      if row.suppressed == nil, decisions.courses[row.courseID]?.contains(row.cell) == true {
        tables.courseCompletion[index].suppress(.secondary)
      }
    }
    for index in tables.reach.indices
    where tables.reach[index].suppressed == nil
      && decisions.reach.contains(tables.reach[index].cell)
    {
      tables.reach[index].suppress(.secondary)
    }
  }

  // MARK: - Assessments

  private func assessmentColumns(_ cell: CellKey) -> [Int32] {
    inner.assessmentMembers(cell).map { InnerCells.column(agency: $0.agency, role: $0.role) }
  }

  /// Per item, per inner cell of a period, the contributors the item counts (zero-count cells
  /// left out): every item in one pass over the state, which holds every period's cells.
  private func assessmentContributors(
    _ state: AggregationState, period: Period, items: Int, count: (AssessmentCell, Int) -> Int
  ) -> [[Int32: Int]] {
    var result = [[Int32: Int]](repeating: [:], count: items)
    for (key, cell) in state.assessments where key.period == period {
      let column = InnerCells.column(agency: key.agency, role: key.role)
      for item in 0..<items {
        let contributors = count(cell, item)
        if contributors > 0 { result[item][column] = contributors }
      }
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
    let rows = tables.maturity.filter { $0.cell.period == period }
    var n: [CellKey: Int] = [:]
    var primary: Set<CellKey> = []
    for row in rows {
      if row.dimension == "overall" { n[row.cell] = row.n }
      if row.suppressed == .primary { primary.insert(row.cell) }
    }
    let candidates = orderedCandidates(n)
    var elimination = TiedElimination(contributors: contributors, k: k)
    elimination.run(protected: primary, candidates: candidates, members: assessmentColumns)
    var decisions = Decisions()
    decisions.maturity = elimination.suppressed.subtracting(primary)
    decisions.weighted = withheldWeightedMeans(rows, &elimination, candidates: candidates)
    return decisions
  }

  /// `weighted_mean` is Σ_a w_a·(S_a / n_a) / Σ w_a: per inner cell of agency a the coefficient
  /// w_a / n_a (the common 1 / Σ w_a changes nothing). Published last, where it exposes nothing.
  private func withheldWeightedMeans(
    _ rows: [MaturityRow], _ elimination: inout TiedElimination, candidates: [CellKey]
  ) -> Set<WeightedKey> {
    let items = model.maturity.dimensions.map(\.code) + ["overall"]
    var published: Set<WeightedKey> = []
    for row in rows where row.weightedMean != nil && !elimination.suppressed.contains(row.cell) {
      published.insert(WeightedKey(cell: row.cell, dimension: row.dimension))
    }
    // Every cell here holds all roles of its agencies, so an agency's n_a, and its coefficient,
    // depend on the item only: found once per agency, not once per cell and role.
    let coefficients = elimination.contributors.map(agencyCoefficients)
    var withheld: Set<WeightedKey> = []
    for cell in candidates where cell.grouping != .role && cell.grouping != .agency {
      let members = inner.assessmentMembers(cell)
      for (item, code) in items.enumerated() {
        let key = WeightedKey(cell: cell, dimension: code)
        guard published.contains(key) else { continue }
        let counts = elimination.contributors[item]
        var entries: [(column: Int32, value: UInt64)] = []
        for member in members {
          let column = InnerCells.column(agency: member.agency, role: member.role)
          guard counts[column] != nil, let coefficient = coefficients[item][Int(member.agency)]
          else { continue }
          entries.append((column, coefficient))
        }
        if !elimination.publishCombination(item: item, SparseVector(entries)) {
          withheld.insert(key)
        }
      }
    }
    return withheld
  }

  /// Per agency (by index), w_a / n_a in the field: its leader count over its contributors in
  /// all roles, nil when it has none.
  private func agencyCoefficients(_ counts: [Int32: Int]) -> [UInt64?] {
    register.agencies.indices.map { agency in
      let n = InnerCells.roles.reduce(0) { sum, role in
        sum + (counts[InnerCells.column(agency: Int32(agency), role: role)] ?? 0)
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
    // The period's rows, by area code, in one pass over the table.
    var nByArea: [String: [CellKey: Int]] = [:]
    var primaryByArea: [String: Set<CellKey>] = [:]
    for row in tables.competenceGap where row.cell.period == period {
      nByArea[row.area, default: [:]][row.cell] = row.n
      if row.suppressed == .primary { primaryByArea[row.area, default: []].insert(row.cell) }
    }
    var decisions = Decisions()
    for (index, area) in areas.enumerated() {
      let n = nByArea[area.code] ?? [:]
      let primary = primaryByArea[area.code] ?? []
      var elimination = TiedElimination(contributors: [contributors[index]], k: k)
      elimination.run(
        protected: primary, candidates: orderedCandidates(n),
        members: assessmentColumns)
      decisions.competence[area.code] = elimination.suppressed.subtracting(primary)
    }
    return decisions
  }

  // MARK: - Completions

  /// Courses, then `reach`, repeated until stable: a group whose completions come from one
  /// course shows that course's numbers in `reach`, so the two are withheld together.
  private func completions(_ tables: StatisticTables, state: AggregationState, period: Period)
    -> Decisions
  {
    let problems = courseProblems(tables, state: state, period: period)
    var coursesByCell: [CellKey: [String]] = [:]
    for row in tables.courseCompletion where row.cell.period == period {
      coursesByCell[row.cell, default: []].append(row.courseID)
    }
    var forcedCourses: [String: Set<CellKey>] = [:]
    // A course's decision depends only on what is forced on it: later rounds redo only the
    // courses whose forced cells grew.
    var suppressedCourses: [String: Set<CellKey>] = [:]
    var stale = Set(problems.ids)
    while true {
      for courseID in problems.ids where stale.contains(courseID) {
        // A course missing from the catalogue has no inner cells: nothing to decide.
        suppressedCourses[courseID] =
          problems.byID[courseID]?.suppressed(
            forced: forcedCourses[courseID] ?? [], k: k, members: inner.completionMembers) ?? []
      }
      stale = []
      var forcedReach: Set<CellKey> = []
      for (cell, courses) in coursesByCell where courses.count == 1 {
        if suppressedCourses[courses[0]]?.contains(cell) == true { forcedReach.insert(cell) }
      }
      let reach = suppressReach(tables, state: state, period: period, forced: forcedReach)
      for (cell, courses) in coursesByCell where courses.count == 1 && reach.contains(cell) {
        if suppressedCourses[courses[0]]?.contains(cell) != true {
          forcedCourses[courses[0], default: []].insert(cell)
          stale.insert(courses[0])
        }
      }
      if stale.isEmpty { return Decisions(courses: suppressedCourses, reach: reach) }
    }
  }

  /// One course's suppression problem in one period: what does not change between rounds.
  struct CourseProblem {
    /// Per agency, the course's learners there (agencies without any left out).
    var contributors: [Int32: Int] = [:]
    /// Every cell of the course, in `candidateOrder`.
    var candidates: [CellKey] = []
    var primary: Set<CellKey> = []

    /// The cells of the course suppressed in the end (primary, forced and secondary).
    func suppressed(forced: Set<CellKey>, k: Int, members: (CellKey) -> [Int32]) -> Set<CellKey> {
      var elimination = TiedElimination(contributors: [contributors], k: k)
      elimination.run(protected: primary.union(forced), candidates: candidates, members: members)
      return elimination.suppressed
    }
  }

  /// Every course of the period with at least one row (`ids`, sorted), and the problem of each
  /// one in the catalogue, gathered in one pass over the rows and one over the state.
  private func courseProblems(_ tables: StatisticTables, state: AggregationState, period: Period)
    -> (ids: [String], byID: [String: CourseProblem])
  {
    var n: [String: [CellKey: Int]] = [:]
    var primary: [String: Set<CellKey>] = [:]
    for row in tables.courseCompletion where row.cell.period == period {
      n[row.courseID, default: [:]][row.cell] = row.learners
      if row.suppressed == .primary { primary[row.courseID, default: []].insert(row.cell) }
    }
    var contributors: [Int32: [Int32: Int]] = [:]
    for (key, cell) in state.completions where key.period == period {
      for (course, courseState) in cell.courses where courseState.learners > 0 {
        contributors[course, default: [:]][key.agency] = courseState.learners
      }
    }
    var problems: [String: CourseProblem] = [:]
    for (courseID, cells) in n {
      guard let course = catalogue.index(ofCourse: courseID).map(Int32.init) else { continue }
      problems[courseID] = CourseProblem(
        contributors: contributors[course] ?? [:], candidates: orderedCandidates(cells),
        primary: primary[courseID] ?? [])
    }
    return (n.keys.sorted(), problems)
  }

  private func completionContributors(
    _ state: AggregationState, period: Period, count: (CompletionCell) -> Int
  ) -> [Int32: Int] {
    var result: [Int32: Int] = [:]
    for (key, cell) in state.completions where key.period == period {
      let contributors = count(cell)
      if contributors > 0 { result[key.agency] = contributors }
    }
    return result
  }

  /// The `reach` cells suppressed in the end.
  private func suppressReach(
    _ tables: StatisticTables, state: AggregationState, period: Period, forced: Set<CellKey>
  ) -> Set<CellKey> {
    let contributors = completionContributors(state, period: period) { $0.learners }
    var n: [CellKey: Int] = [:]
    var primary = forced
    for row in tables.reach where row.cell.period == period {
      n[row.cell] = row.learners
      if row.suppressed == .primary { primary.insert(row.cell) }
    }
    var elimination = TiedElimination(contributors: [contributors], k: k)
    elimination.run(
      protected: primary, candidates: orderedCandidates(n),
      members: inner.completionMembers)
    return elimination.suppressed
  }
}
