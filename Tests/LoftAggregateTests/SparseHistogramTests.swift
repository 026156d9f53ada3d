import Testing

@testable import LoftAggregate

@Suite struct SparseHistogramTests {
  @Test("counts values over an open range")
  func counts() {
    var histogram = SparseHistogram()
    #expect(histogram.quantile(0.5) == nil)
    histogram.add(-40)
    histogram.add(1_000_000, count: 2)
    histogram.add(7, count: 0)
    #expect(histogram.total == 3)
    #expect(histogram.count(of: 1_000_000) == 2)
    #expect(histogram.count(of: 7) == 0)
    var other = SparseHistogram()
    other.add(1_000_000, count: 2)
    other.add(-40)
    #expect(histogram == other)
    #expect(histogram.quantile(0.5) == 1_000_000)
    #expect(histogram.quantile(0.25) == 499_980)
    #expect(histogram.quantile(0.25, scale: 4) == 124_995)
  }

  @Test("quantiles equal the sorted-array definition, whatever the order of adding")
  func matchesReference() throws {
    var generator = SplitMix64(seed: 5)
    let sizes = [1, 2, 3] + (0..<300).map { _ in Int.random(in: 1...200, using: &generator) }
    for size in sizes {
      let bound = [3, 400, 100_000].randomElement(using: &generator)!
      let values = (0..<size).map { _ in Int.random(in: -bound...bound, using: &generator) }
      var histogram = SparseHistogram()
      for value in values { histogram.add(value) }
      var reversed = SparseHistogram()
      for value in values.reversed() { reversed.add(value) }
      #expect(histogram == reversed)
      let sorted = values.sorted()
      for p in quartiles + [Double.random(in: 0...1, using: &generator)] {
        let quantile = try #require(histogram.quantile(p))
        #expect(quantile == referenceQuantile(sorted, p))
        #expect(quantile.bitPattern == reversed.quantile(p)?.bitPattern)
      }
    }
  }

  @Test("merge is associative and commutative, and equals counting everything at once")
  func mergeLaws() {
    var generator = SplitMix64(seed: 6)
    for _ in 0..<200 {
      let parts = (0..<3).map { _ in
        (0..<Int.random(in: 0...30, using: &generator)).map { _ in
          Int.random(in: 0...90, using: &generator)
        }
      }
      let histograms = parts.map { values in
        var histogram = SparseHistogram()
        for value in values { histogram.add(value) }
        return histogram
      }
      var ab = histograms[0]
      ab.merge(histograms[1])
      var ba = histograms[1]
      ba.merge(histograms[0])
      #expect(ab == ba)
      var left = ab
      left.merge(histograms[2])
      var bc = histograms[1]
      bc.merge(histograms[2])
      var right = histograms[0]
      right.merge(bc)
      #expect(left == right)
      var all = SparseHistogram()
      for value in parts.joined() { all.add(value) }
      #expect(left == all)
    }
  }

  /// The p-quantile of histograms counted together in a `SparseHistogramSum`.
  func quantile(_ p: Double, ofSum histograms: [SparseHistogram]) -> Double? {
    var sum = SparseHistogramSum()
    for histogram in histograms { sum.add(histogram) }
    return sum.quantile(p)
  }

  @Test("histograms counted together give the quantile of their merge, bit for bit")
  func quantileOfSum() {
    var generator = SplitMix64(seed: 7)
    #expect(quantile(0.5, ofSum: []) == nil)
    #expect(quantile(0.5, ofSum: [SparseHistogram()]) == nil)
    for _ in 0..<300 {
      // Small values go through the array, negative and very large ones around it.
      let bound = [5, 400, 200_000].randomElement(using: &generator)!
      let histograms = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
        var histogram = SparseHistogram()
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
          histogram.add(
            Int.random(in: -bound...bound, using: &generator),
            count: Int.random(in: 1...3, using: &generator))
        }
        return histogram
      }
      var merged = SparseHistogram()
      for histogram in histograms { merged.merge(histogram) }
      for p in quartiles + [Double.random(in: 0...1, using: &generator)] {
        #expect(quantile(p, ofSum: histograms)?.bitPattern == merged.quantile(p)?.bitPattern)
      }
    }
  }
}
