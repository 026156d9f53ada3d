import LoftAggregate
import LoftCore

/// Primary suppression: a cell with fewer than `k` contributors keeps its count, loses its values.
///
/// A maturity cell goes whole: if one of its dimensions (or `overall`) is below `k`, every
/// dimension, `overall` and every `maturity_stage` row of the cell is withheld.
package enum PrimarySuppression {
  package static func apply(to tables: inout StatisticTables, k: Int) {
    var unsafeMaturity = CellSet(tables.maturity.lazy.filter { $0.n < k }.map(\.cell))
    for index in tables.maturity.indices
    where unsafeMaturity.contains(tables.maturity[index].cell) {
      tables.maturity[index].suppress(.primary)
    }
    for index in tables.maturityStage.indices
    where unsafeMaturity.contains(tables.maturityStage[index].cell) {
      tables.maturityStage[index].suppress(.primary)
    }
    for index in tables.competenceGap.indices where tables.competenceGap[index].n < k {
      tables.competenceGap[index].suppress(.primary)
    }
    for index in tables.courseCompletion.indices where tables.courseCompletion[index].learners < k {
      tables.courseCompletion[index].suppress(.primary)
    }
    for index in tables.reach.indices where tables.reach[index].learners < k {
      tables.reach[index].suppress(.primary)
    }
    linkSingleCourseReach(&tables)
  }

  /// A group whose completions all come from one course shows that course's numbers in `reach`:
  /// when the course's cell is withheld, so is the group's reach row, for the same reason.
  static func linkSingleCourseReach(_ tables: inout StatisticTables) {
    // Per cell, how many course rows it has and why the last is withheld. A cell's rows lie
    // together, so each run of them is hashed once, not each row.
    var courses: [CellKey: (rows: Int, suppressed: Suppression?)] = [:]
    let rows = tables.courseCompletion
    var start = 0
    while start < rows.count {
      var end = start + 1
      while end < rows.count && rows[end].cell == rows[start].cell { end += 1 }
      courses[rows[start].cell, default: (0, nil)].rows += end - start
      courses[rows[start].cell]!.suppressed = rows[end - 1].suppressed
      start = end
    }
    for index in tables.reach.indices where tables.reach[index].suppressed == nil {
      guard let course = courses[tables.reach[index].cell], course.rows == 1,
        let reason = course.suppressed
      else { continue }
      tables.reach[index].suppress(reason)
    }
  }

  /// A set of cells asked about row by row: the rows of a cell lie together, so the answer
  /// for the row before is reused rather than the cell hashed again.
  struct CellSet {
    private let cells: Set<CellKey>
    private var last: (cell: CellKey, contained: Bool)?

    init(_ cells: some Sequence<CellKey>) {
      self.cells = Set(cells)
    }

    mutating func contains(_ cell: CellKey) -> Bool {
      if let last, last.cell == cell { return last.contained }
      let contained = cells.contains(cell)
      last = (cell, contained)
      return contained
    }
  }
}

extension StatisticTables {
  /// Lists every withheld cell in `_suppression`, in table and key order.
  package mutating func recordSuppression() {
    var entries: [SuppressionEntry] = []
    for row in maturity {
      if let reason = row.suppressed {
        entries.append(
          SuppressionEntry(
            table: "maturity", cell: row.cell, item: row.dimension, reason: reason.rawValue))
      } else if row.weightedMeanWithheld {
        entries.append(
          SuppressionEntry(
            table: "maturity", cell: row.cell, item: row.dimension, reason: "weighted"))
      }
    }
    for row in competenceGap {
      if let reason = row.suppressed {
        entries.append(
          SuppressionEntry(
            table: "competence_gap", cell: row.cell, item: row.area, reason: reason.rawValue))
      }
    }
    for row in courseCompletion {
      if let reason = row.suppressed {
        entries.append(
          SuppressionEntry(
            table: "course_completion", cell: row.cell, item: row.courseID, reason: reason.rawValue)
        )
      }
    }
    for row in reach {
      if let reason = row.suppressed {
        entries.append(
          SuppressionEntry(table: "reach", cell: row.cell, item: "", reason: reason.rawValue))
      }
    }
    suppression = entries
  }
}
