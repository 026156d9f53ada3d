import LoftCore

/// Folds an agency's accepted xAPI statements into enrolments.
///
/// Voiding removes the statement it names first (a voided id that is absent removes nothing);
/// then statements with the same learner, course and registration — without one, the same
/// calendar year — form one enrolment.
enum XAPIFold {
  private struct Key: Hashable {
    var learner: Int32
    var course: Int32
    var registration: String
  }

  private struct Fold {
    var status: CompletionStatus?
    var enrolledOn: Day
    var completedOn: Day?
    var milliseconds = 0
    var hasDuration = false
  }

  /// The statements left once voiding statements have removed what they name, without the
  /// voiding statements themselves.
  static func unvoided(_ statements: [XAPIEvent]) -> [XAPIEvent] {
    let voided = Set(statements.compactMap { $0.verb == .voided ? $0.voidedID : nil })
    return statements.filter { $0.verb != .voided && !voided.contains($0.id) }
  }

  /// The enrolments of an agency's statements; `learners` numbers the learner pseudonyms.
  static func enrolments(
    _ statements: [XAPIEvent], agency: Int32, learners: inout ByteInterner
  ) -> [Enrolment] {
    var folds: [Key: Fold] = [:]
    for statement in unvoided(statements) {
      let registration =
        statement.registration.map { "r:" + $0 } ?? "y:\(statement.date.civil.year)"
      let key = Key(
        learner: learners.number(statement.learner), course: statement.course,
        registration: registration)
      var fold = folds[key] ?? Fold(status: nil, enrolledOn: statement.date)
      fold.enrolledOn = min(fold.enrolledOn, statement.date)
      let status: CompletionStatus? =
        switch statement.verb {
        case .completed: .completed
        case .failed: .failed
        case .enrolled: .enrolled
        case .other, .voided: nil
        }
      if let status { fold.status = max(fold.status ?? status, status) }
      if status == .completed { fold.completedOn = earliest(fold.completedOn, statement.date) }
      if let milliseconds = statement.durationMilliseconds {
        fold.milliseconds += milliseconds
        fold.hasDuration = true
      }
      folds[key] = fold
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
