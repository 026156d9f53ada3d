/// The Wilson score interval: a confidence interval for a proportion that behaves well at 0 and 1.
package enum Wilson {
  /// The normal quantile for a 95 % interval, as the specification fixes it.
  package static let z = 1.959964

  /// The interval for `successes` out of `trials`, clamped to 0...1.
  ///
  /// Center (p + z²/2n) / (1 + z²/n), half-width z·√(p(1 − p)/n + z²/4n²) / (1 + z²/n), with
  /// p = successes / trials; with no successes the low end is 0, with all the high end is 1.
  /// Requires `trials > 0` and `0 ≤ successes ≤ trials`.
  package static func interval(successes: Int, trials: Int, z: Double = Wilson.z)
    -> (low: Double, high: Double)
  {
    precondition(trials > 0, "a Wilson interval needs at least one trial")
    precondition(
      (0...trials).contains(successes), "successes must lie in 0...\(trials), got \(successes)")
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let denominator = 1 + z2 / n
    let center = (p + z2 / (2 * n)) / denominator
    let halfWidth = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
    // At 0 and n successes an end is exactly 0 or 1 in theory; rounding must not move it inward.
    let low = successes == 0 ? 0 : max(0, center - halfWidth)
    let high = successes == trials ? 1 : min(1, center + halfWidth)
    return (low: low, high: high)
  }
}
