import CSQLite
import LoftCore

/// A compiled SQL statement: bind values, step through rows, reset to run again.
package final class SQLiteStatement {
  private let handle: OpaquePointer
  /// Kept so the connection outlives its statements.
  private let database: SQLiteDatabase

  init(_ handle: OpaquePointer, database: SQLiteDatabase) {
    self.handle = handle
    self.database = database
  }

  deinit {
    sqlite3_finalize(handle)
  }

  /// The number of columns each row has.
  package var columnCount: Int {
    Int(sqlite3_column_count(handle))
  }

  /// The names of the result columns, in order.
  package var columnNames: [String] {
    (0..<columnCount).map { String(cString: sqlite3_column_name(handle, Int32($0))) }
  }

  /// Binds `values` to the parameters `?1…?n`, resetting the statement first.
  ///
  /// The number of values must match the number of parameters.
  package func bind(_ values: [Value]) throws(SQLiteError) {
    sqlite3_reset(handle)
    let expected = Int(sqlite3_bind_parameter_count(handle))
    guard values.count == expected else {
      throw SQLiteError(
        code: SQLITE_RANGE, message: "expected \(expected) values to bind, got \(values.count)")
    }
    try bind(values, from: 1)
  }

  /// Binds `values` to the parameters `?first…`, one after another; the others keep theirs.
  ///
  /// The statement must not be running (reset it after a step).
  package func bind(_ values: [Value], from first: Int) throws(SQLiteError) {
    for (offset, value) in values.enumerated() {
      let index = Int32(first + offset)
      let status =
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let number): sqlite3_bind_int64(handle, index, number)
        case .real(let number): sqlite3_bind_double(handle, index, number)
        case .text(let text): Self.bind(text, at: index, to: handle)
        }
      guard status == SQLITE_OK else {
        throw SQLiteError(
          "could not bind parameter \(index)", code: status, connection: database.handle)
      }
    }
  }

  /// Runs the statement to its next row; true when a row is available through `column(_:)`.
  @discardableResult
  package func step() throws(SQLiteError) -> Bool {
    let status = sqlite3_step(handle)
    switch status {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw SQLiteError("could not run SQL", code: status, connection: database.handle)
    }
  }

  /// Rewinds the statement so it can run again; bound values are kept.
  package func reset() {
    // The result repeats the last step's error, which step already reported.
    sqlite3_reset(handle)
  }

  /// The value of column `index` (from 0) in the current row.
  ///
  /// A blob, which our tables never hold, is read as UTF-8 text.
  package func column(_ index: Int) -> Value {
    let column = Int32(index)
    switch sqlite3_column_type(handle, column) {
    case SQLITE_NULL:
      return .null
    case SQLITE_INTEGER:
      return .integer(sqlite3_column_int64(handle, column))
    case SQLITE_FLOAT:
      return .real(sqlite3_column_double(handle, column))
    default:
      // Ask for the text before its length, as sqlite's documentation advises.
      guard let text = sqlite3_column_text(handle, column) else { return .text("") }
      let count = Int(sqlite3_column_bytes(handle, column))
      return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
    }
  }

  /// Binds `values`, runs the statement once and resets it: one row into an INSERT.
  package func insert(_ values: [Value]) throws(SQLiteError) {
    defer { reset() }
    try bind(values)
    try step()
  }

  /// Binds text as UTF-8 that sqlite copies (SQLITE_TRANSIENT), so the Swift string may go.
  private static func bind(_ text: String, at index: Int32, to handle: OpaquePointer) -> Int32 {
    var text = text
    return text.withUTF8 { utf8 in
      // An empty string may have no address, and a null pointer would bind NULL.
      guard let base = utf8.baseAddress else {
        return sqlite3_bind_text(handle, index, "", 0, transient)
      }
      return sqlite3_bind_text(handle, index, base, Int32(utf8.count), transient)
    }
  }

  /// sqlite's marker for "copy this value now"; C's SQLITE_TRANSIENT does not import.
  private static var transient: sqlite3_destructor_type {
    unsafeBitCast(-1, to: sqlite3_destructor_type.self)
  }
}
