/// Count, sum and sum of squares of whole numbers: an exact, mergeable state for mean and sd.
///
/// Values are whole numbers, often a measurement multiplied by a fixed integer scale (an overall
/// maturity × 12, say). The sums stay exact whatever the order of `add` and `merge`, and floating
/// point enters only when a result is computed, so results are identical for any partitioning.
package struct Moments: Sendable, Equatable {
  /// The number of values.
  package var n: Int
  /// The sum of the values.
  package var sum: Int
  /// The sum of the squares of the values.
  package var sumOfSquares: Int

  /// No values.
  package init() {
    n = 0
    sum = 0
    sumOfSquares = 0
  }

  /// Adds one value.
  package mutating func add(_ x: Int) {
    n += 1
    sum += x
    sumOfSquares += x * x
  }

  /// Adds all the values of `other`; associative and commutative.
  package mutating func merge(_ other: Moments) {
    n += other.n
    sum += other.sum
    sumOfSquares += other.sumOfSquares
  }

  /// The mean, or nil when there are no values.
  package var mean: Double? { mean(scale: 1) }

  /// The sample standard deviation (divisor n − 1), or nil when there are fewer than 2 values.
  package var sampleStandardDeviation: Double? { sampleStandardDeviation(scale: 1) }

  /// The mean of the values divided by `scale`, or nil when there are no values.
  package func mean(scale: Int) -> Double? {
    precondition(scale > 0, "a scale must be positive, got \(scale)")
    guard n > 0 else { return nil }
    return Double(sum) / Self.double(Int128(n) * Int128(scale))
  }

  /// The sample standard deviation of the values divided by `scale`, or nil when n < 2.
  ///
  /// The numerator n·Σx² − (Σx)² and the denominator n·(n − 1)·scale² are exact in Int128;
  /// floating point enters only for their quotient, the variance, and its square root.
  package func sampleStandardDeviation(scale: Int) -> Double? {
    precondition(scale > 0, "a scale must be positive, got \(scale)")
    guard n >= 2 else { return nil }
    let numerator = Int128(n) * Int128(sumOfSquares) - Int128(sum) * Int128(sum)
    let denominator = Int128(n) * Int128(n - 1) * Int128(scale) * Int128(scale)
    return (Self.double(numerator) / Self.double(denominator)).squareRoot()
  }

  /// `Double(x)`: directly from an `Int64` when x is exact in a `Double` (|x| ≤ 2⁵³, as nearly
  /// always), where the conversion from `Int128` goes through unspecialised generic code.
  /// Both conversions are exact there, so the result is the same.
  static func double(_ x: Int128) -> Double {
    let limit: Int128 = 1 << 53
    return -limit <= x && x <= limit ? Double(Int64(x)) : Double(x)
  }

  /// The 95 % confidence interval of the mean of the values divided by `scale`, or nil when
  /// n < 2: mean ± t(0.975, n − 1)·sd/√n.
  package func ci95(scale: Int = 1) -> (low: Double, high: Double)? {
    guard let mean = mean(scale: scale), let sd = sampleStandardDeviation(scale: scale) else {
      return nil
    }
    let margin =
      StudentT.quantile(0.975, degreesOfFreedom: n - 1) * sd / Double(n).squareRoot()
    return (low: mean - margin, high: mean + margin)
  }
}
