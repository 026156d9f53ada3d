/// Exact counts of whole numbers over a small known range: a mergeable state for quantiles.
///
/// Typical use: answers on a scale, or a respondent's overall maturity multiplied by a fixed
/// scale so that it is a whole number. Counts are exact, so quantiles do not depend on the
/// order in which values were added or histograms merged.
package struct Histogram: Sendable, Equatable {
  /// The smallest value that may be counted.
  package let min: Int
  /// The largest value that may be counted.
  package let max: Int
  /// The number of values counted.
  package private(set) var total: Int
  /// `counts[i]` counts the value `min + i`.
  private var counts: [Int]

  /// An empty histogram for values in `min...max`.
  package init(min: Int, max: Int) {
    precondition(min <= max, "a histogram needs min ≤ max, got \(min)...\(max)")
    self.min = min
    self.max = max
    total = 0
    counts = Array(repeating: 0, count: max - min + 1)
  }

  /// Counts `value` (which must lie in `min...max`) `count` times.
  package mutating func add(_ value: Int, count: Int = 1) {
    precondition((min...max).contains(value), "\(value) lies outside \(min)...\(max)")
    precondition(count >= 0, "a count cannot be negative, got \(count)")
    counts[value - min] += count
    total += count
  }

  /// Adds all the counts of `other`, which must have the same range; associative and commutative.
  package mutating func merge(_ other: Histogram) {
    precondition(
      min == other.min && max == other.max,
      "cannot merge histograms over \(min)...\(max) and \(other.min)...\(other.max)")
    for index in counts.indices { counts[index] += other.counts[index] }
    total += other.total
  }

  /// How many times `value` was counted (0 outside the range).
  package func count(of value: Int) -> Int {
    (min...max).contains(value) ? counts[value - min] : 0
  }

  /// The type 7 p-quantile of the counted values (see `TypeSevenQuantile`), nil when empty.
  package func quantile(_ p: Double) -> Double? {
    let pairs = counts.indices.lazy.map { (value: min + $0, count: counts[$0]) }
    return TypeSevenQuantile.quantile(p, total: total, ascending: pairs)
  }

  /// The type 7 p-quantile of the counted values divided by `scale`, nil when empty.
  package func quantile(_ p: Double, scale: Int) -> Double? {
    precondition(scale > 0, "a scale must be positive, got \(scale)")
    return quantile(p).map { $0 / Double(scale) }
  }
}
