import LoftCore

/// Builds `agency_benchmark` from the published agency rows of `maturity`.
package enum AgencyBenchmarkBuilder {
  /// Agencies whose agency row is published, with their percentile among published agencies
  /// of the same sector: 100·(L + E/2)/N, L strictly lower means, E equal means (itself too).
  package static func build(maturity: [MaturityRow], register: Register) -> [AgencyBenchmarkRow] {
    // Each group (period, dimension, sector) as positions in `maturity`; each position's agency.
    var groups: [String: [Int]] = [:]
    var agencyIndex = [Int](repeating: 0, count: maturity.count)
    for (position, row) in maturity.enumerated()
    where row.cell.grouping == .agency && row.suppressed == nil {
      guard let org = OrgNumber(row.cell.groupKey), let agency = register.index(of: org) else {
        continue
      }
      let sector = register.agencies[agency].sector.rawValue
      groups["\(row.cell.period)|\(row.dimension)|\(sector)", default: []].append(position)
      agencyIndex[position] = agency
    }
    // Each published row's percentile, by its position in `maturity`.
    var percentiles = [Double?](repeating: nil, count: maturity.count)
    for group in groups.values {
      // In order of mean, a sector's agencies in one sort rather than each against all: those
      // before a run of equal means are the lower ones, and the run is the equal ones.
      let ordered = group.sorted { isLower(maturity[$0], than: maturity[$1]) }
      var start = 0
      while start < ordered.count {
        var end = start + 1
        while end < ordered.count
          && !isLower(maturity[ordered[start]], than: maturity[ordered[end]])
        {
          end += 1
        }
        let percentile = 100 * (Double(start) + Double(end - start) / 2) / Double(ordered.count)
        for position in ordered[start..<end] { percentiles[position] = percentile }
        start = end
      }
    }
    // In the table's key order: period, org number (the agency cell's key), dimension.
    let published = maturity.indices.filter { percentiles[$0] != nil }.sorted { a, b in
      let cell = (maturity[a].cell, maturity[b].cell)
      return cell.0 != cell.1 ? cell.0 < cell.1 : maturity[a].dimension < maturity[b].dimension
    }
    return published.map { position in
      let row = maturity[position]
      let agency = register.agencies[agencyIndex[position]]
      return AgencyBenchmarkRow(
        period: row.cell.period, orgNumber: agency.orgNumber.digits, dimension: row.dimension,
        name: agency.name, sector: agency.sector.rawValue, n: row.n,
        mean: row.mean ?? Double(row.scaledSum) / Double(row.n * row.scale),
        percentileInSector: percentiles[position]!)
    }
  }

  /// Whether `row`'s exact mean (sum/n) is below `other`'s: cross-multiplied, since the scale
  /// is shared, so that equal means compare equal.
  private static func isLower(_ row: MaturityRow, than other: MaturityRow) -> Bool {
    row.scaledSum * other.n < other.scaledSum * row.n
  }
}
