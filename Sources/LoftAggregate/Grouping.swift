import LoftCore

/// How the cells of a statistic table are grouped.
package enum Grouping: String, Sendable, CaseIterable, Comparable {
  case national, sector, county
  case sizeClass = "size_class"
  case role, agency

  /// The order rows are published in: the whole country first, single agencies last.
  var order: Int {
    switch self {
    case .national: 0
    case .sector: 1
    case .county: 2
    case .sizeClass: 3
    case .role: 4
    case .agency: 5
    }
  }

  package static func < (lhs: Grouping, rhs: Grouping) -> Bool { lhs.order < rhs.order }

  /// The groupings of tables on completions and of coverage: all but `role`.
  package static let withoutRole: [Grouping] = [.national, .sector, .county, .sizeClass, .agency]

  /// The group key of an agency (and, for `role`, a role) in this grouping.
  package func key(of agency: Agency, role: Role? = nil) -> String {
    switch self {
    case .national: ""
    case .sector: agency.sector.rawValue
    case .county: agency.county
    case .sizeClass: agency.sizeClass.rawValue
    case .role: role?.rawValue ?? ""
    case .agency: agency.orgNumber.digits
    }
  }
}

/// One cell's address in a table: the period, the grouping and the group key.
package struct CellKey: Hashable, Sendable, Comparable {
  package var period: Period
  package var grouping: Grouping
  package var groupKey: String

  package init(period: Period, grouping: Grouping, groupKey: String) {
    self.period = period
    self.grouping = grouping
    self.groupKey = groupKey
  }

  package static func < (lhs: CellKey, rhs: CellKey) -> Bool {
    if lhs.period != rhs.period { return lhs.period < rhs.period }
    if lhs.grouping != rhs.grouping { return lhs.grouping < rhs.grouping }
    return lhs.groupKey.utf8.lexicographicallyPrecedes(rhs.groupKey.utf8)
  }
}
