import LoftCore

/// One accepted xAPI statement, reduced to what folding into enrolments needs.
///
/// The agency is the delivery folder's (a statement naming another is rejected).
package struct XAPIEvent: Sendable, Equatable {
  /// The statement's `id`: the same agency and `id` twice is a duplicate.
  package var id: String
  /// The learner's pseudonym, from `actor.account.name`.
  package var learner: String
  /// The course's index in the catalogue; -1 for a voiding statement, which names no course.
  package var course: Int32
  /// What the verb means for the enrolment.
  package var verb: XAPIVerb
  /// The date of `timestamp` (else `stored`), as written in its own offset.
  package var date: Day
  /// `result.duration` in milliseconds; nil when absent or not a duration Løft reads.
  package var durationMilliseconds: Int?
  /// `context.registration`, which groups statements into one enrolment; nil when absent.
  package var registration: String?
  /// For a voiding statement, the `id` of the statement it voids (its `object.id`).
  package var voidedID: String?
  /// The line where the statement starts.
  package var line: Int

  /// An event from its parts.
  package init(
    id: String, learner: String, course: Int32, verb: XAPIVerb, date: Day,
    durationMilliseconds: Int?, registration: String?, voidedID: String?, line: Int
  ) {
    self.id = id
    self.learner = learner
    self.course = course
    self.verb = verb
    self.date = date
    self.durationMilliseconds = durationMilliseconds
    self.registration = registration
    self.voidedID = voidedID
    self.line = line
  }
}
