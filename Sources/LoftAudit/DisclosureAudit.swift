import LoftAggregate
import LoftCore

/// The independent audit of a snapshot's tables: for every table, period and item, is any
/// suppressed cell, or any inner cell with fewer than k contributors, a linear combination of
/// published cells (and published `weighted_mean` values)?
///
/// It rebuilds each cell's inner cells from the register and the aggregation state, and asks
/// `ExposureCheck`; nothing here comes from the suppression code.
package struct DisclosureAudit {
  let register: Register
  let catalogue: Catalogue
  let model: Model
  let k: Int

  package init(register: Register, catalogue: Catalogue, model: Model, k: Int) {
    self.register = register
    self.catalogue = catalogue
    self.model = model
    self.k = k
  }

  /// One protected cell that published cells give away.
  package struct Exposure: Sendable, Equatable, CustomStringConvertible {
    package var table: String
    package var period: String
    package var item: String
    /// The exposed cell (`grouping/group_key`) or inner cell (`inner agency/role`).
    package var what: String
    package var description: String { "\(table) \(period) \(item): \(what) can be computed" }
  }

  /// What the audit looked at and found.
  package struct Result: Sendable {
    package var problems = 0
    package var protectedVectors = 0
    package var exposures: [Exposure] = []
  }

  package func audit(_ tables: StatisticTables, state: AggregationState) -> Result {
    var result = Result()
    for period in tables.periods {
      auditAssessments(tables, state: state, period: period, into: &result)
      auditCompletions(tables, state: state, period: period, into: &result)
    }
    return result
  }

  // MARK: - Inner cells

  private func members(of cell: CellKey, roles: Bool) -> [(agency: Int, role: Role?)] {
    var result: [(Int, Role?)] = []
    for (index, agency) in register.agencies.enumerated() {
      if roles {
        for role in Role.allCases {
          let inCell =
            cell.grouping == .role
            ? role.rawValue == cell.groupKey
            : cell.grouping.key(of: agency) == cell.groupKey
          if inCell { result.append((index, role)) }
        }
      } else if cell.grouping.key(of: agency) == cell.groupKey {
        result.append((index, nil))
      }
    }
    return result
  }

  private static func column(_ agency: Int, _ role: Role?) -> Int {
    agency * 8 + (role.map { $0.index + 1 } ?? 0)
  }

  private func vector(_ cell: CellKey, roles: Bool, counts: [Int: Int]) -> ExposureCheck.Vector {
    var vector: ExposureCheck.Vector = [:]
    for member in members(of: cell, roles: roles) {
      let column = Self.column(member.agency, member.role)
      if (counts[column] ?? 0) > 0 { vector[column] = 1 }
    }
    return vector
  }

  /// Runs one problem: the published cells (and combinations) of one table, period and item
  /// against its suppressed cells and its inner cells with fewer than k contributors.
  private func check(
    table: String, period: Period, item: String, counts: [Int: Int], roles: Bool,
    cells: [(cell: CellKey, suppressed: Bool)], combinations: [ExposureCheck.Vector] = [],
    into result: inout Result
  ) {
    var published = combinations
    var protected: [(String, ExposureCheck.Vector)] = []
    for (cell, suppressed) in cells {
      let cellVector = vector(cell, roles: roles, counts: counts)
      if suppressed {
        protected.append(("\(cell.grouping.rawValue)/\(cell.groupKey)", cellVector))
      } else {
        published.append(cellVector)
      }
    }
    for column in counts.keys.sorted() where counts[column]! > 0 && counts[column]! < k {
      let agency = register.agencies[column / 8].orgNumber.digits
      let role = column % 8 == 0 ? "" : "/" + Role.allCases[column % 8 - 1].rawValue
      protected.append(("inner \(agency)\(role)", [column: 1]))
    }
    result.problems += 1
    result.protectedVectors += protected.count
    for index in ExposureCheck.exposed(published: published, protected: protected.map(\.1)) {
      result.exposures.append(
        Exposure(table: table, period: period.description, item: item, what: protected[index].0))
    }
  }

  // MARK: - Assessments

  private func auditAssessments(
    _ tables: StatisticTables, state: AggregationState, period: Period, into result: inout Result
  ) {
    let items = model.maturity.dimensions.map(\.code) + ["overall"]
    for (itemIndex, item) in items.enumerated() {
      var counts: [Int: Int] = [:]
      for (key, cell) in state.assessments where key.period == period {
        let histogram =
          itemIndex < model.maturity.dimensions.count ? cell.dimensions[itemIndex] : cell.overall
        counts[Self.column(Int(key.agency), key.role)] = histogram.total
      }
      let rows = tables.maturity.filter { $0.cell.period == period && $0.dimension == item }
      let weighted = rows.filter { $0.suppressed == nil && $0.weightedMean != nil }.map {
        weightedVector($0.cell, counts: counts)
      }
      check(
        table: "maturity", period: period, item: item, counts: counts, roles: true,
        cells: rows.map { ($0.cell, $0.suppressed != nil) }, combinations: weighted, into: &result)
    }
    for (areaIndex, area) in model.competence.areas.enumerated() {
      var counts: [Int: Int] = [:]
      for (key, cell) in state.assessments where key.period == period {
        counts[Self.column(Int(key.agency), key.role)] = cell.gaps[areaIndex].n
      }
      let rows = tables.competenceGap.filter { $0.cell.period == period && $0.area == area.code }
      check(
        table: "competence_gap", period: period, item: area.code, counts: counts, roles: true,
        cells: rows.map { ($0.cell, $0.suppressed != nil) }, into: &result)
    }
  }

  /// `weighted_mean` as a combination: per agency, leader_count / (the agency's n in the cell).
  private func weightedVector(_ cell: CellKey, counts: [Int: Int]) -> ExposureCheck.Vector {
    var agencyN: [Int: Int] = [:]
    for member in members(of: cell, roles: true) {
      agencyN[member.agency, default: 0] += counts[Self.column(member.agency, member.role)] ?? 0
    }
    var vector: ExposureCheck.Vector = [:]
    for member in members(of: cell, roles: true) {
      let column = Self.column(member.agency, member.role)
      guard (counts[column] ?? 0) > 0, let n = agencyN[member.agency] else { continue }
      let weight = ExposureCheck.element(register.agencies[member.agency].leaderCount)
      vector[column] = ExposureCheck.divide(weight, ExposureCheck.element(n))
    }
    return vector
  }

  // MARK: - Completions

  private func auditCompletions(
    _ tables: StatisticTables, state: AggregationState, period: Period, into result: inout Result
  ) {
    for (courseIndex, course) in catalogue.courses.enumerated() {
      var counts: [Int: Int] = [:]
      for (key, cell) in state.completions where key.period == period {
        counts[Self.column(Int(key.agency), nil)] = cell.courses[Int32(courseIndex)]?.learners ?? 0
      }
      guard counts.values.contains(where: { $0 > 0 }) else { continue }
      let rows = tables.courseCompletion.filter {
        $0.cell.period == period && $0.courseID == course.id
      }
      check(
        table: "course_completion", period: period, item: course.id, counts: counts, roles: false,
        cells: rows.map { ($0.cell, $0.suppressed != nil) }, into: &result)
    }
    var counts: [Int: Int] = [:]
    for (key, cell) in state.completions where key.period == period {
      counts[Self.column(Int(key.agency), nil)] = cell.learners
    }
    let rows = tables.reach.filter { $0.cell.period == period }
    check(
      table: "reach", period: period, item: "", counts: counts, roles: false,
      cells: rows.map { ($0.cell, $0.suppressed != nil) }, into: &result)
  }
}
