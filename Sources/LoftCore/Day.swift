/// A calendar day, counted from 1970-01-01 (proleptic Gregorian), without a time zone.
package struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  package let ordinal: Int32

  package init(ordinal: Int32) { self.ordinal = ordinal }

  /// The day of a year, month and day; nil for an impossible date (2024-02-30, month 13, year 0).
  package init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Day.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    self.ordinal = Int32(era * 146097 + doe - 719468)
  }

  /// Year, month and day of this day.
  package var civil: (year: Int, month: Int, day: Int) {
    let z = Int(ordinal) + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  package static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  package static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// `YYYY-MM-DD`.
  package var description: String {
    let (y, m, d) = civil
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  package static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }
  // Written out rather than left to Comparable's defaults: another module reaches a default
  // only through the conformance's witness table, at every comparison of the row checks.
  package static func <= (lhs: Day, rhs: Day) -> Bool { lhs.ordinal <= rhs.ordinal }
  package static func > (lhs: Day, rhs: Day) -> Bool { lhs.ordinal > rhs.ordinal }
  package static func >= (lhs: Day, rhs: Day) -> Bool { lhs.ordinal >= rhs.ordinal }
  package static func - (lhs: Day, rhs: Day) -> Int { Int(lhs.ordinal) - Int(rhs.ordinal) }
}

func pad(_ value: Int, _ width: Int) -> String {
  let text = String(value)
  return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
