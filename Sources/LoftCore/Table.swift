/// A value in a published table: what one SQLite column of one row holds.
package enum Value: Sendable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)

  package static func int(_ value: Int) -> Value { .integer(Int64(value)) }
  package static func optional(_ value: Double?) -> Value { value.map(Value.real) ?? .null }
}

/// The storage type of a published column.
package enum ColumnType: String, Sendable {
  case integer = "INTEGER"
  case real = "REAL"
  case text = "TEXT"
}

/// A column of a published table, described in Norwegian and English.
package struct Column: Sendable, Equatable {
  package var name: String
  package var type: ColumnType
  /// Part of the primary key.
  package var isKey: Bool
  package var nullable: Bool
  package var nb: String
  package var en: String

  package init(
    _ name: String, _ type: ColumnType, key: Bool = false, nullable: Bool = false, nb: String,
    en: String
  ) {
    self.name = name
    self.type = type
    self.isKey = key
    self.nullable = nullable
    self.nb = nb
    self.en = en
  }
}

/// A published table: its schema, its description, and its rows (the snapshot stores them in
/// key order).
///
/// Rows may be given as values, or made on demand from the statistics they show, so that a
/// snapshot never holds its tables twice.
package struct Table: Sendable {
  package var name: String
  package var nb: String
  package var en: String
  package var columns: [Column]
  /// How many rows the table has.
  package private(set) var rowCount: Int
  private var row: @Sendable (Int) -> [Value]

  /// A table whose rows are given.
  package init(name: String, nb: String, en: String, columns: [Column], rows: [[Value]] = []) {
    self.name = name
    self.nb = nb
    self.en = en
    self.columns = columns
    self.rowCount = rows.count
    self.row = { rows[$0] }
  }

  /// A table whose rows are made one at a time when read.
  package init(
    name: String, nb: String, en: String, columns: [Column], rowCount: Int,
    row: @escaping @Sendable (Int) -> [Value]
  ) {
    self.name = name
    self.nb = nb
    self.en = en
    self.columns = columns
    self.rowCount = rowCount
    self.row = row
  }

  /// The same schema with other rows.
  package func withRows(count: Int, _ row: @escaping @Sendable (Int) -> [Value]) -> Table {
    Table(name: name, nb: nb, en: en, columns: columns, rowCount: count, row: row)
  }

  /// Calls `body` with every row, in order, making each only for the call.
  package func forEachRow(_ body: ([Value]) throws -> Void) rethrows {
    for index in 0..<rowCount { try body(row(index)) }
  }

  /// Every row (made all at once: for tests and small tables).
  package var rows: [[Value]] { (0..<rowCount).map(row) }

  /// The position of a column by name.
  package func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }
}
