import LoftCore

/// What validation makes of one statement: an accepted event or a reject.
package enum XAPIOutcome: Sendable, Equatable {
  /// The statement is valid: what it adds to enrolments.
  case accepted(XAPIEvent)
  /// The statement's first defect, for the rejects file.
  case rejected(Reject)
}
