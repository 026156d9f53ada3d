import LoftCore

/// `loft diff`: per table, the rows added, removed and changed between two snapshots, keyed by
/// each table's primary key, and the largest numeric changes.
package struct SnapshotDiff {
  package struct TableChange: Sendable {
    package var table: String
    package var added = 0
    package var removed = 0
    package var changed = 0
    /// The largest absolute changes: key, column, before, after.
    package var largest: [(key: String, column: String, before: Double, after: Double)] = []
  }

  package var tables: [TableChange] = []
  /// Tables that exist in only one snapshot.
  package var onlyInA: [String] = []
  package var onlyInB: [String] = []

  package init(_ a: SQLiteDatabase, _ b: SQLiteDatabase) throws(SQLiteError) {
    let namesA = try Self.tableNames(a)
    let namesB = try Self.tableNames(b)
    onlyInA = namesA.filter { !namesB.contains($0) }
    onlyInB = namesB.filter { !namesA.contains($0) }
    for name in namesA where namesB.contains(name) {
      tables.append(try Self.compare(name, a, b))
    }
  }

  static func tableNames(_ database: SQLiteDatabase) throws(SQLiteError) -> [String] {
    try database.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").rows
      .compactMap {
        if case .text(let name) = $0[0] { return name } else { return nil }
      }
  }

  static func compare(_ name: String, _ a: SQLiteDatabase, _ b: SQLiteDatabase) throws(SQLiteError)
    -> TableChange
  {
    let quoted = "\"" + name + "\""
    let info = try a.query("SELECT name, pk FROM pragma_table_info('\(name)') ORDER BY cid")
    let columns = info.rows.map { row -> String in
      if case .text(let column) = row[0] { return column } else { return "" }
    }
    let keyPositions = info.rows.enumerated().compactMap { index, row -> Int? in
      if case .integer(let pk) = row[1], pk > 0 { return index } else { return nil }
    }
    func load(_ database: SQLiteDatabase) throws(SQLiteError) -> [String: [Value]] {
      var rows: [String: [Value]] = [:]
      for row in try database.query("SELECT * FROM \(quoted)").rows {
        let key = (keyPositions.isEmpty ? Array(row.indices) : keyPositions).map {
          describe(row[$0])
        }.joined(separator: " | ")
        rows[key] = row
      }
      return rows
    }
    let before = try load(a)
    let after = try load(b)
    var change = TableChange(table: name)
    var deltas: [(key: String, column: String, before: Double, after: Double)] = []
    for (key, row) in after {
      guard let old = before[key] else {
        change.added += 1
        continue
      }
      if old != row {
        change.changed += 1
        for index in row.indices where old.count == row.count && old[index] != row[index] {
          if let x = number(old[index]), let y = number(row[index]) {
            deltas.append((key, columns[index], x, y))
          }
        }
      }
    }
    change.removed = before.keys.filter { after[$0] == nil }.count
    change.largest = Array(
      deltas.sorted {
        abs($0.after - $0.before) > abs($1.after - $1.before)
          || (abs($0.after - $0.before) == abs($1.after - $1.before) && $0.key < $1.key)
      }
      .prefix(5))
    return change
  }

  static func number(_ value: Value) -> Double? {
    switch value {
    case .integer(let number): Double(number)
    case .real(let number): number
    default: nil
    }
  }

  static func describe(_ value: Value) -> String {
    switch value {
    case .null: "NULL"
    case .integer(let number): String(number)
    case .real(let number): String(number)
    case .text(let text): text
    }
  }

  /// The comparison as text, a table per line.
  package func text() -> String {
    var lines: [String] = []
    for table in tables {
      lines.append(
        "\(table.table): \(table.added) added, \(table.removed) removed, \(table.changed) changed")
      for delta in table.largest {
        lines.append("  \(delta.key) \(delta.column): \(delta.before) → \(delta.after)")
      }
    }
    for name in onlyInA { lines.append("\(name): only in the first snapshot") }
    for name in onlyInB { lines.append("\(name): only in the second snapshot") }
    return lines.joined(separator: "\n") + "\n"
  }
}
