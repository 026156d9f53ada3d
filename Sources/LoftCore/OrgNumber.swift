/// A Norwegian organisasjonsnummer: nine digits with a mod-11 check digit.
///
/// Written forms with spaces (`974 760 673`) are normalised to the nine digits.
package struct OrgNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The nine digits, as text.
  package let digits: String

  /// Why a written org number is not valid.
  package enum Defect: Error, Sendable, Equatable {
    case notNineDigits
    case badCheckDigit
  }

  /// Parses and checks a written org number; spaces are ignored.
  package static func parse(_ text: some StringProtocol) -> Result<OrgNumber, Defect> {
    var digits: [UInt8] = []
    digits.reserveCapacity(9)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "0"..."9": digits.append(UInt8(scalar.value - 48))
      // Spaces group the digits in print (`974 760 673`); Excel may write no-break spaces.
      case " ", "\u{A0}", "\u{202F}": continue
      default: return .failure(.notNineDigits)
      }
      if digits.count > 9 { return .failure(.notNineDigits) }
    }
    guard digits.count == 9 else { return .failure(.notNineDigits) }
    guard checkDigit(of: digits) == Int(digits[8]) else { return .failure(.badCheckDigit) }
    return .success(OrgNumber(validDigits: String(decoding: digits.map { $0 + 48 }, as: UTF8.self)))
  }

  /// The org number, or nil when it is not valid.
  package init?(_ text: some StringProtocol) {
    guard case .success(let value) = Self.parse(text) else { return nil }
    self = value
  }

  private init(validDigits: String) { self.digits = validDigits }

  /// The mod-11 check digit of the first eight digits, or nil when it would be 10.
  static func checkDigit(of digits: [UInt8]) -> Int? {
    let weights = [3, 2, 7, 6, 5, 4, 3, 2]
    var sum = 0
    for index in 0..<8 { sum += weights[index] * Int(digits[index]) }
    let remainder = sum % 11
    if remainder == 0 { return 0 }
    let check = 11 - remainder
    return check == 10 ? nil : check
  }

  package var description: String { digits }
  package static func < (lhs: OrgNumber, rhs: OrgNumber) -> Bool { lhs.digits < rhs.digits }
}
