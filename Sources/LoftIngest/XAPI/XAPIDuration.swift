/// Reads an xAPI `result.duration`: an ISO 8601 duration such as `PT1H12M30S`.
package enum XAPIDuration {
  /// The duration in whole milliseconds; nil when it is not a duration Løft reads.
  ///
  /// Read: `P[nD][T[nH][nM][n[.f]S]]` with at least one component; days count as 24 hours; a
  /// fraction (`.` or `,`) only on the seconds, cut after the third digit. Years, months and
  /// weeks have no fixed length here and are not read, nor are negative durations.
  package static func milliseconds(of text: some StringProtocol) -> Int? {
    Array(text.utf8).withUnsafeBufferPointer { milliseconds(of: $0) }
  }

  /// The duration of an ISO 8601 duration's UTF-8 bytes, as `milliseconds(of:)` reads text.
  package static func milliseconds(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.first == UInt8(ascii: "P") else { return nil }
    var index = 1
    var total = 0
    var components = 0
    var inTime = false
    // Units allowed next, in order; each at most once.
    var allowed: [UInt8] = Array("DTHMS".utf8)
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "T") {
        guard !inTime, allowed.contains(UInt8(ascii: "T")), index + 1 < bytes.count else {
          return nil
        }
        inTime = true
        allowed = Array("HMS".utf8)
        index += 1
        continue
      }
      guard let whole = number(bytes, &index) else { return nil }
      var fraction = 0
      var hasFraction = false
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",")
      {
        index += 1
        guard let milliseconds = fractionMilliseconds(bytes, &index) else { return nil }
        fraction = milliseconds
        hasFraction = true
      }
      guard index < bytes.count else { return nil }
      let unit = bytes[index]
      index += 1
      guard let position = allowed.firstIndex(of: unit) else { return nil }
      allowed.removeSubrange(...position)
      let scale: Int
      switch (inTime, unit) {
      case (false, UInt8(ascii: "D")): scale = 86_400_000
      case (true, UInt8(ascii: "H")): scale = 3_600_000
      case (true, UInt8(ascii: "M")): scale = 60_000
      case (true, UInt8(ascii: "S")): scale = 1_000
      default: return nil
      }
      guard !hasFraction || unit == UInt8(ascii: "S") else { return nil }
      let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
      guard !overflow else { return nil }
      let (sum, overflowSum) = total.addingReportingOverflow(product)
      guard !overflowSum, sum <= Int.max - fraction else { return nil }
      total = sum + fraction
      components += 1
    }
    return components > 0 ? total : nil
  }

  /// Reads one or more digits as a whole number; nil for none or an overflow.
  private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int? {
    let start = index
    var value = 0
    while index < bytes.count, isDigit(bytes[index]) {
      let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
      let (next, carry) = times10.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
      guard !overflow, !carry else { return nil }
      value = next
      index += 1
    }
    return index > start ? value : nil
  }

  /// Reads the digits after a decimal sign as milliseconds, dropping those past the third.
  private static func fractionMilliseconds(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int)
    -> Int?
  {
    var value = 0
    var count = 0
    while index < bytes.count, isDigit(bytes[index]) {
      if count < 3 { value = value * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
      count += 1
      index += 1
    }
    guard count > 0 else { return nil }
    // `.5` is 500 ms, `.05` is 50 ms.
    for _ in min(count, 3)..<3 { value *= 10 }
    return value
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}
