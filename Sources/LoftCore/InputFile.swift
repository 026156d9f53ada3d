/// What became of one file under the inbox: a row of the snapshot's `_inputs`.
package struct InputFile: Sendable, Equatable, Codable {
  /// `read`, `quarantined`, `duplicate_file` or `unmatched`.
  package enum Status: String, Sendable, Codable {
    case read, quarantined
    case duplicateFile = "duplicate_file"
    case unmatched
  }

  /// The path relative to the inbox.
  package var path: String
  package var sha256: String?
  package var bytes: Int
  package var kind: String?
  package var format: String?
  /// The dialect read, e.g. `csv;windows-1252;crlf;semicolon`.
  package var dialect: String?
  package var status: Status
  /// The quarantine reason, when quarantined.
  package var reason: QuarantineReason?
  /// What exactly was wrong with a quarantined file (never a raw value).
  package var detail: String?
  package var rowsRead = 0
  package var rowsAccepted = 0
  package var rowsRejected = 0
  package var rowsDuplicate = 0
  /// Header names that map to no canonical column.
  package var unknownColumns: [String] = []

  package init(path: String, bytes: Int, status: Status) {
    self.path = path
    self.bytes = bytes
    self.status = status
  }

  /// Sets the file aside for a reason; nothing of it is counted but what was read.
  package mutating func quarantine(_ reason: QuarantineReason, _ detail: String) {
    status = .quarantined
    self.reason = reason
    self.detail = detail
    rowsRead = 0
    rowsAccepted = 0
    rowsRejected = 0
    rowsDuplicate = 0
  }
}
