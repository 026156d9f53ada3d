/// What the reader finds in a delivery: a statement to validate, or a record that is not one.
package enum XAPIItem: Sendable, Equatable {
  /// A statement's fields as read (any JSON value in a document; an object in JSON Lines), with
  /// the line where it starts: its `{` in a document, its line in JSON Lines.
  case statement(XAPIStatement, line: Int)
  /// A JSON Lines line that is not valid JSON or not an object: one `malformed_row`.
  case malformed(line: Int, message: String)
}
