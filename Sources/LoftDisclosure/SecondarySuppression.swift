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

  private enum Problem: CaseIterable {
    case maturity, competence, completions
  }

  /// Applies secondary suppression to tables where primary suppression is already marked.
  package func apply(to tables: inout StatisticTables, state: AggregationState, threads: Int = 1) {
    let problems = tables.periods.flatMap { period in Problem.allCases.map { (period, $0) } }
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

  /// Per inner cell of a period, the contributors an item counts (zero-count cells left out).
  private func assessmentContributors(
    _ state: AggregationState, period: Period, count: (AssessmentCell) -> Int
  ) -> [Int32: Int] {
    var result: [Int32: Int] = [:]
    for (key, cell) in state.assessments where key.period == period {
      let contributors = count(cell)
      if contributors > 0 {
        result[InnerCells.column(agency: key.agency, role: key.role)] = contributors
      }
    }
    return result
  }

  private func maturity(_ tables: StatisticTables, state: AggregationState, period: Period)
    -> Decisions
  {
    let dimensions = model.maturity.dimensions.count
    var contributors = (0..<dimensions).map { index in
      assessmentContributors(state, period: period) { $0.dimensions[index].total }
    }
    contributors.append(assessmentContributors(state, period: period) { $0.overall.total })
    let rows = tables.maturity.filter { $0.cell.period == period }
    var n: [CellKey: Int] = [:]
    var primary: Set<CellKey> = []
    for row in rows {
      if row.dimension == "overall" { n[row.cell] = row.n }
      if row.suppressed == .primary { primary.insert(row.cell) }
    }
    let candidates = n.keys.sorted(by: candidateOrder(n))
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
    var withheld: Set<WeightedKey> = []
    for cell in candidates where cell.grouping != .role && cell.grouping != .agency {
      for (item, code) in items.enumerated() {
        let key = WeightedKey(cell: cell, dimension: code)
        guard published.contains(key) else { continue }
        let counts = elimination.contributors[item]
        var perAgency: [Int32: Int] = [:]
        let members = inner.assessmentMembers(cell)
        for member in members {
          perAgency[member.agency, default: 0] +=
            counts[InnerCells.column(agency: member.agency, role: member.role)] ?? 0
        }
        var entries: [(column: Int32, value: UInt64)] = []
        for member in members {
          let column = InnerCells.column(agency: member.agency, role: member.role)
          guard counts[column] != nil, let agencyN = perAgency[member.agency], agencyN > 0 else {
            continue
          }
          let weight = PrimeField.element(register.agencies[Int(member.agency)].leaderCount)
          entries.append(
            (column, PrimeField.multiply(weight, PrimeField.inverse(PrimeField.element(agencyN)))))
        }
        if !elimination.publishCombination(item: item, SparseVector(entries)) {
          withheld.insert(key)
        }
      }
    }
    return withheld
  }

  private func competence(_ tables: StatisticTables, state: AggregationState, period: Period)
    -> Decisions
  {
    var decisions = Decisions()
    for (index, area) in model.competence.areas.enumerated() {
      let contributors = assessmentContributors(state, period: period) { $0.gaps[index].n }
      var n: [CellKey: Int] = [:]
      var primary: Set<CellKey> = []
      for row in tables.competenceGap where row.cell.period == period && row.area == area.code {
        n[row.cell] = row.n
        if row.suppressed == .primary { primary.insert(row.cell) }
      }
      var elimination = TiedElimination(contributors: [contributors], k: k)
      elimination.run(
        protected: primary, candidates: n.keys.sorted(by: candidateOrder(n)),
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
    var coursesByCell: [CellKey: [String]] = [:]
    for row in tables.courseCompletion where row.cell.period == period {
      coursesByCell[row.cell, default: []].append(row.courseID)
    }
    let courseIDs = Array(
      Set(tables.courseCompletion.filter { $0.cell.period == period }.map(\.courseID))
    ).sorted()
    var forcedCourses: [String: Set<CellKey>] = [:]
    while true {
      var suppressedCourses: [String: Set<CellKey>] = [:]
      for courseID in courseIDs {
        suppressedCourses[courseID] = suppressCourse(
          tables, state: state, period: period, courseID: courseID,
          forced: forcedCourses[courseID] ?? [])
      }
      var forcedReach: Set<CellKey> = []
      for (cell, courses) in coursesByCell where courses.count == 1 {
        if suppressedCourses[courses[0]]?.contains(cell) == true { forcedReach.insert(cell) }
      }
      let reach = suppressReach(tables, state: state, period: period, forced: forcedReach)
      var grew = false
      for (cell, courses) in coursesByCell where courses.count == 1 && reach.contains(cell) {
        if suppressedCourses[courses[0]]?.contains(cell) != true {
          forcedCourses[courses[0], default: []].insert(cell)
          grew = true
        }
      }
      if !grew { return Decisions(courses: suppressedCourses, reach: reach) }
    }
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

  /// The cells of one course suppressed in the end (primary, forced and secondary).
  private func suppressCourse(
    _ tables: StatisticTables, state: AggregationState, period: Period, courseID: String,
    forced: Set<CellKey>
  ) -> Set<CellKey> {
    guard let course = catalogue.index(ofCourse: courseID).map(Int32.init) else { return [] }
    let contributors = completionContributors(state, period: period) {
      $0.courses[course]?.learners ?? 0
    }
    var n: [CellKey: Int] = [:]
    var primary = forced
    for row in tables.courseCompletion where row.cell.period == period && row.courseID == courseID {
      n[row.cell] = row.learners
      if row.suppressed == .primary { primary.insert(row.cell) }
    }
    var elimination = TiedElimination(contributors: [contributors], k: k)
    elimination.run(
      protected: primary, candidates: n.keys.sorted(by: candidateOrder(n)),
      members: inner.completionMembers)
    return elimination.suppressed
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
      protected: primary, candidates: n.keys.sorted(by: candidateOrder(n)),
      members: inner.completionMembers)
    return elimination.suppressed
  }
}
