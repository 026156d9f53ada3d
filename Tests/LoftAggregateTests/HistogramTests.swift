import Testing

@testable import LoftAggregate

@Suite struct HistogramTests {
  @Test("counts values")
  func counts() {
    var histogram = Histogram(min: 1, max: 5)
    histogram.add(2)
    histogram.add(5, count: 3)
    histogram.add(3, count: 0)
    #expect(histogram.total == 4)
    #expect(histogram.count(of: 2) == 1)
    #expect(histogram.count(of: 5) == 3)
    #expect(histogram.count(of: 3) == 0)
    #expect(histogram.count(of: 9) == 0)
  }

  @Test("type 7 quantiles of known data")
  func known() {
    var histogram = Histogram(min: 0, max: 10)
    #expect(histogram.quantile(0.5) == nil)
    for value in [1, 2, 3, 4] { histogram.add(value) }
    #expect(histogram.quantile(0) == 1)
    #expect(histogram.quantile(0.25) == 1.75)
    #expect(histogram.quantile(0.5) == 2.5)
    #expect(histogram.quantile(0.75) == 3.25)
    #expect(histogram.quantile(1) == 4)
    #expect(histogram.quantile(0.5, scale: 2) == 1.25)
    var single = Histogram(min: -3, max: 3)
    single.add(-2, count: 5)
    for p in quartiles { #expect(single.quantile(p) == -2) }
  }

  @Test("quantiles equal the sorted-array definition")
  func matchesReference() throws {
    var generator = SplitMix64(seed: 3)
    let sizes = [1, 2, 3] + (0..<300).map { _ in Int.random(in: 1...200, using: &generator) }
    for size in sizes {
      let (low, high) = [(1, 5), (0, 60), (-7, 7), (12, 48)].randomElement(using: &generator)!
      let values = (0..<size).map { _ in Int.random(in: low...high, using: &generator) }
      var histogram = Histogram(min: low, max: high)
      for value in values { histogram.add(value) }
      let sorted = values.sorted()
      for p in quartiles + [Double.random(in: 0...1, using: &generator)] {
        #expect(try #require(histogram.quantile(p)) == referenceQuantile(sorted, p))
        #expect(
          try #require(histogram.quantile(p, scale: 12)) == referenceQuantile(sorted, p) / 12)
      }
    }
  }

  @Test("merge is associative and commutative, and equals counting everything at once")
  func mergeLaws() {
    var generator = SplitMix64(seed: 4)
    for _ in 0..<200 {
      let parts = (0..<3).map { _ in
        (0..<Int.random(in: 0...30, using: &generator)).map { _ in
          Int.random(in: 1...5, using: &generator)
        }
      }
      let histograms = parts.map { values in
        var histogram = Histogram(min: 1, max: 5)
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
      var all = Histogram(min: 1, max: 5)
      for value in parts.joined() { all.add(value) }
      #expect(left == all)
    }
  }
}
