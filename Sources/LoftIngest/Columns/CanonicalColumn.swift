import LoftCore

/// A column Løft understands, after aliases are resolved.
package enum CanonicalColumn: Hashable, Sendable, Comparable, CustomStringConvertible {
  case respondentID, orgNumber, assessedOn, role
  /// A maturity dimension, by its index in the model.
  case dimension(Int)
  /// A competence area's current level, by the area's index in the model.
  case current(Int)
  /// A competence area's target level.
  case target(Int)
  case learnerID, courseID, status, enrolledOn, completedOn, minutesSpent

  /// The canonical name in a model: `respondent_id`, `strategy`, `technology_data_current`…
  package func name(in model: Model) -> String {
    switch self {
    case .respondentID: "respondent_id"
    case .orgNumber: "org_number"
    case .assessedOn: "assessed_on"
    case .role: "role"
    case .dimension(let index): model.maturity.dimensions[index].code
    case .current(let index): model.competence.areas[index].code + "_current"
    case .target(let index): model.competence.areas[index].code + "_target"
    case .learnerID: "learner_id"
    case .courseID: "course_id"
    case .status: "status"
    case .enrolledOn: "enrolled_on"
    case .completedOn: "completed_on"
    case .minutesSpent: "minutes_spent"
    }
  }

  package var description: String { String(describing: self) }

  private var order: (Int, Int) {
    switch self {
    case .respondentID: (0, 0)
    case .orgNumber: (1, 0)
    case .assessedOn: (2, 0)
    case .role: (3, 0)
    case .dimension(let index): (4, index)
    case .current(let index): (5, index)
    case .target(let index): (6, index)
    case .learnerID: (7, 0)
    case .courseID: (8, 0)
    case .status: (9, 0)
    case .enrolledOn: (10, 0)
    case .completedOn: (11, 0)
    case .minutesSpent: (12, 0)
    }
  }

  package static func < (lhs: CanonicalColumn, rhs: CanonicalColumn) -> Bool {
    lhs.order < rhs.order
  }
}
