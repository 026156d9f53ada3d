/// The "type 7" sample quantile (linear interpolation between order statistics) of counted values.
enum TypeSevenQuantile {
  /// The p-quantile of `total` values given as (value, count) pairs in ascending value order,
  /// found by walking the cumulative counts; nil when `total` is 0.
  ///
  /// With x₁ ≤ … ≤ xₙ, h = (n − 1)·p + 1 and the result is x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋).
  static func quantile(
    _ p: Double, total: Int, ascending counts: some Sequence<(value: Int, count: Int)>
  ) -> Double? {
    precondition(p >= 0 && p <= 1, "a probability must lie in 0...1, got \(p)")
    guard total > 0 else { return nil }
    let h = Double(total - 1) * p + 1
    let rank = Int(h.rounded(.down))
    let fraction = h - Double(rank)
    // The order statistics of ranks `rank` and `rank + 1` (the last one when rank = n).
    let nextRank = min(rank + 1, total)
    var lower: Int?
    var cumulative = 0
    for (value, count) in counts {
      cumulative += count
      if lower == nil, cumulative >= rank { lower = value }
      if let lower, cumulative >= nextRank {
        return Double(lower) + fraction * Double(value - lower)
      }
    }
    preconditionFailure("the counts add up to less than the total \(total)")
  }
}
