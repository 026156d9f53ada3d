import LoftCore

/// Builds `agency_benchmark` from the published agency rows of `maturity`.
package enum AgencyBenchmarkBuilder {
  /// Agencies whose agency row is published, with their percentile among published agencies
  /// of the same sector: 100·(L + E/2)/N, L strictly lower means, E equal means (itself too).
  package static func build(maturity: [MaturityRow], register: Register) -> [AgencyBenchmarkRow] {
    let published = maturity.filter { $0.cell.grouping == .agency && $0.suppressed == nil }
    struct Peer {
      var row: MaturityRow
      var agency: Agency
    }
    var peers: [String: [Peer]] = [:]
    for row in published {
      guard let org = OrgNumber(row.cell.groupKey), let index = register.index(of: org) else {
        continue
      }
      let agency = register.agencies[index]
      let key = "\(row.cell.period)|\(row.dimension)|\(agency.sector.rawValue)"
      peers[key, default: []].append(Peer(row: row, agency: agency))
    }
    var rows: [AgencyBenchmarkRow] = []
    for group in peers.values {
      for peer in group {
        var lower = 0
        var equal = 0
        for other in group {
          // Compare the exact means sum/n by cross-multiplying; the scale is shared.
          let left = peer.row.scaledSum * other.row.n
          let right = other.row.scaledSum * peer.row.n
          if right < left { lower += 1 } else if right == left { equal += 1 }
        }
        rows.append(
          AgencyBenchmarkRow(
            period: peer.row.cell.period, orgNumber: peer.agency.orgNumber.digits,
            dimension: peer.row.dimension, name: peer.agency.name,
            sector: peer.agency.sector.rawValue, n: peer.row.n,
            mean: peer.row.mean ?? Double(peer.row.scaledSum) / Double(peer.row.n * peer.row.scale),
            percentileInSector: 100 * (Double(lower) + Double(equal) / 2) / Double(group.count)))
      }
    }
    return rows.sorted {
      ($0.period, $0.orgNumber, $0.dimension) < ($1.period, $1.orgNumber, $1.dimension)
    }
  }
}
