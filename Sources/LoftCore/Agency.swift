/// The kind of package body an agency is.
package enum Sector: String, Sendable, CaseIterable, Comparable {
  case state, municipality
  case countyMunicipality = "county_municipality"
  case other

  package static func < (lhs: Sector, rhs: Sector) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The size class of an agency by its number of leaders.
package enum SizeClass: String, Sendable, CaseIterable, Comparable {
  case small = "S"
  case medium = "M"
  case large = "L"

  /// The class that a leader count falls in: S < 20, M 20–99, L 100+.
  package init(leaderCount: Int) {
    self = leaderCount < 20 ? .small : leaderCount < 100 ? .medium : .large
  }

  package static func < (lhs: SizeClass, rhs: SizeClass) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One agency of the register.
package struct Agency: Sendable, Equatable {
  package var orgNumber: OrgNumber
  package var name: String
  package var sector: Sector
  /// Two-digit county number, or empty for a national state agency.
  package var county: String
  package var sizeClass: SizeClass
  /// Leaders employed: the population for weights and reach.
  package var leaderCount: Int

  package init(
    orgNumber: OrgNumber, name: String, sector: Sector, county: String, sizeClass: SizeClass,
    leaderCount: Int
  ) {
    self.orgNumber = orgNumber
    self.name = name
    self.sector = sector
    self.county = county
    self.sizeClass = sizeClass
    self.leaderCount = leaderCount
  }
}

/// The register of agencies, in org-number order; an agency is referred to by its index.
package struct Register: Sendable, Equatable {
  package let agencies: [Agency]
  private let indexByOrg: [OrgNumber: Int]

  package init(agencies: [Agency]) {
    self.agencies = agencies.sorted { $0.orgNumber < $1.orgNumber }
    var index: [OrgNumber: Int] = [:]
    for (position, agency) in self.agencies.enumerated() { index[agency.orgNumber] = position }
    self.indexByOrg = index
  }

  /// The index of an agency, or nil when it is not registered.
  package func index(of org: OrgNumber) -> Int? { indexByOrg[org] }

  package static func == (lhs: Register, rhs: Register) -> Bool { lhs.agencies == rhs.agencies }
}
