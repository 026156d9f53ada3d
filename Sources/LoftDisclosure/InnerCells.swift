import LoftAggregate
import LoftCore

/// The inner cells published cells are sums of: agency × role for the assessment tables,
/// agency for the completion tables. Each has a column number in the elimination.
struct InnerCells {
  let register: Register
  /// Agencies of each group, per grouping (role cells take every agency).
  private let agenciesByGroup: [Grouping: [String: [Int32]]]

  init(register: Register) {
    self.register = register
    var groups: [Grouping: [String: [Int32]]] = [:]
    for grouping in Grouping.allCases where grouping != .role {
      for (index, agency) in register.agencies.enumerated() {
        groups[grouping, default: [:]][grouping.key(of: agency), default: []].append(Int32(index))
      }
    }
    agenciesByGroup = groups
  }

  static let roles = Role.allCases

  /// The column of an agency × role inner cell.
  static func column(agency: Int32, role: Role) -> Int32 {
    agency * Int32(roles.count) + Int32(roles.firstIndex(of: role)!)
  }

  /// The agency × role inner cells of an assessment cell, in column order (agencies in the
  /// register's order, roles in theirs): `TiedElimination` makes vectors from them as they are.
  func assessmentMembers(_ cell: CellKey) -> [(agency: Int32, role: Role)] {
    if cell.grouping == .role {
      guard let role = Role(rawValue: cell.groupKey) else { return [] }
      return (0..<Int32(register.agencies.count)).map { ($0, role) }
    }
    let agencies = agenciesByGroup[cell.grouping]?[cell.groupKey] ?? []
    return agencies.flatMap { agency in Self.roles.map { (agency, $0) } }
  }

  /// The agencies of a completion cell, in the register's order (their column order).
  func completionMembers(_ cell: CellKey) -> [Int32] {
    agenciesByGroup[cell.grouping]?[cell.groupKey] ?? []
  }
}
