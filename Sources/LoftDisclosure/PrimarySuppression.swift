import LoftAggregate
import LoftCore

/// Primary suppression: a cell with fewer than `k` contributors keeps its count, loses its values.
///
/// A maturity cell goes whole: if one of its dimensions (or `overall`) is below `k`, every
/// dimension, `overall` and every `maturity_stage` row of the cell is withheld.
package enum PrimarySuppression {
  package static func apply(to tables: inout StatisticTables, k: Int) {
    var unsafeMaturity: Set<CellKey> = []
    for row in tables.maturity where row.n < k { unsafeMaturity.insert(row.cell) }
    for index in tables.maturity.indices where unsafeMaturity.contains(tables.maturity[index].cell)
    {
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
    var courses: [CellKey: [CourseCompletionRow]] = [:]
    for row in tables.courseCompletion { courses[row.cell, default: []].append(row) }
    for index in tables.reach.indices where tables.reach[index].suppressed == nil {
      guard let rows = courses[tables.reach[index].cell], rows.count == 1,
        let reason = rows[0].suppressed
      else { continue }
      tables.reach[index].suppress(reason)
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
