import Testing

@testable import LoftAggregate

@Suite struct WilsonTests {
  /// Hand-computed: with z² = 1.959964², 0/n gives [0, z²/(n + z²)], n/n gives [n/(n + z²), 1];
  /// the other values from the formula at 30 digits (mpmath).
  @Test(
    "matches hand-computed intervals",
    arguments: [
      (0, 10, 0.0, 0.27753280302605771909),
      (10, 10, 0.72246719697394228091, 1.0),
      (5, 10, 0.23659308901147937084, 0.76340691098852062916),
      (1, 1, 0.20654931179180274106, 1.0),
      (0, 1, 0.0, 0.79345068820819725894),
      (3, 7, 0.15821985399244539233, 0.74954163724696436387),
    ])
  func handComputed(successes: Int, trials: Int, low: Double, high: Double) {
    let interval = Wilson.interval(successes: successes, trials: trials)
    #expect(isClose(interval.low, low, relative: 1e-13))
    #expect(isClose(interval.high, high, relative: 1e-13))
  }

  @Test("closed forms at the ends")
  func ends() {
    let z2 = Wilson.z * Wilson.z
    #expect(
      isClose(Wilson.interval(successes: 0, trials: 10).high, z2 / (10 + z2), relative: 1e-15))
    #expect(
      isClose(Wilson.interval(successes: 10, trials: 10).low, 10 / (10 + z2), relative: 1e-15))
    #expect(isClose(Wilson.interval(successes: 1, trials: 1).low, 1 / (1 + z2), relative: 1e-15))
  }

  @Test("is symmetric, stays in 0...1 and contains the observed share")
  func laws() {
    for trials in 1...60 {
      for successes in 0...trials {
        let interval = Wilson.interval(successes: successes, trials: trials)
        let mirror = Wilson.interval(successes: trials - successes, trials: trials)
        let share = Double(successes) / Double(trials)
        #expect(0 <= interval.low && interval.low <= share)
        #expect(share <= interval.high && interval.high <= 1)
        #expect(abs(interval.low - (1 - mirror.high)) < 1e-15)
      }
      #expect(Wilson.interval(successes: 0, trials: trials).low == 0)
      #expect(Wilson.interval(successes: trials, trials: trials).high == 1)
    }
  }

  @Test("narrows with a smaller z")
  func customZ() {
    let wide = Wilson.interval(successes: 4, trials: 20)
    let narrow = Wilson.interval(successes: 4, trials: 20, z: 1)
    #expect(wide.low < narrow.low && narrow.high < wide.high)
  }
}
