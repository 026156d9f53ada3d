/// Wall-clock seconds of repeated runs of one piece of work: the median and the fastest.
struct Timing {
  private(set) var samples: [Double] = []

  /// The middle sample (the upper one of an even count).
  var median: Double { samples.sorted()[samples.count / 2] }
  var fastest: Double { samples.min()! }

  /// Runs `body` once, adding its time; returns what it returns.
  mutating func time<T>(_ body: () throws -> T) rethrows -> T {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    let elapsed = start.duration(to: clock.now).components
    samples.append(Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
    return result
  }
}

/// One line of the tool's output, tab-separated: what was timed, the measurement in the same
/// run it is compared with (`-` for none), the median and fastest seconds, the bytes and the
/// items (records, cells, rows) it went through.
struct Measurement {
  var name: String
  var baseline: String?
  var timing: Timing
  var bytes: Int
  var items: Int

  var line: String {
    [
      name, baseline ?? "-", String(timing.median), String(timing.fastest), String(bytes),
      String(items),
    ].joined(separator: "\t")
  }

  static let header = "name\tbaseline\tmedian_s\tfastest_s\tbytes\titems"
}
