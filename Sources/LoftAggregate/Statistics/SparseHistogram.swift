/// Exact counts of whole numbers over an open range (such as days to complete a course).
///
/// Like `Histogram`, but stores only the values seen, so any `Int` may be counted.
package struct SparseHistogram: Sendable, Equatable {
  /// The number of values counted.
  package private(set) var total: Int
  /// Each value counted and how many times (never zero), in ascending order of value: 16
  /// bytes a distinct value (a dictionary took three times that, and there is one histogram
  /// per agency, period and course).
  private var counts: [(value: Int, count: Int)]

  /// An empty histogram.
  package init() {
    total = 0
    counts = []
  }

  package static func == (lhs: SparseHistogram, rhs: SparseHistogram) -> Bool {
    lhs.total == rhs.total && lhs.counts.elementsEqual(rhs.counts) { $0 == $1 }
  }

  /// Where `value` is, or would be inserted, in `counts`.
  private func position(of value: Int) -> Int {
    var low = 0
    var high = counts.count
    while low < high {
      let middle = (low + high) / 2
      if counts[middle].value < value { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Counts `value` `count` times.
  package mutating func add(_ value: Int, count: Int = 1) {
    precondition(count >= 0, "a count cannot be negative, got \(count)")
    guard count > 0 else { return }
    let index = position(of: value)
    if index < counts.count && counts[index].value == value {
      counts[index].count += count
    } else {
      counts.insert((value, count), at: index)
    }
    total += count
  }

  /// Adds all the counts of `other`; associative and commutative.
  package mutating func merge(_ other: SparseHistogram) {
    var merged: [(value: Int, count: Int)] = []
    merged.reserveCapacity(counts.count + other.counts.count)
    var (i, j) = (0, 0)
    while i < counts.count || j < other.counts.count {
      if j == other.counts.count || (i < counts.count && counts[i].value < other.counts[j].value) {
        merged.append(counts[i])
        i += 1
      } else if i == counts.count || other.counts[j].value < counts[i].value {
        merged.append(other.counts[j])
        j += 1
      } else {
        merged.append((counts[i].value, counts[i].count + other.counts[j].count))
        i += 1
        j += 1
      }
    }
    counts = merged
    total += other.total
  }

  /// How many times `value` was counted.
  package func count(of value: Int) -> Int {
    let index = position(of: value)
    return index < counts.count && counts[index].value == value ? counts[index].count : 0
  }

  /// The type 7 p-quantile of the counted values (see `TypeSevenQuantile`), nil when empty.
  package func quantile(_ p: Double) -> Double? {
    TypeSevenQuantile.quantile(p, total: total, ascending: counts)
  }

  /// Each value counted and how many times, in ascending order of value.
  var ascendingCounts: [(value: Int, count: Int)] { counts }

  /// The type 7 p-quantile of the counted values divided by `scale`, nil when empty.
  package func quantile(_ p: Double, scale: Int) -> Double? {
    precondition(scale > 0, "a scale must be positive, got \(scale)")
    return quantile(p).map { $0 / Double(scale) }
  }
}
