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
package struct SecondarySuppression {
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

  /// Applies secondary suppression to tables where primary suppression is already marked.
  package func apply(to tables: inout StatisticTables, state: AggregationState) {
    for period in tables.periods {
      suppressMaturity(&tables, state: state, period: period)
      suppressCompetence(&tables, state: state, period: period)
      suppressCompletions(&tables, state: state, period: period)
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
      if contributors > 0 { result[InnerCells.column(agency: key.agency, role: key.role)] = contributors }
    }
    return result
  }

  private func suppressMaturity(_ tables: inout StatisticTables, state: AggregationState, period: Period) {
    let dimensions = model.maturity.dimensions.count
    var contributors = (0..<dimensions).map { index in
      assessmentContributors(state, period: period) { $0.dimensions[index].total }
    }
    contributors.append(assessmentContributors(state, period: period) { $0.overall.total })
    var n: [CellKey: Int] = [:]
    var primary: Set<CellKey> = []
    for row in tables.maturity where row.cell.period == period {
      if row.dimension == "overall" { n[row.cell] = row.n }
      if row.suppressed == .primary { primary.insert(row.cell) }
    }
    let candidates = n.keys.sorted(by: candidateOrder(n))
    var elimination = TiedElimination(contributors: contributors, k: k)
    elimination.run(protected: primary, candidates: candidates, members: assessmentColumns)
    let secondary = elimination.suppressed.subtracting(primary)
    for index in tables.maturity.indices where secondary.contains(tables.maturity[index].cell) {
      tables.maturity[index].suppress(.secondary)
    }
    for index in tables.maturityStage.indices where secondary.contains(tables.maturityStage[index].cell) {
      tables.maturityStage[index].count = nil
      tables.maturityStage[index].share = nil
      tables.maturityStage[index].suppressed = .secondary
    }
    withholdWeightedMeans(&tables, &elimination, period: period, candidates: candidates)
  }

  /// `weighted_mean` is Σ_a w_a·(S_a / n_a) / Σ w_a: per inner cell of agency a the coefficient
  /// w_a / n_a (the common 1 / Σ w_a changes nothing). Published last, where it exposes nothing.
  private func withholdWeightedMeans(
    _ tables: inout StatisticTables, _ elimination: inout TiedElimination, period: Period,
    candidates: [CellKey]
  ) {
    let items = model.maturity.dimensions.map(\.code) + ["overall"]
    var rowIndex: [String: Int] = [:]
    for (index, row) in tables.maturity.enumerated() where row.cell.period == period {
      rowIndex["\(row.cell.grouping.rawValue)|\(row.cell.groupKey)|\(row.dimension)"] = index
    }
    for cell in candidates where cell.grouping != .role && cell.grouping != .agency {
      for (item, code) in items.enumerated() {
        guard let index = rowIndex["\(cell.grouping.rawValue)|\(cell.groupKey)|\(code)"],
          tables.maturity[index].suppressed == nil, tables.maturity[index].weightedMean != nil
        else { continue }
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
          guard counts[column] != nil, let agencyN = perAgency[member.agency], agencyN > 0 else { continue }
          let weight = PrimeField.element(register.agencies[Int(member.agency)].leaderCount)
          entries.append((column, PrimeField.multiply(weight, PrimeField.inverse(PrimeField.element(agencyN)))))
        }
        if !elimination.publishCombination(item: item, SparseVector(entries)) {
          tables.maturity[index].weightedMean = nil
          tables.maturity[index].weightedMeanWithheld = true
        }
      }
    }
  }

  private func suppressCompetence(_ tables: inout StatisticTables, state: AggregationState, period: Period) {
    for (index, area) in model.competence.areas.enumerated() {
      let contributors = assessmentContributors(state, period: period) { $0.gaps[index].n }
      var n: [CellKey: Int] = [:]
      var primary: Set<CellKey> = []
      for row in tables.competenceGap where row.cell.period == period && row.area == area.code {
        n[row.cell] = row.n
        if row.suppressed == .primary { primary.insert(row.cell) }
      }
      var elimination = TiedElimination(contributors: [contributors], k: k)
      elimination.run(protected: primary, candidates: n.keys.sorted(by: candidateOrder(n)), members: assessmentColumns)
      let secondary = elimination.suppressed.subtracting(primary)
      for row in tables.competenceGap.indices
      where tables.competenceGap[row].area == area.code && secondary.contains(tables.competenceGap[row].cell) {
        tables.competenceGap[row].suppress(.secondary)
      }
    }
  }

  // MARK: - Completions

  /// Courses, then `reach`, repeated until stable: a group whose completions come from one
  /// course shows that course's numbers in `reach`, so the two are withheld together.
  private func suppressCompletions(_ tables: inout StatisticTables, state: AggregationState, period: Period) {
    var coursesByCell: [CellKey: [String]] = [:]
    for row in tables.courseCompletion where row.cell.period == period {
      coursesByCell[row.cell, default: []].append(row.courseID)
    }
    let courseIDs = Array(Set(tables.courseCompletion.filter { $0.cell.period == period }.map(\.courseID))).sorted()
    var forcedCourses: [String: Set<CellKey>] = [:]
    while true {
      var suppressedCourses: [String: Set<CellKey>] = [:]
      for courseID in courseIDs {
        suppressedCourses[courseID] = suppressCourse(
          tables, state: state, period: period, courseID: courseID, forced: forcedCourses[courseID] ?? [])
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
      if grew { continue }
      for index in tables.courseCompletion.indices where tables.courseCompletion[index].cell.period == period {
        let row = tables.courseCompletion[index]
        if row.suppressed == nil, suppressedCourses[row.courseID]?.contains(row.cell) == true {
          tables.courseCompletion[index].suppress(.secondary)
        }
      }
      for index in tables.reach.indices where tables.reach[index].cell.period == period {
        if tables.reach[index].suppressed == nil, reach.contains(tables.reach[index].cell) {
          tables.reach[index].suppress(.secondary)
        }
      }
      return
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
    let contributors = completionContributors(state, period: period) { $0.courses[course]?.learners ?? 0 }
    var n: [CellKey: Int] = [:]
    var primary = forced
    for row in tables.courseCompletion where row.cell.period == period && row.courseID == courseID {
      n[row.cell] = row.learners
      if row.suppressed == .primary { primary.insert(row.cell) }
    }
    var elimination = TiedElimination(contributors: [contributors], k: k)
    elimination.run(protected: primary, candidates: n.keys.sorted(by: candidateOrder(n)), members: inner.completionMembers)
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
    elimination.run(protected: primary, candidates: n.keys.sorted(by: candidateOrder(n)), members: inner.completionMembers)
    return elimination.suppressed
  }
}
