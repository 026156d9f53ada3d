/// The kind of public body an agency is.
public enum Sector: String, Sendable, CaseIterable, Comparable {
  case state, municipality
  case countyMunicipality = "county_municipality"
  case other

  public static func < (lhs: Sector, rhs: Sector) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The size class of an agency by its number of leaders.
public enum SizeClass: String, Sendable, CaseIterable, Comparable {
  case small = "S", medium = "M", large = "L"

  /// The class that a leader count falls in: S < 20, M 20–99, L 100+.
  public init(leaderCount: Int) {
    self = leaderCount < 20 ? .small : leaderCount < 100 ? .medium : .large
  }

  public static func < (lhs: SizeClass, rhs: SizeClass) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One agency of the register.
public struct Agency: Sendable, Equatable {
  public var orgNumber: OrgNumber
  public var name: String
  public var sector: Sector
  /// Two-digit county number, or empty for a national state agency.
  public var county: String
  public var sizeClass: SizeClass
  /// Leaders employed: the population for weights and reach.
  public var leaderCount: Int

  public init(
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
public struct Register: Sendable, Equatable {
  public let agencies: [Agency]
  private let indexByOrg: [OrgNumber: Int]

  public init(agencies: [Agency]) {
    self.agencies = agencies.sorted { $0.orgNumber < $1.orgNumber }
    var index: [OrgNumber: Int] = [:]
    for (position, agency) in self.agencies.enumerated() { index[agency.orgNumber] = position }
    self.indexByOrg = index
  }

  /// The index of an agency, or nil when it is not registered.
  public func index(of org: OrgNumber) -> Int? { indexByOrg[org] }

  public static func == (lhs: Register, rhs: Register) -> Bool { lhs.agencies == rhs.agencies }
}
