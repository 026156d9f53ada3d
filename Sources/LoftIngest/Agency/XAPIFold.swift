import LoftCore

/// Folds an agency's accepted xAPI statements into enrolments.
///
/// Voiding removes the statement it names first (a voided id that is absent removes nothing);
/// then statements with the same learner, course and registration — without one, the same
/// calendar year — form one enrolment.
enum XAPIFold {
  private struct Fold {
    var status: CompletionStatus?
    var enrolledOn: Day
    var completedOn: Day?
    var milliseconds = 0
    var hasDuration = false

    /// Takes one more statement of the enrolment, whose verb means `status` (or nothing).
    mutating func add(_ statement: XAPIEvent, status: CompletionStatus?) {
      enrolledOn = min(enrolledOn, statement.date)
      if let status { self.status = max(self.status ?? status, status) }
      if status == .completed { completedOn = earliest(completedOn, statement.date) }
      if let milliseconds = statement.durationMilliseconds {
        self.milliseconds += milliseconds
        hasDuration = true
      }
    }
  }

  /// The statements left once voiding statements have removed what they name, without the
  /// voiding statements themselves.
  static func unvoided(_ statements: [XAPIEvent]) -> [XAPIEvent] {
    let voided = voidedIDs(statements)
    return statements.filter { !isRemoved($0, voided: voided) }
  }

  /// The ids that voiding statements name.
  private static func voidedIDs(_ statements: [XAPIEvent]) -> Set<String> {
    Set(statements.lazy.filter { $0.verb == .voided }.compactMap(\.voidedID))
  }

  /// Whether a statement is a voiding one, or one that a voiding statement names.
  private static func isRemoved(_ statement: XAPIEvent, voided: Set<String>) -> Bool {
    statement.verb == .voided || (!voided.isEmpty && voided.contains(statement.id))
  }

  /// The enrolments of an agency's statements; `learners` numbers the learner pseudonyms.
  static func enrolments(
    _ statements: [XAPIEvent], agency: Int32, learners: inout ByteInterner
  ) -> [Enrolment] {
    // The statements are read where they are, not copied: each holds four strings.
    let voided = voidedIDs(statements)
    var registrations = ByteInterner()
    // An enrolment is the learner, the course, and the registration's number (from 0) — or,
    // without one, the calendar year of the statement, as minus the year (years are 1–9999).
    var numbers = EnrolmentMap(capacity: statements.count / 2)
    var folds: [(key: EnrolmentMap.Key, fold: Fold)] = []
    for statement in statements where !isRemoved(statement, voided: voided) {
      let key = EnrolmentMap.Key(
        learner: learners.number(statement.learner), course: statement.course,
        instance: statement.registration.map { registrations.number($0) }
          ?? -Int32(statement.date.civil.year))
      let (number, added) = numbers.number(of: key, orAdding: Int32(folds.count))
      if added { folds.append((key, Fold(status: nil, enrolledOn: statement.date))) }
      let status: CompletionStatus? =
        switch statement.verb {
        case .completed: .completed
        case .failed: .failed
        case .enrolled: .enrolled
        case .other, .voided: nil
        }
      folds[Int(number)].fold.add(statement, status: status)
    }
    return folds.map { key, fold in
      Enrolment(
        agency: agency, learner: key.learner, course: key.course, status: fold.status ?? .enrolled,
        enrolledOn: fold.enrolledOn, completedOn: fold.completedOn,
        // Seconds summed, then minutes rounded half up.
        minutes: fold.hasDuration ? (fold.milliseconds + 30_000) / 60_000 : nil)
    }
  }
}
