import LoftCore

/// Why a whole xAPI delivery cannot be read; the file is quarantined.
package enum XAPIError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A statements document or top-level array that is not valid JSON.
  case badJSON(line: Int, message: String)
  /// A value nested deeper than `max_json_depth` or a string longer than `max_field_bytes`,
  /// in any form.
  case limitExceeded(line: Int, message: String)

  /// The quarantine reason to record: `bad_json` or `limit_exceeded`.
  package var reason: QuarantineReason {
    switch self {
    case .badJSON: .badJSON
    case .limitExceeded: .limitExceeded
    }
  }

  /// The line where the problem was found.
  package var line: Int {
    switch self {
    case .badJSON(let line, _), .limitExceeded(let line, _): line
    }
  }

  /// `line 3: …`, naming what was wrong.
  package var description: String {
    switch self {
    case .badJSON(let line, let message): "line \(line): not valid JSON: \(message)"
    case .limitExceeded(let line, let message): "line \(line): \(message)"
    }
  }

  init(_ error: JSONError) {
    switch error.kind {
    case .syntax: self = .badJSON(line: error.line, message: error.message)
    case .limitExceeded: self = .limitExceeded(line: error.line, message: error.message)
    }
  }
}
