import LoftCore

/// The exact state of one agency's completions in one period.
package struct CompletionCell: Sendable, Equatable {
  /// Per course index: its learners, completers, days to complete and minutes.
  package var courses: [Int32: CourseState] = [:]
  /// Distinct learners with an enrolment in the period (any course).
  package var learners = 0
  /// Of them, those with at least one completed course.
  package var completers = 0

  package init() {}

  package mutating func merge(_ other: CompletionCell) {
    for (course, state) in other.courses { courses[course, default: CourseState()].merge(state) }
    learners += other.learners
    completers += other.completers
  }
}

/// Exact sums behind one course-completion cell.
package struct CourseState: Sendable, Equatable {
  /// Distinct learners with an enrolment in the course.
  package var learners = 0
  /// Of them, those with a completed enrolment.
  package var completed = 0
  /// Days from enrolment to completion, over every completed enrolment.
  package var daysToComplete = SparseHistogram()
  /// Minutes over every enrolment.
  package var minutes = 0

  package init() {}

  package mutating func merge(_ other: CourseState) {
    learners += other.learners
    completed += other.completed
    daysToComplete.merge(other.daysToComplete)
    minutes += other.minutes
  }
}
