import LoftCore

/// Reads the date of an xAPI `timestamp` or `stored`: an ISO 8601 date-time.
package enum XAPIDateTime {
  /// The calendar date as written — in the timestamp's own offset, never converted — after
  /// checking the whole text; nil when it is not a valid date-time or the date is impossible.
  ///
  /// Accepted: `YYYY-MM-DD`, optionally followed by `T` (or `t`, or a space) and a time
  /// `HH:MM[:SS[.fff]]` (any number of fraction digits, `.` or `,`), optionally followed by `Z`
  /// or an offset `±HH:MM`, `±HHMM` or `±HH`.
  package static func day(of text: some StringProtocol) -> Day? {
    Array(text.utf8).withUnsafeBufferPointer { day(of: $0) }
  }

  /// The calendar date of a date-time's UTF-8 bytes, as `day(of:)` reads text.
  package static func day(of utf8: UnsafeBufferPointer<UInt8>) -> Day? {
    var scanner = Scanner(utf8)
    guard let year = scanner.digits(4), scanner.skip("-"),
      let month = scanner.digits(2), scanner.skip("-"),
      let day = scanner.digits(2)
    else { return nil }
    if !scanner.isAtEnd {
      guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "), scanner.time() else {
        return nil
      }
      if !scanner.isAtEnd {
        guard scanner.skip("Z") || scanner.skip("z") || scanner.offset(), scanner.isAtEnd else {
          return nil
        }
      }
    }
    return Day(year: year, month: month, day: day)
  }

  /// A cursor over the bytes of a date-time.
  private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    /// Reads exactly `count` ASCII digits as a number.
    mutating func digits(_ count: Int) -> Int? {
      guard index + count <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[index..<(index + count)] {
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      index += count
      return value
    }

    /// Skips one byte when it is the given ASCII character.
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
      guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
      index += 1
      return true
    }

    /// `HH:MM[:SS[.fff]]`, within range (a leap second, `:60`, is allowed).
    mutating func time() -> Bool {
      guard let hour = digits(2), hour < 24, skip(":"), let minute = digits(2), minute < 60
      else { return false }
      guard skip(":") else { return true }
      guard let second = digits(2), second <= 60 else { return false }
      guard skip(".") || skip(",") else { return true }
      var fractionDigits = 0
      while digits(1) != nil { fractionDigits += 1 }
      return fractionDigits > 0
    }

    /// `±HH:MM`, `±HHMM` or `±HH`.
    mutating func offset() -> Bool {
      guard skip("+") || skip("-"), let hours = digits(2), hours < 24 else { return false }
      if isAtEnd { return true }
      _ = skip(":")
      guard let minutes = digits(2), minutes < 60 else { return false }
      return true
    }
  }
}
