/// Several `SparseHistogram`s counted together, for the quantiles of their merge without
/// building it: small values are added up in an array as each histogram arrives.
///
/// Each histogram is read once, when it is added, rather than kept and read when the quantile
/// is asked: the histograms of a group's agencies lie all over the heap, and visiting them all
/// again per group and course was mostly waiting for memory.
package struct SparseHistogramSum: Sendable {
  /// The number of values counted.
  package private(set) var total = 0
  /// The histograms added so far.
  private var added = 0
  /// The histogram, while only one was added (as for one agency's cell): kept as it is.
  private var single = SparseHistogram()
  /// Counts of values in `0..<denseLimit`, indexed by value.
  private var dense: [Int] = []
  /// Counts of the other values.
  private var other: [Int: Int] = [:]

  /// Values from 0 below this are added up in an array.
  private static let denseLimit = 1 << 16

  /// Nothing counted.
  package init() {}

  /// Counts every value of `histogram`.
  package mutating func add(_ histogram: SparseHistogram) {
    switch added {
    case 0: single = histogram
    case 1:
      addCounts(of: single)
      single = SparseHistogram()
      addCounts(of: histogram)
    default: addCounts(of: histogram)
    }
    added += 1
    total += histogram.total
  }

  private mutating func addCounts(of histogram: SparseHistogram) {
    for (value, count) in histogram.ascendingCounts {
      guard value >= 0 && value < Self.denseLimit else {
        other[value, default: 0] += count
        continue
      }
      if value >= dense.count {
        dense.append(
          contentsOf: repeatElement(0, count: max(value + 1, 2 * dense.count) - dense.count))
      }
      dense[value] += count
    }
  }

  /// The type 7 p-quantile of all the values counted (see `TypeSevenQuantile`), nil when none.
  package func quantile(_ p: Double) -> Double? {
    if added == 1 { return single.quantile(p) }
    let small = dense.indices.lazy.filter { dense[$0] != 0 }.map { (value: $0, count: dense[$0]) }
    guard !other.isEmpty else {
      return TypeSevenQuantile.quantile(p, total: total, ascending: small)
    }
    // Negative values come before the array's, large ones after.
    let sorted = other.map { (value: $0.key, count: $0.value) }.sorted { $0.value < $1.value }
    let negative = sorted.prefix { $0.value < 0 }
    return TypeSevenQuantile.quantile(
      p, total: total, ascending: Array(negative) + Array(small) + sorted[negative.count...])
  }
}
