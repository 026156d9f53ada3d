import LoftCore

/// Every group of the register numbered in key order, and the groups each inner cell belongs
/// to by number: the builder sums inner cells into arrays by number rather than hashing
/// `CellKey`, whose group key is a `String`, five or six times per inner cell.
///
/// Within a period, `CellKey` orders by grouping and then group key bytewise; the numbers
/// follow that order, so the cells of a period in ascending number are in key order.
struct RegisterGroups: Sendable {
  /// Per number, the grouping and group key.
  let groups: [(grouping: Grouping, key: String)]
  /// Per agency (by index), its groups in every grouping but `role`.
  private let agencyGroups: [[Int]]
  /// Per role (in `Role.allCases` order), its group.
  private let roleGroups: [Int]

  init(register: Register) {
    var keys = Set<CellKey>()
    // Any period: the numbering is the same in each.
    let period = Period(containing: Day(year: 2000, month: 1, day: 1)!, granularity: .year)
    func cell(_ grouping: Grouping, _ agency: Agency, _ role: Role?) -> CellKey {
      CellKey(period: period, grouping: grouping, groupKey: grouping.key(of: agency, role: role))
    }
    for agency in register.agencies {
      for grouping in Grouping.withoutRole { keys.insert(cell(grouping, agency, nil)) }
    }
    for role in Role.allCases {
      keys.insert(CellKey(period: period, grouping: .role, groupKey: role.rawValue))
    }
    let sorted = keys.sorted()
    let number = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
    groups = sorted.map { ($0.grouping, $0.groupKey) }
    agencyGroups = register.agencies.map { agency in
      Grouping.withoutRole.map { number[cell($0, agency, nil)]! }
    }
    roleGroups = Role.allCases.map {
      number[CellKey(period: period, grouping: .role, groupKey: $0.rawValue)]!
    }
  }

  var count: Int { groups.count }

  /// The groups an inner cell (agency, and role for assessments) belongs to, one per grouping:
  /// those of `Grouping.withoutRole` in its order, then the role's.
  func numbers(agency: Int32, role: Role?) -> [Int] {
    guard let role else { return agencyGroups[Int(agency)] }
    return agencyGroups[Int(agency)] + [roleGroups[role.index]]
  }

  /// The cell of a group in a period.
  func cell(_ number: Int, period: Period) -> CellKey {
    CellKey(period: period, grouping: groups[number].grouping, groupKey: groups[number].key)
  }
}
