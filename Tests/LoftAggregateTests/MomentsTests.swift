import Testing

@testable import LoftAggregate

@Suite struct MomentsTests {
  private func moments(_ values: [Int]) -> Moments {
    var moments = Moments()
    for value in values { moments.add(value) }
    return moments
  }

  @Test("has no results without enough values")
  func empty() {
    #expect(Moments().mean == nil)
    #expect(Moments().sampleStandardDeviation == nil)
    let one = moments([7])
    #expect(one.mean == 7)
    #expect(one.sampleStandardDeviation == nil)
    #expect(one.ci95() == nil)
  }

  @Test("computes known mean and sample standard deviation")
  func known() throws {
    let m = moments([2, 4, 4, 4, 5, 5, 7, 9])
    #expect(m.n == 8 && m.sum == 40 && m.sumOfSquares == 232)
    #expect(m.mean == 5)
    #expect(m.sampleStandardDeviation == (32.0 / 7).squareRoot())
  }

  @Test("divides by the scale at the end")
  func scaled() throws {
    let m = moments([12, 24, 36, 48, 60])  // 1...5 stored × 12
    #expect(m.mean(scale: 12) == 3)
    #expect(m.sampleStandardDeviation(scale: 12) == 2.5.squareRoot())
    let interval = try #require(m.ci95(scale: 12))
    // 3 ± t(0.975, 4)·√2.5/√5, at 30 digits.
    #expect(isClose(interval.low, 1.0367568385224423023, relative: 1e-14))
    #expect(isClose(interval.high, 4.9632431614775576977, relative: 1e-14))
  }

  @Test("is exact where a floating-point sum of squares would not be")
  func exactness() {
    let m = moments([1_000_000_000, 1_000_000_001, 1_000_000_002])
    #expect(m.sampleStandardDeviation == 1)
    #expect(m.mean == 1_000_000_001)
  }

  @Test("merge is associative and commutative")
  func mergeLaws() {
    var generator = SplitMix64(seed: 1)
    for _ in 0..<200 {
      let parts = (0..<3).map { _ in
        moments(
          (0..<Int.random(in: 0...20, using: &generator)).map { _ in
            Int.random(in: -500...500, using: &generator)
          })
      }
      var ab = parts[0]
      ab.merge(parts[1])
      var ba = parts[1]
      ba.merge(parts[0])
      #expect(ab == ba)
      var left = ab
      left.merge(parts[2])
      var bc = parts[1]
      bc.merge(parts[2])
      var right = parts[0]
      right.merge(bc)
      #expect(left == right)
    }
  }

  @Test("agrees with a two-pass floating-point computation")
  func twoPass() throws {
    var generator = SplitMix64(seed: 2)
    for _ in 0..<500 {
      let count = Int.random(in: 2...200, using: &generator)
      let bound = [5, 60, 10_000, 1_000_000].randomElement(using: &generator)!
      let values = (0..<count).map { _ in Int.random(in: -bound...bound, using: &generator) }
      let m = moments(values)
      let mean = values.reduce(0.0) { $0 + Double($1) } / Double(count)
      let squares = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
      let sd = (squares / Double(count - 1)).squareRoot()
      #expect(isClose(try #require(m.mean), mean, relative: 1e-12))
      #expect(isClose(try #require(m.sampleStandardDeviation), sd, relative: 1e-12))
    }
  }
}
