import CSQLite
import LoftCore

/// An SQLite connection to a database held in memory, wrapped once for our modules.
///
/// Snapshots are built in memory and written out with `serialize()`; published snapshots are
/// read back with `init(deserializing:readOnly:)`. Not `Sendable`: one thread at a time uses
/// a connection, so it is opened without SQLite's own mutex.
package final class SQLiteDatabase {
  /// The sqlite3 connection; closed in deinit.
  let handle: OpaquePointer

  /// A new, empty database in memory.
  package static func inMemory() throws(SQLiteError) -> SQLiteDatabase {
    try SQLiteDatabase(handle: open())
  }

  /// A database in memory holding a copy of `bytes`, the contents of an SQLite file.
  ///
  /// With `readOnly`, any attempt to change it fails with an `SQLiteError`. Bytes that are
  /// not an SQLite database fail here, with sqlite's "file is not a database".
  package convenience init(deserializing bytes: [UInt8], readOnly: Bool) throws(SQLiteError) {
    try self.init(handle: Self.open())
    try load(bytes, into: "main", readOnly: readOnly)
    if readOnly {
      try execute("PRAGMA query_only = 1")
    }
    // Reading the schema checks the header now rather than at the first query.
    _ = try query("SELECT count(*) FROM sqlite_schema")
  }

  /// Attaches a read-only copy of `bytes`, the contents of an SQLite file, as schema `name`.
  package func attach(serialized bytes: [UInt8], as name: String) throws(SQLiteError) {
    try execute("ATTACH DATABASE ':memory:' AS \(name)")
    try load(bytes, into: name, readOnly: true)
  }

  /// Replaces the database of schema `name` with a copy of `bytes`.
  private func load(_ bytes: [UInt8], into name: String, readOnly: Bool) throws(SQLiteError) {
    // sqlite owns and frees this copy (FREEONCLOSE), even when deserializing fails.
    guard let copy = sqlite3_malloc64(UInt64(max(bytes.count, 1))) else {
      throw SQLiteError(code: SQLITE_NOMEM, message: "no memory for \(bytes.count) bytes")
    }
    bytes.withUnsafeBytes { source in
      if let base = source.baseAddress { copy.copyMemory(from: base, byteCount: source.count) }
    }
    var flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE)
    // A writable copy may grow; a read-only one is refused writes by the pager itself.
    flags |= UInt32(readOnly ? SQLITE_DESERIALIZE_READONLY : SQLITE_DESERIALIZE_RESIZEABLE)
    let size = Int64(bytes.count)
    let status = sqlite3_deserialize(
      handle, name, copy.assumingMemoryBound(to: UInt8.self), size, size, flags)
    guard status == SQLITE_OK else {
      throw SQLiteError("could not load the database", code: status, connection: handle)
    }
  }

  private init(handle: OpaquePointer) {
    self.handle = handle
  }

  deinit {
    sqlite3_close_v2(handle)
  }

  /// The version of the linked SQLite library, e.g. "3.40.1".
  package static var versionString: String {
    String(cString: sqlite3_libversion())
  }

  /// Runs one or more SQL statements separated by semicolons, ignoring any rows they return.
  package func execute(_ sql: String) throws(SQLiteError) {
    let status = sqlite3_exec(handle, sql, nil, nil, nil)
    guard status == SQLITE_OK else {
      throw SQLiteError("could not execute SQL", code: status, connection: handle)
    }
  }

  /// Compiles one SQL statement for binding and stepping.
  package func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
    guard status == SQLITE_OK else {
      throw SQLiteError("could not prepare SQL", code: status, connection: handle)
    }
    guard let statement else {
      throw SQLiteError(code: SQLITE_MISUSE, message: "could not prepare SQL: no statement")
    }
    return SQLiteStatement(statement, database: self)
  }

  /// Runs one SQL statement and returns its column names and every row.
  package func query(_ sql: String) throws(SQLiteError) -> (columns: [String], rows: [[Value]]) {
    let statement = try prepare(sql)
    let columns = statement.columnNames
    var rows: [[Value]] = []
    while try statement.step() {
      rows.append((0..<columns.count).map { statement.column($0) })
    }
    return (columns, rows)
  }

  /// The database as the bytes of an SQLite file.
  package func serialize() throws(SQLiteError) -> [UInt8] {
    var size: Int64 = 0
    guard let data = sqlite3_serialize(handle, "main", &size, 0) else {
      // A database with no pages yet serializes to nothing.
      if size == 0 && sqlite3_errcode(handle) == SQLITE_OK { return [] }
      throw SQLiteError(code: SQLITE_NOMEM, message: "could not serialize the database")
    }
    defer { sqlite3_free(data) }
    return Array(UnsafeBufferPointer(start: data, count: Int(size)))
  }

  /// Calls `body` with the database's bytes; for a database made by deserializing, in place
  /// (no copy of what may be tens of megabytes), else through `serialize()`.
  package func withSerializedBytes<R>(
    _ body: (UnsafeRawBufferPointer) throws -> R
  ) throws -> R {
    var size: Int64 = 0
    if let data = sqlite3_serialize(handle, "main", &size, UInt32(SQLITE_SERIALIZE_NOCOPY)) {
      return try body(UnsafeRawBufferPointer(start: data, count: Int(size)))
    }
    let bytes = try serialize()
    return try bytes.withUnsafeBytes(body)
  }

  /// Turns sqlite's memory statistics off, once, before the first connection: they put a
  /// global lock around every allocation, which serialised the snapshot's tables written on
  /// several threads. (Fails harmlessly if sqlite was already in use.)
  private static let configured: Bool = {
    loft_sqlite3_disable_memory_statistics() == SQLITE_OK
  }()

  /// A new connection to an empty in-memory database.
  private static func open() throws(SQLiteError) -> OpaquePointer {
    _ = configured
    var handle: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let status = sqlite3_open_v2(":memory:", &handle, flags, nil)
    guard status == SQLITE_OK, let handle else {
      let error = SQLiteError("could not open a database", code: status, connection: handle)
      sqlite3_close_v2(handle)
      throw error
    }
    return handle
  }
}
