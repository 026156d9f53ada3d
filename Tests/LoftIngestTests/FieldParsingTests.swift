import Testing

@testable import LoftCore
@testable import LoftIngest

@Suite struct FieldParsingTests {
  @Test(
    "reads whole numbers with a decimal comma or point",
    arguments: [
      ("3", 3), ("3,0", 3), ("3.00", 3), ("-2", -2), ("0", 0), ("120", 120), ("007", 7),
      ("999999999999999999", 999_999_999_999_999_999), ("9223372036854775807", Int.max),
    ])
  func wholeNumbers(_ text: String, _ value: Int) {
    #expect(FieldParsing.wholeNumber(text) == value)
  }

  @Test(
    "refuses fractions, words, separators and overflow",
    arguments: [
      "3,5", "abc", "1 000", "1.000,0", "1e3", "1e309", "123456789012345678901234567890", ",5", "",
      "9223372036854775808", "12a",
    ])
  func notWhole(_ text: String) {
    #expect(FieldParsing.wholeNumber(text) == nil)
  }

  @Test(
    "reads the date forms of SPEC §3",
    arguments: [
      ("2025-03-01", "2025-03-01"), ("1.3.2025", "2025-03-01"), ("01.03.2025", "2025-03-01"),
      ("2025-03-01T10:15", "2025-03-01"), ("2025-03-01T23:30:00-05:00", "2025-03-01"),
      ("2025-03-01 08:00:00Z", "2025-03-01"), ("2025-03-01T08:00:00.123+0100", "2025-03-01"),
      ("2024-02-29", "2024-02-29"), ("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-01"),
      // Ten bytes shaped like DD.MM.YYYY, read by the fast path.
      ("29.02.2024", "2024-02-29"), ("31.12.9999", "9999-12-31"), ("01.01.0001", "0001-01-01"),
      ("1.03.2025", "2025-03-01"), ("01.3.2025", "2025-03-01"),
    ])
  func dates(_ text: String, _ expected: String) {
    #expect(FieldParsing.date(text)?.description == expected)
  }

  @Test(
    "refuses impossible dates and two-digit years",
    arguments: [
      "2024-02-30", "0000-00-00", "31.13.2025", "25-03-01", "1.3.25", "2025-3-1",
      "2025-03-01T25:00",
      "2025/03/01", "tomorrow", "2025-03-01T10:00+",
      // Ten bytes shaped like YYYY-MM-DD, read by the fast path: each must still fail.
      "2025-13-01", "2025-00-10", "2025-04-31", "2023-02-29", "2025-1a-01", "20x5-01-01",
      "2025-01-0/", "2025-01-:1", "1.2-03-04-", "+025-01-01", "2025-01- 1",
      // And shaped like DD.MM.YYYY.
      "30.02.2024", "29.02.2023", "31.04.2025", "00.01.2025", "01.00.2025", "01.13.2025",
      "1a.01.2025", "01.01.20x5", "0..01.2025", " 1.01.2025", "01.01.0000", "01.-1.2025",
    ])
  func badDates(_ text: String) {
    #expect(FieldParsing.date(text) == nil)
  }
}

@Suite struct GlobTests {
  @Test(
    "matches as SPEC §1.1 says",
    arguments: [
      ("**/assessment*", "assessment-2025.csv", true),
      ("**/assessment*", "2025/h1/Assessment-2025.CSV", true),
      ("**/completion*.csv*", "completion.csv.zst", true),
      ("**/completion*.csv*", "x/completion-1.json", false),
      ("**/*.json*", "lrs/export.jsonl", true),
      ("*.csv", "sub/a.csv", false),
      ("data/**", "data/a/b.csv", true),
      ("file-[0-9].csv", "file-7.csv", true),
      ("file-[!0-9].csv", "file-7.csv", false),
      ("?.csv", "a.csv", true),
    ])
  func matches(_ pattern: String, _ path: String, _ expected: Bool) throws {
    #expect(try Glob(pattern).matches(path) == expected)
  }

  @Test("refuses bad patterns", arguments: ["", "[abc", "a**b", "**x/y"])
  func badPatterns(_ pattern: String) {
    #expect(throws: Glob.SyntaxError.self) { try Glob(pattern) }
  }
}

@Suite struct WordParsingTests {
  func bytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    Array(text.utf8).withUnsafeBufferPointer(body)
  }

  @Test(
    "roles and statuses from bytes, as listed, in capitals and decomposed",
    arguments: [
      ("toppleder", "top_leader"), ("TEAM_LEADER", "team_leader"), ("Annen", "other"),
      ("p\u{0061}\u{030A}meldt", "enrolled"), ("Fullført", "completed"), ("ikke bestått", "failed"),
      ("PÅGÅR", "in_progress"), ("chef", "-"),
      // Each word as listed.
      ("enrolled", "enrolled"), ("påmeldt", "enrolled"), ("in_progress", "in_progress"),
      ("pågår", "in_progress"), ("completed", "completed"), ("fullført", "completed"),
      ("failed", "failed"), ("withdrawn", "withdrawn"), ("trukket", "withdrawn"),
      ("mellomleder", "middle_manager"), ("teamleder", "team_leader"), ("annen", "other"),
      ("", "-"), ("a word longer than every word listed", "-"),
    ])
  func words(text: String, expected: String) {
    let role = bytes(text) { FieldParsing.role($0) }
    let status = bytes(text) { FieldParsing.status($0) }
    #expect((role?.rawValue ?? status?.rawValue ?? "-") == expected)
  }
}
