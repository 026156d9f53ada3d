/// Where a record came from: the file's position in path order and the record's first line.
public struct RecordOrigin: Hashable, Comparable, Sendable {
  public var file: Int32
  public var line: Int32
  public init(file: Int32, line: Int32) {
    self.file = file
    self.line = line
  }
  public static func < (lhs: RecordOrigin, rhs: RecordOrigin) -> Bool {
    (lhs.file, lhs.line) < (rhs.file, rhs.line)
  }
}

/// One accepted assessment row: a leader's answers on one date.
public struct AssessmentRecord: Hashable, Sendable {
  /// The agency's index in the register.
  public var agency: Int32
  public var respondent: String
  public var date: Day
  public var role: Role
  /// One generation per maturity dimension, in model order; nil where not answered.
  public var maturity: [Int?]
  /// Current and target level per competence area, in model order; nil where not answered.
  public var current: [Int?]
  public var target: [Int?]

  public init(
    agency: Int32, respondent: String, date: Day, role: Role, maturity: [Int?], current: [Int?],
    target: [Int?]
  ) {
    self.agency = agency
    self.respondent = respondent
    self.date = date
    self.role = role
    self.maturity = maturity
    self.current = current
    self.target = target
  }
}

/// One accepted completion event from CSV or xAPI, before folding into enrolments.
public struct CompletionRecord: Hashable, Sendable {
  public var agency: Int32
  public var learner: String
  /// The course's index in the catalogue.
  public var course: Int32
  public var status: CompletionStatus
  public var enrolledOn: Day
  public var completedOn: Day?
  /// Minutes spent (CSV, cumulative), or nil when not known.
  public var minutes: Int?

  public init(
    agency: Int32, learner: String, course: Int32, status: CompletionStatus, enrolledOn: Day,
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
public struct Enrolment: Hashable, Sendable {
  public var agency: Int32
  public var learner: String
  public var course: Int32
  public var status: CompletionStatus
  public var enrolledOn: Day
  public var completedOn: Day?
  /// Minutes spent in all, or nil when no record said.
  public var minutes: Int?

  public init(
    agency: Int32, learner: String, course: Int32, status: CompletionStatus, enrolledOn: Day,
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
