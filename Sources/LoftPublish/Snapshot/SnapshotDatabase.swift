import LoftCore

/// Builds the snapshot's SQLite database in memory: typed STRICT tables with primary keys,
/// rows inserted in key order, so the same tables always give the same bytes.
package enum SnapshotDatabase {
  /// The serialized database holding every table given.
  package static func build(_ tables: [Table]) throws(SQLiteError) -> [UInt8] {
    try write(tables).serialize()
  }

  /// The database holding every table given, still open (serialize it in place).
  package static func write(_ tables: [Table]) throws(SQLiteError) -> SQLiteDatabase {
    // Made by deserializing nothing, so its pages can later be read in place.
    let database = try SQLiteDatabase(deserializing: [], readOnly: false)
    // Fixed settings: the bytes must not depend on the library's defaults.
    try database.execute(
      "PRAGMA page_size = 4096; PRAGMA encoding = 'UTF-8'; PRAGMA journal_mode = OFF;")
    try database.execute("BEGIN")
    for table in tables {
      try database.execute(createStatement(table))
      let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
      let insert = try database.prepare(
        "INSERT INTO \(quote(table.name)) VALUES (\(placeholders))")
      do {
        try table.forEachRow { try insert.insert($0) }
      } catch let error as SQLiteError {
        throw error
      } catch {
        throw SQLiteError(code: 1, message: "\(error)")
      }
    }
    // Indexes after the rows: built from sorted keys they are filled densely, where inserting
    // row by row into them splits pages at random (a third of the file, and slow).
    for table in tables {
      for statement in indexStatements(table) { try database.execute(statement) }
    }
    try database.execute("COMMIT")
    return database
  }

  /// `CREATE TABLE … STRICT` with the key columns as primary key.
  static func createStatement(_ table: Table) -> String {
    var parts = table.columns.map { column in
      "\(quote(column.name)) \(column.type.rawValue)\(column.nullable ? "" : " NOT NULL")"
    }
    let keys = table.columns.filter(\.isKey).map { quote($0.name) }
    if !keys.isEmpty { parts.append("PRIMARY KEY (\(keys.joined(separator: ", ")))") }
    return "CREATE TABLE \(quote(table.name)) (\(parts.joined(separator: ", "))) STRICT"
  }

  /// An index on each key column after the first, so any key column can be filtered fast.
  static func indexStatements(_ table: Table) -> [String] {
    let keys = table.columns.filter(\.isKey)
    guard keys.count > 1 else { return [] }
    return keys.dropFirst().map { column in
      "CREATE INDEX \(quote("\(table.name)_\(column.name)")) ON \(quote(table.name)) (\(quote(column.name)))"
    }
  }

  /// An SQL identifier in double quotes (`table` is a keyword).
  static func quote(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
