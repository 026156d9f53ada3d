#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Student's t distribution: the quantile function used for confidence intervals.
package enum StudentT {
  /// The value `t` with `P(T ≤ t) = p` for `T` following a t distribution with `df` degrees of
  /// freedom; `p = 0` and `p = 1` give −∞ and +∞.
  ///
  /// Exact closed forms for 1 and 2 degrees of freedom. Up to 10⁵, Hill's (1970) approximation
  /// refined by Newton steps on the distribution function, computed through the regularized
  /// incomplete beta function (a Lentz continued fraction). From 10⁵ on, where that fraction
  /// loses digits, the Cornish–Fisher expansion about the normal quantile, whose neglected terms
  /// are then below double precision. Relative error about 1e-12 or better for every `df`.
  package static func quantile(_ p: Double, degreesOfFreedom df: Int) -> Double {
    precondition(df >= 1, "degrees of freedom must be at least 1, got \(df)")
    precondition(p >= 0 && p <= 1, "a probability must lie in 0...1, got \(p)")
    if p == 0.975 && df <= upperQuantiles.count { return upperQuantiles[df - 1] }
    return computedQuantile(p, degreesOfFreedom: df)
  }

  /// `quantile(0.975, degreesOfFreedom: df)` for df 1…1024, made once (about 2 ms): every 95 %
  /// interval of a mean asks for it, and most cells have fewer than 1025 contributors. Computed
  /// again row by row, it took a tenth of the statistics' time.
  private static let upperQuantiles: [Double] = (1...1024).map {
    computedQuantile(0.975, degreesOfFreedom: $0)
  }

  /// `quantile(p, degreesOfFreedom: df)` computed; df ≥ 1 and p in 0…1.
  static func computedQuantile(_ p: Double, degreesOfFreedom df: Int) -> Double {
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    if p == 0.5 { return 0 }
    // The distribution is symmetric: find t > 0 with upper tail `tail`, then mirror for p < ½.
    // `tail` is exact, and so is `central` = P(0 < T < t) whenever p ≥ ¼.
    let tail = p > 0.5 ? 1 - p : p
    let central = 0.5 - tail
    let t: Double
    switch df {
    case 1: t = cauchyQuantile(tail: tail, central: central)
    case 2: t = 2 * central / (2 * tail * (1 - tail)).squareRoot()
    case ..<largeDegreesOfFreedom:
      let nu = Double(df)
      t = refined(hillApproximation(tail: tail, nu: nu), tail: tail, central: central, nu: nu)
    default:
      t = -cornishFisher(lowerNormalQuantile(tail), nu: Double(df))
    }
    return p > 0.5 ? t : -t
  }

  /// From here on the continued fraction would lose digits (its error grows like ν·ε) and the
  /// Cornish–Fisher expansion is exact to double precision instead.
  private static let largeDegreesOfFreedom = 100_000

  // MARK: - Closed forms and approximations

  /// The t > 0 with upper tail `tail` for one degree of freedom (the Cauchy distribution).
  private static func cauchyQuantile(tail: Double, central: Double) -> Double {
    // tan(π·central) loses accuracy near π/2 and cot(π·tail) near 0: use the well-conditioned one.
    tail < 0.25 ? 1 / tan(Double.pi * tail) : tan(Double.pi * central)
  }

  /// Hill's (1970, CACM algorithm 396) approximation to the t > 0 with upper tail `tail`.
  private static func hillApproximation(tail: Double, nu: Double) -> Double {
    let twoSided = 2 * tail
    let a = 1 / (nu - 0.5)
    let b = 48 / (a * a)
    var c = ((20700 * a / b - 98) * a - 16) * a + 96.36
    let d = ((94.5 / (b + c) - 3) / b + 1) * (a * Double.pi / 2).squareRoot() * nu
    var y = pow(d * twoSided, 2 / nu)
    if y > 0.05 + a {
      // Away from the far tail: an expansion about the normal quantile.
      let x = lowerNormalQuantile(tail)
      y = x * x
      if nu < 5 { c += 0.3 * (nu - 4.5) * (x + 0.6) }
      c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c
      y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x
      return (nu * expm1(a * y * y)).squareRoot()
    }
    if y < Double.ulpOfOne {
      // So far out that the series below reduces to its leading term, 1 / y.
      return nu.squareRoot() * pow(d * twoSided, -1 / nu)
    }
    y =
      ((1 / (((nu + 6) / (nu * y) - 0.089 * d - 0.822) * (nu + 2) * 3) + 0.5 / (nu + 4)) * y - 1)
      * (nu + 1) / (nu + 2) + 1 / y
    return (nu * y).squareRoot()
  }

  /// The Cornish–Fisher expansion of the t quantile about the normal quantile `x`, in powers of
  /// 1/ν (Abramowitz & Stegun 26.7.5). For ν ≥ 10⁵ the neglected terms are below 1e-13 relative,
  /// even at the far end of the double range.
  private static func cornishFisher(_ x: Double, nu: Double) -> Double {
    let x2 = x * x
    let g1 = (x2 + 1) * x / 4
    let g2 = ((5 * x2 + 16) * x2 + 3) * x / 96
    let g3 = (((3 * x2 + 19) * x2 + 17) * x2 - 15) * x / 384
    let g4 = ((((79 * x2 + 776) * x2 + 1482) * x2 - 1920) * x2 - 945) * x / 92160
    return x + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
  }

  /// The x ≤ 0 with Φ(x) = p for p ≤ ½, to double precision: Acklam's approximation (relative
  /// error below 1.2e-9) and one Halley step on the normal distribution function.
  private static func lowerNormalQuantile(_ p: Double) -> Double {
    var x = acklamLowerNormalQuantile(p)
    // Φ(x) − p without cancellation: through erfc in the tail, through erf near the center.
    let residual =
      p < 0.25
      ? 0.5 * erfc(-x / 2.0.squareRoot()) - p : (0.5 - p) - 0.5 * erf(-x / 2.0.squareRoot())
    let u = residual * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    // Past about 1e-308 the factor overflows; Acklam's value is then kept as it is.
    if u.isFinite { x -= u / (1 + x * u / 2) }
    return x
  }

  /// Acklam's rational approximation to the normal quantile for p ≤ ½.
  private static func acklamLowerNormalQuantile(_ p: Double) -> Double {
    if p < 0.02425 {
      let r = (-2 * log(p)).squareRoot()
      let numerator =
        ((((-7.784894002430293e-03 * r - 3.223964580411365e-01) * r - 2.400758277161838e+00) * r
          - 2.549732539343734e+00) * r + 4.374664141464968e+00) * r + 2.938163982698783e+00
      let denominator =
        (((7.784695709041462e-03 * r + 3.224671290700398e-01) * r + 2.445134137142996e+00) * r
          + 3.754408661907416e+00) * r + 1
      return numerator / denominator
    }
    let q = p - 0.5
    let r = q * q
    let numerator =
      ((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
        + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00
    let denominator =
      ((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
        + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1
    return numerator * q / denominator
  }

  // MARK: - Refinement on the distribution function

  /// Newton steps from `start` towards the t > 0 with upper tail `tail` (central mass `central`).
  private static func refined(_ start: Double, tail: Double, central: Double, nu: Double)
    -> Double
  {
    var t = start
    for _ in 0..<50 {
      var next = t + newtonStep(at: t, tail: tail, central: central, nu: nu)
      // The root is positive and finite: pull an overshooting step back towards the old point.
      if !(next > 0) { next = t / 2 }
      if !next.isFinite { next = 2 * t }
      let converged = abs(next - t) <= 1e-14 * next
      t = next
      if converged { break }
    }
    return t
  }

  /// The Newton correction to `t` for the equation P(T > t) = `tail`.
  ///
  /// With x = ν / (ν + t²), P(T > t) = ½·I_x(ν/2, ½). Where the continued fraction for that
  /// converges fast, the tail itself is computed and the step is taken on its logarithm, which
  /// stays accurate (and free of underflow) far out in the tail. Closer to zero the fraction is
  /// evaluated for the mirrored I_{1−x}(½, ν/2) = 2·P(0 < T < t), and the step is taken on that
  /// central mass, which is accurate where the tail is near ½.
  private static func newtonStep(at t: Double, tail: Double, central: Double, nu: Double)
    -> Double
  {
    let a = nu / 2
    let b = 0.5
    let t2 = t * t
    let x = nu / (nu + t2)
    let y = t2 / (nu + t2)
    // log x through log1p: for large ν, x is close to 1 and log x is multiplied by ν/2.
    let logOnePlus = log1p(t2 / nu)
    let logGammaRatio = logGammaHalfRatio(a)
    let logDensity = logGammaRatio - 0.5 * log(nu * Double.pi) - (a + b) * logOnePlus
    // log of x^a·y^b / B(a, b), with B(a, ½) = Γ(½)·Γ(a) / Γ(a + ½).
    let logFront = -a * logOnePlus + b * log(y) - (0.5 * log(Double.pi) - logGammaRatio)
    if x < (a + 1) / (a + b + 2) {
      let logTail = logFront + log(continuedFraction(a: a, b: b, x: x, y: y) / a) - log(2.0)
      // Newton on log P(T > t), whose derivative is −density / tail.
      return (logTail - log(tail)) * exp(logTail - logDensity)
    }
    // P(0 < T < t) = ½·I_y(½, a) = ½·front·fraction / ½.
    let centralMass = exp(logFront) * continuedFraction(a: b, b: a, x: y, y: x)
    return (central - centralMass) / exp(logDensity)
  }

  /// log Γ(a + ½) − log Γ(a), accurate also for large `a`, where the two terms nearly cancel.
  private static func logGammaHalfRatio(_ a: Double) -> Double {
    if a < 20 { return lgamma(a + 0.5) - lgamma(a) }
    // Stirling: log Γ(z) = (z − ½)·log z − z + ½·log 2π + δ(z); the large terms cancel by hand.
    return a * log1p(0.5 / a) - 0.5 + 0.5 * log(a) + stirlingCorrection(a + 0.5)
      - stirlingCorrection(a)
  }

  /// δ(z) = log Γ(z) − ((z − ½)·log z − z + ½·log 2π), by its asymptotic series (z ≥ 20).
  private static func stirlingCorrection(_ z: Double) -> Double {
    let r = 1 / (z * z)
    return (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r * (1.0 / 1680 - r / 1188)))) / z
  }

  /// The continued fraction of I_x(a, b) = x^a·y^b / (a·B(a, b)) · fraction, by modified Lentz.
  ///
  /// `y` is 1 − x, passed separately so that neither loses digits near 0 or 1. Converges fast
  /// for x < (a + 1) / (a + b + 2), in about √max(a, b) terms at worst.
  private static func continuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
    let tiny = 1e-300
    // Generous: below ν = 10⁵ a few hundred terms suffice.
    let maximumTerms = 10_000
    func guarded(_ value: Double) -> Double { abs(value) < tiny ? tiny : value }
    // 1 − (a + b)·x / (a + 1), written without cancellation when x is close to 1.
    var d = 1 / guarded(((1 - b) * x + (a + 1) * y) / (a + 1))
    var c = 1.0
    var fraction = d
    for term in 1...maximumTerms {
      let m = Double(term)
      let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 / guarded(1 + even * d)
      c = guarded(1 + even / c)
      fraction *= d * c
      let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 / guarded(1 + odd * d)
      c = guarded(1 + odd / c)
      let delta = d * c
      fraction *= delta
      if abs(delta - 1) <= 1e-15 { break }
    }
    return fraction
  }
}
