import Testing

@testable import LoftAggregate

@Suite struct StudentTTests {
  /// t(0.975, df): the classic table, to 12 significant digits.
  @Test(
    "matches the table of t(0.975, df)",
    arguments: [
      (1, 12.7062047362), (2, 4.30265272975), (3, 3.18244630528), (5, 2.57058183564),
      (10, 2.22813885196), (30, 2.04227245630), (100, 1.98397151852), (1000, 1.96233908083),
    ])
  func table(df: Int, expected: Double) {
    #expect(isClose(StudentT.quantile(0.975, degreesOfFreedom: df), expected, relative: 1e-10))
  }

  /// Reference values computed with mpmath 1.3 at 50 digits by root-finding on
  /// ½·I_x(ν/2, ½), for the Double nearest each p.
  @Test(
    "matches high-precision references across p and df",
    arguments: [
      (0.975, 4, 2.7764451051977943578),
      (0.975, 1_000_000, 1.9599663568141070353),
      (0.975, 100_000_000, 1.9599640082627668208),
      (0.5000001, 3, 2.720699044919315676e-7),
      (0.5000001, 100_000, 2.506634539890164696e-7),
      (0.26, 7, -0.67724076939463102182),
      (0.26, 41, -0.64893354216766036365),
      (0.999999, 3, 103.29946777942897177),
      (0.999999, 40, 5.5539697518061302860),
      (0.999999, 99_999, 4.7537047191897242553),
      (0.999999, 100_000, 4.7537047163854760717),
      (1e-12, 4, -1316.0727465592565424),
      (1e-12, 12_345, -7.0416818482885787130),
      (1e-12, 10_000_000_000, -7.0344838341793474164),
      (1e-100, 3, -2.2257698238224420210e33),
      (1e-100, 41, -1644.1692548616392936),
      (1e-100, 1_000_000, -21.275865985490619030),
      (1e-300, 12_345, -38.101858332419771037),
      (1e-300, 100_000, -37.174670665466219077),
    ])
  func references(p: Double, df: Int, expected: Double) {
    #expect(isClose(StudentT.quantile(p, degreesOfFreedom: df), expected, relative: 1e-11))
  }

  @Test("t(0.975, df) from the table made once is the computed value, to the bit")
  func upperQuantileTable() {
    for df in 1...1100 {
      #expect(
        StudentT.quantile(0.975, degreesOfFreedom: df)
          == StudentT.computedQuantile(0.975, degreesOfFreedom: df), "df \(df)")
    }
  }

  @Test("approaches the normal quantile for large df")
  func largeDegreesOfFreedom() {
    let t = StudentT.quantile(0.975, degreesOfFreedom: 1_000_000)
    #expect(abs(t - 1.959966) < 1e-6)
    #expect(t > 1.959963984540054)  // the normal quantile
  }

  @Test("is odd around p = ½ and infinite at 0 and 1")
  func symmetryAndEnds() {
    for df in [1, 2, 3, 8, 50, 200_000] {
      // Dyadic probabilities, so that 1 − p is exact.
      for p in [0x1p-40, 0x1p-10, 0.0625, 0.25, 0.3125, 0.4990234375] {
        #expect(
          StudentT.quantile(p, degreesOfFreedom: df)
            == -StudentT.quantile(1 - p, degreesOfFreedom: df))
      }
      #expect(StudentT.quantile(0.5, degreesOfFreedom: df) == 0)
      #expect(StudentT.quantile(0, degreesOfFreedom: df) == -.infinity)
      #expect(StudentT.quantile(1, degreesOfFreedom: df) == .infinity)
    }
  }

  @Test("decreases strictly with df, also across the switch of method")
  func monotoneInDegreesOfFreedom() {
    var degrees = Array(1...300)
    while degrees.last! < 10_000_000_000 { degrees.append(degrees.last! * 3 / 2) }
    degrees = (Set(degrees).union(99_990...100_010)).sorted()
    for p in [0.6, 0.975, 0.999] {
      let values = degrees.map { StudentT.quantile(p, degreesOfFreedom: $0) }
      for index in 1..<values.count {
        #expect(
          values[index] < values[index - 1],
          "t(\(p), \(degrees[index])) ≥ t(\(p), \(degrees[index - 1]))")
      }
    }
  }

  @Test("stays finite and ordered for extreme probabilities")
  func extremes() {
    for df in [2, 3, 10, 1_000, 100_000, 10_000_000] {
      let values = [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, 1e-200, 1e-20].map {
        StudentT.quantile($0, degreesOfFreedom: df)
      }
      #expect(values.allSatisfy { $0.isFinite })
      #expect(values == values.sorted() && Set(values).count == values.count)
    }
  }

  @Test("increases strictly with p")
  func monotoneInProbability() {
    let probabilities = (1...999).map { Double($0) / 1000 }
    for df in [1, 2, 3, 4, 9, 60, 5_000, 150_000] {
      let values = probabilities.map { StudentT.quantile($0, degreesOfFreedom: df) }
      for index in 1..<values.count { #expect(values[index] > values[index - 1]) }
    }
  }
}
