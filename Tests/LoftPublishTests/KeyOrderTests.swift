import LoftCore
import Testing

@testable import LoftPublish

@Suite struct KeyOrderTests {
  @Test("compares values as SQLite does: NULL, numbers, text by its bytes")
  func values() {
    let ascending: [Value] = [
      .null, .integer(-3), .real(-2.5), .integer(0), .real(0.5), .integer(1), .real(1e300),
      .text(""), .text("Z"), .text("a"), .text("ab"), .text("b"), .text("z"), .text("Å"),
      .text("å"),
    ]
    for (i, a) in ascending.enumerated() {
      for (j, b) in ascending.enumerated() {
        let expected: KeyOrder.Comparison = i < j ? .less : i == j ? .equal : .greater
        #expect(KeyOrder.compare(a, b) == expected, "\(a) against \(b)")
      }
    }
    #expect(KeyOrder.compare(.integer(2), .real(2)) == .equal)
  }

  @Test("sorts rows by their key columns, whatever order the rows and values come in")
  func rows() {
    // Groups repeat, values recur far apart, and the key's second column is not the table's
    // second column.
    let periods = ["2025", "2024", "2025-H1"]
    let groups = ["sector", "agency", "county", "national"]
    let items = ["item 10", "item 2", "item 1", "Item 3", "ø"]
    var rows: [[Value]] = []
    for period in periods {
      for group in groups {
        for (n, item) in items.enumerated() {
          rows.append([.text(period), .integer(Int64(n)), .text(item), .text(group)])
        }
      }
    }
    let keys = [0, 3, 2]
    let sorted = KeyOrder.sorted(rows, keys: keys)
    let expected = rows.sorted { a, b in
      let left = keys.map { a[$0].bytes }
      let right = keys.map { b[$0].bytes }
      return left.lexicographicallyPrecedes(right) { $0.lexicographicallyPrecedes($1) }
    }
    #expect(sorted == expected)
    #expect(sorted.first == [.text("2024"), .integer(3), .text("Item 3"), .text("agency")])
    #expect(sorted.last == [.text("2025-H1"), .integer(4), .text("ø"), .text("sector")])
    #expect(KeyOrder.sorted(rows.reversed(), keys: keys) == expected)
    #expect(KeyOrder.sorted([], keys: keys).isEmpty)
  }

  @Test("sorts a key column of many distinct values, recurring far apart, as of few")
  func manyValues() {
    // 40 courses after 3 groups (more than are looked through one by one), numbers among them,
    // each course recurring once per group.
    let courses: [Value] = (0..<40).map {
      $0 % 7 == 0 ? .integer(Int64(40 - $0)) : .text("C\(($0 * 17) % 40)")
    }
    var rows: [[Value]] = []
    for group in ["b", "a", "c"] {
      for course in courses { rows.append([.text(group), course]) }
    }
    let sorted = KeyOrder.sorted(rows, keys: [1, 0])
    let expected = rows.sorted { a, b in
      let first = KeyOrder.compare(a[1], b[1])
      return first != .equal ? first == .less : KeyOrder.compare(a[0], b[0]) == .less
    }
    #expect(sorted == expected)
    #expect(sorted.first == [.text("a"), .integer(5)])
    #expect(sorted.last == [.text("c"), .text("C9")])
  }
}

extension Value {
  /// A text value's UTF-8 bytes, for comparing as SQLite's BINARY collation does.
  fileprivate var bytes: [UInt8] {
    if case .text(let text) = self { return Array(text.utf8) }
    return []
  }
}
