/// A value in a published table: what one SQLite column of one row holds.
public enum Value: Sendable, Hashable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)

  public static func int(_ value: Int) -> Value { .integer(Int64(value)) }
  public static func optional(_ value: Double?) -> Value { value.map(Value.real) ?? .null }
}

/// The storage type of a published column.
public enum ColumnType: String, Sendable {
  case integer = "INTEGER"
  case real = "REAL"
  case text = "TEXT"
}

/// A column of a published table, described in Norwegian and English.
public struct Column: Sendable, Equatable {
  public var name: String
  public var type: ColumnType
  /// Part of the primary key.
  public var isKey: Bool
  public var nullable: Bool
  public var nb: String
  public var en: String

  public init(
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

/// A published table: its schema, its description, and its rows in key order.
public struct Table: Sendable, Equatable {
  public var name: String
  public var nb: String
  public var en: String
  public var columns: [Column]
  public var rows: [[Value]]

  public init(name: String, nb: String, en: String, columns: [Column], rows: [[Value]] = []) {
    self.name = name
    self.nb = nb
    self.en = en
    self.columns = columns
    self.rows = rows
  }

  /// The position of a column by name.
  public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }
}
