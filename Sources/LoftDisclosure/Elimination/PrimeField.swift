/// Arithmetic modulo the Mersenne prime 2⁶¹ − 1: exact, so rank questions have exact answers.
///
/// Linear dependence over the rationals implies dependence modulo p; the converse fails only
/// for a vanishingly unlikely p dividing some minor, and then we suppress more, never less.
package enum PrimeField {
  package static let p: UInt64 = (1 << 61) - 1

  @inline(__always)
  package static func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let sum = a + b
    return sum >= p ? sum - p : sum
  }

  @inline(__always)
  package static func subtract(_ a: UInt64, _ b: UInt64) -> UInt64 {
    a >= b ? a - b : a + p - b
  }

  @inline(__always)
  package static func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let product = UInt128(a) * UInt128(b)
    // 2⁶¹ ≡ 1 (mod p): fold the high bits onto the low ones.
    let folded = UInt64(product & UInt128(p)) + UInt64(product >> 61)
    return folded >= p ? folded - p : folded
  }

  package static func inverse(_ a: UInt64) -> UInt64 {
    precondition(a != 0, "zero has no inverse")
    // Most pivots the eliminator inverts are ±1 (cells are sums of inner cells): those are their
    // own inverses, and Fermat's 61 squarings would be wasted on them.
    if a == 1 || a == p - 1 { return a }
    // Fermat: a^(p−2).
    var result: UInt64 = 1
    var base = a
    var exponent = p - 2
    while exponent > 0 {
      if exponent & 1 == 1 { result = multiply(result, base) }
      base = multiply(base, base)
      exponent >>= 1
    }
    return result
  }

  /// A non-negative whole number as a field element.
  package static func element(_ value: Int) -> UInt64 {
    precondition(value >= 0)
    return UInt64(value) % p
  }
}
