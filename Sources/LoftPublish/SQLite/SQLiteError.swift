import CSQLite

/// A failed SQLite call: sqlite's result code and its own explanation.
package struct SQLiteError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The primary result code, e.g. `SQLITE_READONLY` (8) or `SQLITE_ERROR` (1).
  package var code: Int32
  /// sqlite's message, e.g. "attempt to write a readonly database", after what we were doing.
  package var message: String

  /// An error with a result code and a message.
  package init(code: Int32, message: String) {
    self.code = code
    self.message = message
  }

  /// The error last reported on `connection`, prefixed with what was being done.
  init(_ doing: String, code: Int32, connection: OpaquePointer?) {
    let detail =
      connection.map { String(cString: sqlite3_errmsg($0)) }
      ?? String(cString: sqlite3_errstr(code))
    self.init(code: code & 0xff, message: "\(doing): \(detail)")
  }

  /// One line: what failed, sqlite's explanation and the result code.
  package var description: String {
    "\(message) (SQLite result code \(code))"
  }
}
