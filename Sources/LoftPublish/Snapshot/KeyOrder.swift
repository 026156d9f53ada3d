import LoftCore

/// The order SQLite keeps a `WITHOUT ROWID` table in: by its primary key, column by column,
/// each compared as SQLite compares values (NULL, then numbers, then text by its UTF-8 bytes —
/// the BINARY collation —, then blobs). Rows handed to SQLite in this order are appended at
/// the end of the table's tree instead of searched into it.
enum KeyOrder {
  /// `rows` sorted by the values at `keys`.
  ///
  /// A key column holds few distinct values (periods, groupings, group keys, items), so each
  /// value is replaced by its rank among them and the rows are sorted by these integers: a
  /// 55 000-row table took about 0.1 s to sort by comparing its strings, again and again.
  static func sorted(_ rows: [[Value]], keys: [Int]) -> [[Value]] {
    let width = keys.count
    // Row by row: the ranks of its key's values, in key order.
    var ranks = [Int32](repeating: 0, count: rows.count * width)
    for (column, key) in keys.enumerated() {
      var seen: [Value: Int32] = [:]
      var distinct: [Value] = []
      var previous: (value: Value, number: Int32)?
      for (index, row) in rows.enumerated() {
        let value = row[key]
        let number: Int32
        // Rows come grouped, so a value is most often the one just above it; else it is mostly
        // one of a few (dimensions, stages), found sooner by looking through them than by hashing.
        if let previous, previous.value == value {
          number = previous.number
        } else if let known = distinct.count <= 16
          ? distinct.firstIndex(of: value).map(Int32.init) : seen[value]
        {
          number = known
        } else {
          number = Int32(distinct.count)
          seen[value] = number
          distinct.append(value)
        }
        ranks[index * width + column] = number
        previous = (value, number)
      }
      // Numbered in order of appearance so far; renumbered by their order.
      var rank = [Int32](repeating: 0, count: distinct.count)
      let byOrder = distinct.indices.sorted { compare(distinct[$0], distinct[$1]) == .less }
      for (position, number) in byOrder.enumerated() { rank[number] = Int32(position) }
      for index in rows.indices {
        ranks[index * width + column] = rank[Int(ranks[index * width + column])]
      }
    }
    let order = rows.indices.sorted { a, b in
      for column in 0..<width where ranks[a * width + column] != ranks[b * width + column] {
        return ranks[a * width + column] < ranks[b * width + column]
      }
      return a < b
    }
    return order.map { rows[$0] }
  }

  enum Comparison { case less, equal, greater }

  static func compare(_ a: Value, _ b: Value) -> Comparison {
    switch (a, b) {
    case (.null, .null): return .equal
    case (.integer(let x), .integer(let y)): return x < y ? .less : x == y ? .equal : .greater
    case (.real(let x), .real(let y)): return x < y ? .less : x == y ? .equal : .greater
    case (.integer(let x), .real(let y)):
      return Double(x) < y ? .less : Double(x) == y ? .equal : .greater
    case (.real(let x), .integer(let y)):
      return x < Double(y) ? .less : x == Double(y) ? .equal : .greater
    case (.text(let x), .text(let y)): return compare(x, y)
    default: return rank(a) < rank(b) ? .less : .greater
    }
  }

  /// Text by its UTF-8 bytes, a prefix first.
  private static func compare(_ a: String, _ b: String) -> Comparison {
    var a = a
    var b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in
        for (p, q) in zip(x, y) where p != q { return p < q ? .less : .greater }
        return x.count < y.count ? .less : x.count == y.count ? .equal : .greater
      }
    }
  }

  /// SQLite's order of storage classes.
  private static func rank(_ value: Value) -> Int {
    switch value {
    case .null: 0
    case .integer, .real: 1
    case .text: 2
    }
  }
}
