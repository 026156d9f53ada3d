/// Why a JSON text could not be read: invalid JSON or a limit exceeded, at a line.
package struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Whether the text is invalid or merely too large or deep.
  package enum Kind: Sendable, Equatable {
    /// Not valid RFC 8259 JSON.
    case syntax
    /// Valid so far, but past `max_json_depth` or `max_field_bytes`.
    case limitExceeded
  }

  /// Whether the text is invalid or over a limit.
  package var kind: Kind
  /// The physical line (counted from 1) where the problem was found.
  package var line: Int
  /// What is wrong, without the line.
  package var message: String

  /// An error of a kind, at a line.
  package init(_ kind: Kind, line: Int, _ message: String) {
    self.kind = kind
    self.line = line
    self.message = message
  }

  /// `line 3: …`.
  package var description: String { "line \(line): \(message)" }
}
