/// Why a cell's values are withheld.
package enum Suppression: String, Sendable, Equatable, Comparable {
  /// Fewer than k contributors.
  case primary
  /// Withheld so that no protected cell can be computed from published ones.
  case secondary

  package static func < (lhs: Suppression, rhs: Suppression) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
