import LoftCore

/// Parsing of single field values: whole numbers, dates, date-times. Values arrive trimmed.
package enum FieldParsing {
  /// A whole number written with an optional decimal comma or point and only zero decimals
  /// (`3`, `3,0`, `3.00`); nil for `3,5`, `abc`, `1 000`, `1e3` or an overflowing number.
  package static func wholeNumber(_ text: String) -> Int? {
    var text = text
    return text.withUTF8 { wholeNumber(bytes: $0) }
  }

  /// `wholeNumber(_:)` on UTF-8 bytes.
  package static func wholeNumber(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    // Nearly every value is a few plain digits, too few to overflow: read them straight.
    if !bytes.isEmpty && bytes.count <= 18 {
      var value = 0
      var plain = true
      for byte in bytes {
        let digit = byte &- UInt8(ascii: "0")
        if digit > 9 {
          plain = false
          break
        }
        value = value * 10 + Int(digit)
      }
      if plain { return value }
    }
    var utf8 = bytes[...]
    var negative = false
    if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      utf8 = utf8.dropFirst()
    }
    var value = 0
    var digits = 0
    var seenSeparator = false
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if seenSeparator {
          guard byte == UInt8(ascii: "0") else { return nil }
        } else {
          let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
          let (sum, overflow2) = times.addingReportingOverflow(Int(byte - 48))
          guard !overflow1, !overflow2 else { return nil }
          value = sum
          digits += 1
        }
      case UInt8(ascii: ","), UInt8(ascii: "."):
        guard !seenSeparator, digits > 0 else { return nil }
        seenSeparator = true
      default:
        return nil
      }
    }
    guard digits > 0 else { return nil }
    return negative ? -value : value
  }

  /// A date as `YYYY-MM-DD`, `D.M.YYYY`/`DD.MM.YYYY`, or an ISO 8601 date-time (`T` or a space
  /// before the time; `Z` or an offset optional) — the date as written. Nil when it is not a
  /// possible date in one of these forms (two-digit years included).
  package static func date(_ text: String) -> Day? {
    var text = text
    // Native strings are contiguous UTF-8: read them in place, without a copy.
    return text.withUTF8 { date(bytes: $0) }
  }

  /// The day whose four-digit year, two-digit month and two-digit day start at these offsets
  /// of `bytes`; nil when one of them is not all digits, or the date is impossible.
  @inline(__always)
  private static func fixedDate(
    _ bytes: UnsafeBufferPointer<UInt8>, year: Int, month: Int, day: Int
  ) -> Day? {
    var valid = true
    func digit(_ index: Int) -> Int {
      let value = Int(bytes[index]) &- 48
      if value < 0 || value > 9 { valid = false }
      return value
    }
    let y = digit(year) * 1000 + digit(year + 1) * 100 + digit(year + 2) * 10 + digit(year + 3)
    let m = digit(month) * 10 + digit(month + 1)
    let d = digit(day) * 10 + digit(day + 1)
    return valid ? Day(year: y, month: m, day: d) : nil
  }

  /// `date(_:)` on UTF-8 bytes.
  package static func date(bytes: UnsafeBufferPointer<UInt8>) -> Day? {
    // Nearly every date is exactly `YYYY-MM-DD`, or `DD.MM.YYYY` from Norwegian Excel: their
    // digits are read straight. (Any other date with these separators there is not a date in
    // the forms below either.)
    if bytes.count == 10 {
      if bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
        return fixedDate(bytes, year: 0, month: 5, day: 8)
      }
      if bytes[2] == UInt8(ascii: "."), bytes[5] == UInt8(ascii: ".") {
        return fixedDate(bytes, year: 6, month: 3, day: 0)
      }
    }
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count, !range.isEmpty else { return nil }
      var value = 0
      for index in range {
        let byte = bytes[index]
        guard byte >= 48, byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    // D.M.YYYY and DD.MM.YYYY.
    if let firstDot = bytes.firstIndex(of: UInt8(ascii: ".")), firstDot <= 2 {
      guard let secondDot = bytes[(firstDot + 1)...].firstIndex(of: UInt8(ascii: ".")),
        (1...2).contains(firstDot), (1...2).contains(secondDot - firstDot - 1),
        bytes.count - secondDot - 1 == 4,
        let day = number(0..<firstDot), let month = number((firstDot + 1)..<secondDot),
        let year = number((secondDot + 1)..<bytes.count)
      else { return nil }
      return Day(year: year, month: month, day: day)
    }
    // YYYY-MM-DD, optionally followed by a time.
    guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let date = Day(year: year, month: month, day: day)
    else { return nil }
    if bytes.count == 10 { return date }
    guard
      bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t")
        || bytes[10] == UInt8(ascii: " "), isTime(Array(bytes[11...])[...])
    else { return nil }
    return date
  }

  /// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`, then optionally `Z` or `±HH`, `±HH:MM`, `±HHMM`.
  private static func isTime(_ bytes: ArraySlice<UInt8>) -> Bool {
    var rest = bytes[...]
    func take(_ count: Int, max: Int) -> Bool {
      guard rest.count >= count else { return false }
      var value = 0
      for byte in rest.prefix(count) {
        guard byte >= 48, byte <= 57 else { return false }
        value = value * 10 + Int(byte - 48)
      }
      rest = rest.dropFirst(count)
      return value <= max
    }
    func skip(_ byte: UInt8) -> Bool {
      guard rest.first == byte else { return false }
      rest = rest.dropFirst()
      return true
    }
    guard take(2, max: 23), skip(UInt8(ascii: ":")), take(2, max: 59) else { return false }
    if skip(UInt8(ascii: ":")) {
      guard take(2, max: 60) else { return false }
      if skip(UInt8(ascii: ".")) || skip(UInt8(ascii: ",")) {
        var fraction = 0
        while let byte = rest.first, byte >= 48, byte <= 57 {
          rest = rest.dropFirst()
          fraction += 1
        }
        guard fraction > 0 else { return false }
      }
    }
    if rest.isEmpty { return true }
    if skip(UInt8(ascii: "Z")) || skip(UInt8(ascii: "z")) { return rest.isEmpty }
    guard skip(UInt8(ascii: "+")) || skip(UInt8(ascii: "-")), take(2, max: 23) else { return false }
    if rest.isEmpty { return true }
    _ = skip(UInt8(ascii: ":"))
    return take(2, max: 59) && rest.isEmpty
  }
}

extension FieldParsing {
  /// The role a word names (`Role(word:)`), from its UTF-8 bytes: the words as listed are
  /// matched without making a string; any other spelling goes the long way.
  package static func role(_ bytes: UnsafeBufferPointer<UInt8>) -> Role? {
    for (word, role) in roleWords where bytes.equals(word) { return role }
    return Role(word: String(decoding: bytes, as: UTF8.self))
  }

  /// The status a word names (`CompletionStatus(word:)`), from its UTF-8 bytes.
  package static func status(_ bytes: UnsafeBufferPointer<UInt8>) -> CompletionStatus? {
    for (word, status) in statusWords where bytes.equals(word) { return status }
    return CompletionStatus(word: String(decoding: bytes, as: UTF8.self))
  }

  private static let roleWords: [([UInt8], Role)] =
    Role.allCases.map { (Array($0.rawValue.utf8), $0) }
    + ([
      ("toppleder", .topLeader), ("mellomleder", .middleManager), ("teamleder", .teamLeader),
      ("annen", .other),
    ] as [(String, Role)]).map { (Array($0.0.utf8), $0.1) }

  private static let statusWords: [([UInt8], CompletionStatus)] =
    CompletionStatus.allCases.map { (Array($0.rawValue.utf8), $0) }
    + ([
      ("påmeldt", .enrolled), ("pågår", .inProgress), ("fullført", .completed),
      ("ikke bestått", .failed), ("trukket", .withdrawn),
    ] as [(String, CompletionStatus)]).map {
      (Array($0.0.utf8), $0.1)
    }
}
