import Foundation
import LoftCore

/// How the report writes text and numbers: HTML escaping, and Norwegian number and date formats.
///
/// Norwegian usage (Språkrådet, Statistics Norway): a decimal comma, a space between groups of
/// three digits, a space before `%`, and the minus sign `−`. The spaces are no-break spaces so a
/// number never wraps across lines. Nothing here depends on the machine's locale.
enum ReportFormat {
  /// A no-break space: between digit groups, and before `%`.
  static let noBreakSpace = "\u{00A0}"
  /// The minus sign (U+2212), which screen readers read as "minus" and which lines up with `+`.
  static let minus = "\u{2212}"

  /// Text made safe for HTML content and attribute values (and for SVG, which is XML).
  static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }

  /// A whole number with digit groups: `1 430`, `−12`.
  static func integer(_ value: Int) -> String {
    let digits = grouped(String(value.magnitude))
    return value < 0 ? minus + digits : digits
  }

  /// A number with a fixed count of decimals and a decimal comma: `3,41`, `−0,25`.
  static func decimal(_ value: Double, digits: Int = 2) -> String {
    guard value.isFinite else { return "." }
    // `%f` rounds the binary value the same way on every machine; the locale is not consulted.
    var text = String(format: "%.\(digits)f", value)
    var negative = false
    if text.hasPrefix("-") {
      text.removeFirst()
      // A value that rounds to zero is written without a sign.
      negative = text.contains { $0 != "0" && $0 != "." }
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    var result = grouped(String(parts[0]))
    if parts.count > 1 { result += "," + parts[1] }
    return negative ? minus + result : result
  }

  /// A share 0–1 as a percentage with one decimal: `35,3 %`.
  static func percent(_ share: Double, digits: Int = 1) -> String {
    decimal(share * 100, digits: digits) + noBreakSpace + "%"
  }

  /// A day as Norwegians write it: `30. november 2026`.
  static func date(_ day: Day) -> String {
    let (year, month, dayOfMonth) = day.civil
    let months = [
      "januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
      "oktober", "november", "desember",
    ]
    // No-break spaces: a date is never split across lines.
    return "\(dayOfMonth).\(noBreakSpace)\(months[month - 1])\(noBreakSpace)\(year)"
  }

  /// An SVG coordinate: a decimal point (SVG is not localised), at most one decimal.
  static func coordinate(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(format: "%.1f", rounded)
  }

  /// Groups of three digits from the right, separated by no-break spaces (only from 10 000 up
  /// would also be correct Norwegian; grouping every number keeps columns aligned).
  private static func grouped(_ digits: String) -> String {
    guard digits.count > 3 else { return digits }
    var groups: [Substring] = []
    var end = digits.endIndex
    while end > digits.startIndex {
      let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
      groups.append(digits[start..<end])
      end = start
    }
    return groups.reversed().joined(separator: noBreakSpace)
  }
}
