/// The type 7 quantile from an explicit sorted array: the definition the histograms must match.
func referenceQuantile(_ sorted: [Int], _ p: Double) -> Double {
  let h = Double(sorted.count - 1) * p + 1
  let rank = Int(h.rounded(.down))
  let lower = sorted[rank - 1]
  let upper = sorted[min(rank, sorted.count - 1)]
  return Double(lower) + (h - Double(rank)) * Double(upper - lower)
}

/// The probabilities that every quantile test checks.
let quartiles = [0, 0.25, 0.5, 0.75, 1]
