/// Why one record was rejected: a stable identifier, as written in the rejects file.
package enum RejectReason: String, Sendable, CaseIterable, Comparable, Codable {
  case malformedRow = "malformed_row"
  case missingRequired = "missing_required"
  case badOrgNumber = "bad_org_number"
  case unknownOrg = "unknown_org"
  case orgMismatch = "org_mismatch"
  case badDate = "bad_date"
  case futureDate = "future_date"
  case outOfRange = "out_of_range"
  case noAnswers = "no_answers"
  case unknownCourse = "unknown_course"
  case badStatus = "bad_status"
  case completionBeforeEnrolment = "completion_before_enrolment"

  package static func < (lhs: RejectReason, rhs: RejectReason) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// Why a whole file was set aside: a stable identifier, as written in `_inputs.reason`.
package enum QuarantineReason: String, Sendable, CaseIterable, Codable {
  case unsupportedCompression = "unsupported_compression"
  case corruptCompression = "corrupt_compression"
  case badEncoding = "bad_encoding"
  case noHeader = "no_header"
  case missingColumn = "missing_column"
  case ambiguousColumn = "ambiguous_column"
  case badJSON = "bad_json"
  case unknownAgencyFolder = "unknown_agency_folder"
  case unreadable
  case limitExceeded = "limit_exceeded"
  case notARegularFile = "not_a_regular_file"
  case changedDuringRead = "changed_during_read"
  case rejectRate = "reject_rate"
}

/// A rejected record: where it is, which column, why, and a message naming the value.
package struct Reject: Error, Sendable, Equatable, Codable {
  /// The file, relative to the inbox.
  package var file: String
  package var line: Int
  /// The canonical column, or empty when the whole record is at fault.
  package var column: String
  package var reason: RejectReason
  package var message: String

  package init(file: String, line: Int, column: String, reason: RejectReason, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.reason = reason
    self.message = message
  }
}
