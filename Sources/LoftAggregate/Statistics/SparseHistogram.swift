/// Exact counts of whole numbers over an open range (such as days to complete a course).
///
/// Like `Histogram`, but stores only the values seen, so any `Int` may be counted.
package struct SparseHistogram: Sendable, Equatable {
  /// The number of values counted.
  package private(set) var total: Int
  /// How many times each value was counted; never holds a zero count.
  private var counts: [Int: Int]

  /// An empty histogram.
  package init() {
    total = 0
    counts = [:]
  }

  /// Counts `value` `count` times.
  package mutating func add(_ value: Int, count: Int = 1) {
    precondition(count >= 0, "a count cannot be negative, got \(count)")
    guard count > 0 else { return }
    counts[value, default: 0] += count
    total += count
  }

  /// Adds all the counts of `other`; associative and commutative.
  package mutating func merge(_ other: SparseHistogram) {
    counts.merge(other.counts, uniquingKeysWith: +)
    total += other.total
  }

  /// How many times `value` was counted.
  package func count(of value: Int) -> Int { counts[value, default: 0] }

  /// The type 7 p-quantile of the counted values (see `TypeSevenQuantile`), nil when empty.
  package func quantile(_ p: Double) -> Double? {
    // Dictionary order varies between runs; sorting once makes the walk deterministic.
    let pairs = counts.keys.sorted().lazy.map { (value: $0, count: counts[$0]!) }
    return TypeSevenQuantile.quantile(p, total: total, ascending: pairs)
  }

  /// The type 7 p-quantile of the counted values divided by `scale`, nil when empty.
  package func quantile(_ p: Double, scale: Int) -> Double? {
    precondition(scale > 0, "a scale must be positive, got \(scale)")
    return quantile(p).map { $0 / Double(scale) }
  }
}
