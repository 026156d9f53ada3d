/// Where a record came from: the file's position in path order and the record's first line.
package struct RecordOrigin: Hashable, Comparable, Sendable {
  package var file: Int32
  package var line: Int32
  package init(file: Int32, line: Int32) {
    self.file = file
    self.line = line
  }
  package static func < (lhs: RecordOrigin, rhs: RecordOrigin) -> Bool {
    (lhs.file, lhs.line) < (rhs.file, rhs.line)
  }
}

/// One accepted assessment row: a leader's answers on one date.
package struct AssessmentRecord: Hashable, Sendable {
  /// The agency's index in the register.
  package var agency: Int32
  /// The respondent, as a number given by the agency's ingest: pseudonyms stay in ingest.
  package var respondent: Int32
  package var date: Day
  package var role: Role
  package var answers: AssessmentAnswers

  package init(
    agency: Int32, respondent: Int32, date: Day, role: Role, answers: AssessmentAnswers
  ) {
    self.agency = agency
    self.respondent = respondent
    self.date = date
    self.role = role
    self.answers = answers
  }

  /// A record whose answers are given as lists: one generation per maturity dimension, and the
  /// current and target levels per competence area, in model order; nil where not answered.
  package init(
    agency: Int32, respondent: Int32, date: Day, role: Role, maturity: [Int?], current: [Int?],
    target: [Int?]
  ) {
    precondition(current.count == target.count, "a current and a target level per area")
    var answers = AssessmentAnswers(dimensions: maturity.count, areas: current.count)
    for (dimension, value) in maturity.enumerated() { answers[maturity: dimension] = value }
    for area in current.indices {
      answers[current: area] = current[area]
      answers[target: area] = target[area]
    }
    self.init(agency: agency, respondent: respondent, date: date, role: role, answers: answers)
  }
}

/// One accepted completion event from CSV or xAPI, before folding into enrolments.
package struct CompletionRecord: Hashable, Sendable {
  package var agency: Int32
  /// The learner, as a number given by the agency's ingest.
  package var learner: Int32
  /// The course's index in the catalogue.
  package var course: Int32
  package var status: CompletionStatus
  package var enrolledOn: Day
  package var completedOn: Day?
  /// Minutes spent (CSV, cumulative), or nil when not known.
  package var minutes: Int?

  package init(
    agency: Int32, learner: Int32, course: Int32, status: CompletionStatus, enrolledOn: Day,
    completedOn: Day?, minutes: Int?
  ) {
    self.agency = agency
    self.learner = learner
    self.course = course
    self.status = status
    self.enrolledOn = enrolledOn
    self.completedOn = completedOn
    self.minutes = minutes
  }
}

/// A learner's enrolment in one course: completion records folded together.
package struct Enrolment: Hashable, Sendable {
  package var agency: Int32
  /// The learner, as a number given by the agency's fold: pseudonyms stay in ingest.
  package var learner: Int32
  package var course: Int32
  package var status: CompletionStatus
  package var enrolledOn: Day
  package var completedOn: Day?
  /// Minutes spent in all, or nil when no record said.
  package var minutes: Int?

  package init(
    agency: Int32, learner: Int32, course: Int32, status: CompletionStatus, enrolledOn: Day,
    completedOn: Day?, minutes: Int?
  ) {
    self.agency = agency
    self.learner = learner
    self.course = course
    self.status = status
    self.enrolledOn = enrolledOn
    self.completedOn = completedOn
    self.minutes = minutes
  }
}
