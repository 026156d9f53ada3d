import CSQLite
import LoftCore

/// Builds the snapshot's SQLite database in memory: typed STRICT tables, each stored in the
/// order of its primary key (`WITHOUT ROWID`), so the same tables always give the same bytes.
package enum SnapshotDatabase {
  /// The serialized database holding every table given.
  package static func build(_ tables: [Table], threads: Int = 1) throws(SQLiteError) -> [UInt8] {
    try write(tables, threads: threads).serialize()
  }

  /// The database holding every table given, still open (serialize it in place): the
  /// `parts` put together by `assemble`.
  package static func write(_ tables: [Table], threads: Int = 1) throws(SQLiteError)
    -> SQLiteDatabase
  {
    try assemble(tables, parts: parts(tables, threads: threads))
  }

  /// Each table written into a database of its own, on whichever of `threads` workers takes
  /// it, largest first; in the order of `tables`.
  package static func parts(_ tables: [Table], threads: Int) throws(SQLiteError) -> [[UInt8]] {
    let parts = concurrentMap(tables.count, threads: threads, order: largestFirst(tables)) {
      index in
      Result { () throws(SQLiteError) in try part(tables[index]) }
    }
    return try parts.map { result throws(SQLiteError) in try result.get() }
  }

  /// The indices of `tables`, the largest (rows × columns) first: the order to hand them out.
  static func largestFirst(_ tables: [Table]) -> [Int] {
    tables.indices.sorted { a, b in
      let sizeA = tables[a].rowCount * tables[a].columns.count
      let sizeB = tables[b].rowCount * tables[b].columns.count
      return sizeA != sizeB ? sizeA > sizeB : a < b
    }
  }

  /// The snapshot put together on one thread from each table's `part`, copied over in the
  /// tables' order. SQLite copies rows between identical tables as stored records (its
  /// transfer optimisation), so this is quick, and the bytes depend only on the tables.
  package static func assemble(_ tables: [Table], parts: [[UInt8]]) throws(SQLiteError)
    -> SQLiteDatabase
  {
    let database = try empty()
    for (table, part) in zip(tables, parts) {
      try database.execute(createStatement(table))
      try database.attach(serialized: part, as: "part")
      try database.execute(
        "INSERT INTO main.\(quote(table.name)) SELECT * FROM part.\(quote(table.name))")
      try database.execute("DETACH DATABASE part")
    }
    return database
  }

  /// Rows per INSERT statement in `part`. Each run of a statement has a fixed cost (the
  /// table's cursors opened and closed, the statement begun and halted) that a batch of rows
  /// shares, and the cursors, kept open, find the end of the table without a search. The
  /// rows go in one by one in the same order either way, so the bytes are the same.
  static let rowsPerInsert = 64

  /// The bytes of a database holding `table` alone, for `assemble`: its rows inserted in key
  /// order, `rowsPerInsert` at a time (the last few by a shorter statement), in one transaction.
  /// A table without a key keeps its rows' order.
  static func part(_ table: Table) throws(SQLiteError) -> [UInt8] {
    let database = try empty()
    try database.execute("BEGIN")
    try database.execute(createStatement(table))
    let columns = table.columns.count
    let batched = table.rowCount - table.rowCount % rowsPerInsert
    let batch = try database.prepare(insertStatement(table, rows: rowsPerInsert))
    let rest = table.rowCount - batched
    let last = try rest > 0 ? database.prepare(insertStatement(table, rows: rest)) : batch
    // Appended in key order, each row goes at the end of the table's one tree: inserted in
    // another order, a 90 000-row table took a third longer to write, and twice as long to
    // copy and compress.
    let given = table.rows
    // Checked before sorting, which reads each row's key columns.
    if let short = given.first(where: { $0.count != columns }) {
      // As binding a row of the wrong length on its own would give.
      throw SQLiteError(
        code: SQLITE_RANGE,
        message: "a row of \(table.name) has \(short.count) values, not \(columns)")
    }
    let keys = table.columns.indices.filter { table.columns[$0].isKey }
    let rows = keys.isEmpty ? given : KeyOrder.sorted(given, keys: keys)
    // Each row is bound where it goes in its statement; the statement runs once it is full.
    for (index, row) in rows.enumerated() {
      let inBatch = index < batched
      let position = inBatch ? index % rowsPerInsert : index - batched
      let statement = inBatch ? batch : last
      try statement.bind(row, from: position * columns + 1)
      if inBatch ? position == rowsPerInsert - 1 : index == table.rowCount - 1 {
        try statement.step()
        statement.reset()
      }
    }
    try database.execute("COMMIT")
    return try database.serialize()
  }

  /// `INSERT INTO table VALUES (?, …), …` for `rows` rows.
  static func insertStatement(_ table: Table, rows: Int) -> String {
    let row = "(" + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
    let values = Array(repeating: row, count: rows).joined(separator: ", ")
    return "INSERT INTO \(quote(table.name)) VALUES \(values)"
  }

  /// An empty database with fixed settings: the bytes must not depend on the library's defaults.
  private static func empty() throws(SQLiteError) -> SQLiteDatabase {
    // Made by deserializing nothing, so its pages can later be read in place.
    let database = try SQLiteDatabase(deserializing: [], readOnly: false)
    try database.execute(
      "PRAGMA page_size = 4096; PRAGMA encoding = 'UTF-8'; PRAGMA journal_mode = OFF;")
    return database
  }

  /// `CREATE TABLE … STRICT, WITHOUT ROWID` with the key columns as primary key; a table
  /// without a key is an ordinary (rowid) table.
  static func createStatement(_ table: Table) -> String {
    var parts = table.columns.map { column in
      "\(quote(column.name)) \(column.type.rawValue)\(column.nullable ? "" : " NOT NULL")"
    }
    let keys = table.columns.filter(\.isKey).map { quote($0.name) }
    guard !keys.isEmpty else {
      return "CREATE TABLE \(quote(table.name)) (\(parts.joined(separator: ", "))) STRICT"
    }
    parts.append("PRIMARY KEY (\(keys.joined(separator: ", ")))")
    return
      "CREATE TABLE \(quote(table.name)) (\(parts.joined(separator: ", "))) STRICT, WITHOUT ROWID"
  }

  /// An SQL identifier in double quotes (`table` is a keyword).
  static func quote(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
