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

  /// The type 7 p-quantile of several histograms counted together — `quantile(p)` of their
  /// merge — without building the merge: small values are added up in an array, where
  /// merging into a dictionary hashed every value of every histogram once per group.
  package static func quantile(_ p: Double, ofMerged histograms: [SparseHistogram]) -> Double? {
    var total = 0
    var dense: [Int] = []
    var seen: [Int] = []
    var other: [Int: Int] = [:]
    for histogram in histograms {
      total += histogram.total
      for (value, count) in histogram.counts {
        guard value >= 0 && value < denseLimit else {
          other[value, default: 0] += count
          continue
        }
        if value >= dense.count {
          dense.append(
            contentsOf: repeatElement(0, count: max(value + 1, 2 * dense.count) - dense.count))
        }
        if dense[value] == 0 { seen.append(value) }
        dense[value] += count
      }
    }
    var pairs = seen.map { (value: $0, count: dense[$0]) }
    pairs.append(contentsOf: other.map { (value: $0.key, count: $0.value) })
    pairs.sort { $0.value < $1.value }
    return TypeSevenQuantile.quantile(p, total: total, ascending: pairs)
  }

  /// Values from 0 below this are added up in an array by `quantile(_:ofMerged:)`.
  private static let denseLimit = 1 << 16

  /// The type 7 p-quantile of the counted values divided by `scale`, nil when empty.
  package func quantile(_ p: Double, scale: Int) -> Double? {
    precondition(scale > 0, "a scale must be positive, got \(scale)")
    return quantile(p).map { $0 / Double(scale) }
  }
}
