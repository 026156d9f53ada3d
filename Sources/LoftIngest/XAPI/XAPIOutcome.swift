import LoftCore

/// What validation makes of one statement: an accepted event or a reject.
package enum XAPIOutcome: Sendable, Equatable {
  case accepted(XAPIEvent)
  case rejected(Reject)
}
