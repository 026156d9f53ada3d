import Testing

@testable import LoftDisclosure

/// The eliminator's rules, written out plainly on dense vectors: every basis vector subtracted
/// in insertion order, every residual scanned for the pivot. Slow, and obviously right.
struct DenseEliminator {
  let width: Int
  var basis: [(pivot: Int, vector: [UInt64])] = []
  var residuals: [[UInt64]] = []

  func reduce(_ vector: [UInt64]) -> [UInt64] {
    var result = vector
    for entry in basis where result[entry.pivot] != 0 {
      let factor = PrimeField.multiply(
        result[entry.pivot], PrimeField.inverse(entry.vector[entry.pivot]))
      for column in 0..<width {
        result[column] = PrimeField.subtract(
          result[column], PrimeField.multiply(entry.vector[column], factor))
      }
    }
    return result
  }

  mutating func protect(_ vector: [UInt64]) -> Bool {
    let residual = reduce(vector)
    guard residual.contains(where: { $0 != 0 }) else { return false }
    residuals.append(residual)
    return true
  }

  /// The pivot (nil when in the span) and whether publishing would expose a residual.
  func trial(_ vector: [UInt64]) -> (reduced: [UInt64], pivot: Int?, exposes: Bool) {
    let reduced = reduce(vector)
    // The first column, in column order, where the fewest residuals are non-zero.
    var pivot: Int?
    var fewest = Int.max
    for column in 0..<width where reduced[column] != 0 {
      let count = residuals.filter { $0[column] != 0 }.count
      if count < fewest {
        fewest = count
        pivot = column
      }
    }
    guard let pivot else { return (reduced, nil, false) }
    let exposes = residuals.contains { residual in
      residual[pivot] != 0
        && updated(residual, reduced: reduced, pivot: pivot).allSatisfy { $0 == 0 }
    }
    return (reduced, pivot, exposes)
  }

  func updated(_ residual: [UInt64], reduced: [UInt64], pivot: Int) -> [UInt64] {
    let factor = PrimeField.multiply(residual[pivot], PrimeField.inverse(reduced[pivot]))
    return (0..<width).map {
      PrimeField.subtract(residual[$0], PrimeField.multiply(reduced[$0], factor))
    }
  }

  mutating func publish(reduced: [UInt64], pivot: Int) {
    for index in residuals.indices where residuals[index][pivot] != 0 {
      residuals[index] = updated(residuals[index], reduced: reduced, pivot: pivot)
    }
    basis.append((pivot, reduced))
  }
}

@Suite struct GaussianEliminatorTests {
  func dense(_ vector: SparseVector, width: Int) -> [UInt64] {
    var result = [UInt64](repeating: 0, count: width)
    for (column, value) in zip(vector.columns, vector.values) { result[Int(column)] = value }
    return result
  }

  /// A random vector on some of `pool`'s columns: small entries (or sums of earlier vectors, so
  /// that some lie in the span), sometimes large ones.
  func randomVector(
    width: Int, pool: [Int32], earlier: [SparseVector], using random: inout SplitMix64
  ) -> SparseVector {
    if !earlier.isEmpty && Int.random(in: 0..<4, using: &random) == 0 {
      let a = earlier.randomElement(using: &random)!
      let b = earlier.randomElement(using: &random)!
      let sum = zip(dense(a, width: width), dense(b, width: width)).map { PrimeField.add($0, $1) }
      return SparseVector(sum.enumerated().map { (Int32($0.offset), $0.element) })
    }
    let count = Int.random(in: 1...(Bool.random(using: &random) ? 3 : pool.count), using: &random)
    var columns: Set<Int32> = []
    while columns.count < count { columns.insert(pool.randomElement(using: &random)!) }
    return SparseVector(
      columns.map { column in
        let value: UInt64 =
          Int.random(in: 0..<5, using: &random) == 0
          ? UInt64.random(in: 1..<PrimeField.p, using: &random)
          : UInt64.random(in: 1...3, using: &random)
        return (column, value)
      })
  }

  @Test(
    "an inverse times its element is one, the shortcut for ±1 included",
    arguments: [1, 2, 3, 7, PrimeField.p - 2, PrimeField.p - 1] as [UInt64])
  func inverse(of element: UInt64) {
    #expect(PrimeField.multiply(element, PrimeField.inverse(element)) == 1)
  }

  @Test("decides exactly as a plain dense elimination", arguments: 1...40)
  func matchesDenseElimination(seed: UInt64) {
    var random = SplitMix64(state: seed)
    // A few columns of a narrow or a wide range, so both ways of reading back are used.
    let width = seed % 2 == 0 ? 16 : 300
    let pool = Array(
      (0..<Int32(width)).shuffled(using: &random).prefix(Int.random(in: 4...16, using: &random)))
    var eliminator = GaussianEliminator()
    var reference = DenseEliminator(width: width)
    var earlier: [SparseVector] = []
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      let vector = randomVector(width: width, pool: pool, earlier: earlier, using: &random)
      #expect(eliminator.protect(vector) == reference.protect(dense(vector, width: width)))
    }
    for step in 0..<30 {
      let vector = randomVector(width: width, pool: pool, earlier: earlier, using: &random)
      earlier.append(vector)
      #expect(
        dense(eliminator.reduce(vector), width: width)
          == reference.reduce(dense(vector, width: width)))
      let trial = eliminator.trial(vector)
      let expected = reference.trial(dense(vector, width: width))
      #expect(dense(trial.reduced, width: width) == expected.reduced, "seed \(seed) step \(step)")
      #expect(trial.pivot.map(Int.init) == expected.pivot, "seed \(seed) step \(step)")
      #expect(trial.exposes == expected.exposes, "seed \(seed) step \(step)")
      if trial.exposes {
        #expect(eliminator.protect(trial.reduced) == reference.protect(expected.reduced))
      } else if let pivot = expected.pivot {
        eliminator.publish(trial)
        reference.publish(reduced: expected.reduced, pivot: pivot)
      }
      if step % 7 == 0 {
        let protected = randomVector(width: width, pool: pool, earlier: earlier, using: &random)
        #expect(eliminator.protect(protected) == reference.protect(dense(protected, width: width)))
      }
    }
  }
}
