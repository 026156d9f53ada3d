/// Why the text layer gave up on a file: it is quarantined with the matching reason.
package enum TextError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The bytes are not text in the expected encoding (`bad_encoding`); says what and where.
  case badEncoding(String)
  /// A field or a record is over a limit from `CSVLimits` (`limit_exceeded`); says which and
  /// at which line, e.g. `field longer than 1 MiB at line 12`.
  case limitExceeded(String)

  /// The stable quarantine reason: `bad_encoding` or `limit_exceeded`.
  package var reason: String {
    switch self {
    case .badEncoding: "bad_encoding"
    case .limitExceeded: "limit_exceeded"
    }
  }

  /// The message, without the reason code.
  package var message: String {
    switch self {
    case .badEncoding(let message), .limitExceeded(let message): message
    }
  }

  /// `reason: message`.
  package var description: String { "\(reason): \(message)" }
}
