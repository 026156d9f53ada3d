import Testing

@testable import LoftCore

@Suite struct OrgNumberTests {
  @Test(
    "accepts numbers with a valid mod-11 check digit",
    arguments: [
      "123456785", "988077917", "701730496", "974760673",
    ])
  func valid(_ number: String) {
    #expect(OrgNumber(number)?.digits == number)
  }

  @Test("rejects a wrong check digit") func wrongCheckDigit() {
    #expect(OrgNumber.parse("123456789") == .failure(.badCheckDigit))
  }

  @Test("rejects every number whose weighted sum leaves remainder 1 (check digit 10)")
  func remainderOne() {
    // Walk the first eight digits and keep those with remainder 1: no ninth digit can pass.
    let weights = [3, 2, 7, 6, 5, 4, 3, 2]
    var checked = 0
    for seed in stride(from: 10_000_000, to: 99_999_999, by: 7_919) {
      let digits = String(seed).compactMap { $0.wholeNumberValue }
      let sum = zip(digits, weights).map(*).reduce(0, +)
      guard sum % 11 == 1 else { continue }
      for last in 0...9 {
        #expect(OrgNumber(String(seed) + String(last)) == nil)
      }
      checked += 1
    }
    #expect(checked > 100)
  }

  @Test("treats remainder 0 as check digit 0") func remainderZero() {
    // 3·1 + 2·1 + 7·0 + 6·0 + 5·0 + 4·0 + 3·0 + 2·3 = 11 → remainder 0 → check 0.
    #expect(OrgNumber("110000030") != nil)
    #expect(OrgNumber("110000031") == nil)
  }

  @Test("normalises spaces", arguments: ["974 760 673", " 974760673 ", "974\u{A0}760\u{A0}673"])
  func spaces(_ written: String) {
    #expect(OrgNumber(written)?.digits == "974760673")
  }

  @Test(
    "rejects what is not nine digits",
    arguments: ["", "97476067", "9747606730", "97476067a", "974-760-673"])
  func notNineDigits(_ written: String) {
    #expect(OrgNumber.parse(written) == .failure(.notNineDigits))
  }
}
