/// Decides whether protected vectors lie in the row space of published vectors, exactly.
///
/// Written apart from the suppression code on purpose: its own field (p = 10⁹ + 7), its own
/// elimination (pivot on the smallest column, rows taken sparsest first, no heuristics).
package enum ExposureCheck {
  static let p: UInt64 = 1_000_000_007

  /// A sparse vector: column → value (already reduced modulo p).
  package typealias Vector = [Int: UInt64]

  /// The indices of the protected vectors that published vectors determine exactly.
  package static func exposed(published: [Vector], protected: [Vector]) -> [Int] {
    let basis = echelon(published)
    var result: [Int] = []
    for (index, vector) in protected.enumerated() where !vector.isEmpty {
      if reduce(vector, basis).isEmpty { result.append(index) }
    }
    return result
  }

  /// A value as a field element (negative values wrap).
  package static func element(_ value: Int) -> UInt64 {
    let m = Int(p)
    return UInt64(((value % m) + m) % m)
  }

  /// a / b in the field.
  package static func divide(_ a: UInt64, _ b: UInt64) -> UInt64 { a * power(b, p - 2) % p }

  static func power(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
    var result: UInt64 = 1
    var base = base % p
    var exponent = exponent
    while exponent > 0 {
      if exponent & 1 == 1 { result = result * base % p }
      base = base * base % p
      exponent >>= 1
    }
    return result
  }

  /// Rows in echelon form keyed by pivot (each row's smallest column), pivots normalised to 1.
  static func echelon(_ rows: [Vector]) -> [Int: Vector] {
    var basis: [Int: Vector] = [:]
    for row in rows.sorted(by: { $0.count < $1.count }) {
      let reduced = reduce(row, basis)
      guard let pivot = reduced.keys.min() else { continue }
      let inverse = divide(1, reduced[pivot]!)
      basis[pivot] = reduced.mapValues { $0 * inverse % p }
    }
    return basis
  }

  /// Subtracts basis rows until no column of the vector is a pivot.
  static func reduce(_ vector: Vector, _ basis: [Int: Vector]) -> Vector {
    var vector = vector.filter { $0.value != 0 }
    while let column = vector.keys.filter({ basis[$0] != nil }).min() {
      let factor = vector[column]!
      for (other, value) in basis[column]! {
        let updated = (vector[other, default: 0] + p - value * factor % p) % p
        vector[other] = updated == 0 ? nil : updated
      }
    }
    return vector
  }
}
