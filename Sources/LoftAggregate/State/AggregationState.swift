import LoftCore

/// The exact, mergeable state of a whole run: inner cells keyed by period, agency (and role).
///
/// Partial states — per agency, per file batch, per thread or per machine — combine with
/// `merge`, which is associative and commutative.
package struct AggregationState: Sendable, Equatable {
  /// The key of an assessment inner cell.
  package struct AssessmentKey: Hashable, Sendable, Comparable {
    package var period: Period
    package var agency: Int32
    package var role: Role
    package static func < (lhs: Self, rhs: Self) -> Bool {
      (lhs.period, lhs.agency, lhs.role) < (rhs.period, rhs.agency, rhs.role)
    }
  }

  /// The key of a completion inner cell.
  package struct CompletionKey: Hashable, Sendable, Comparable {
    package var period: Period
    package var agency: Int32
    package static func < (lhs: Self, rhs: Self) -> Bool {
      (lhs.period, lhs.agency) < (rhs.period, rhs.agency)
    }
  }

  package var assessments: [AssessmentKey: AssessmentCell] = [:]
  package var completions: [CompletionKey: CompletionCell] = [:]

  package init() {}

  /// Adds one agency's folded records.
  package mutating func add(_ records: AgencyRecords, model: Model, granularity: PeriodGranularity)
  {
    let overallScale = model.overallScale
    for record in records.assessments {
      let key = AssessmentKey(
        period: Period(containing: record.date, granularity: granularity), agency: records.agency,
        role: record.role)
      assessments[key, default: AssessmentCell(model: model)].add(
        record, overallScale: overallScale)
    }
    addCompletions(records, granularity: granularity)
  }

  /// One enrolment, as `addCompletions` sorts and counts it.
  private struct EnrolmentEntry {
    /// The period, as year × 4 + part: ordered like the periods.
    var period: Int32
    var course: Int32
    var learner: Int32
    /// Days from enrolment to completion; -1 when not completed or the date is unknown.
    var days: Int32
    var minutes: Int
    var completed: Bool
  }

  private mutating func addCompletions(_ records: AgencyRecords, granularity: PeriodGranularity) {
    // Learners are agency + pseudonym: distinct within the agency, so per-agency counts add up.
    // Sorted by period, course and learner, each learner of a course is one run of entries;
    // sorted by period and learner, each learner of the period is. No set, no hashing.
    var periods: [Int32: Period] = [:]
    var entries: [EnrolmentEntry] = []
    entries.reserveCapacity(records.enrolments.count)
    for enrolment in records.enrolments {
      let period = Period(containing: enrolment.enrolledOn, granularity: granularity)
      let code = Int32(period.year * 4 + period.part)
      if periods[code] == nil { periods[code] = period }
      let completed = enrolment.status == .completed
      let days = completed ? enrolment.completedOn.map { Int32($0 - enrolment.enrolledOn) } : nil
      entries.append(
        EnrolmentEntry(
          period: code, course: enrolment.course, learner: enrolment.learner, days: days ?? -1,
          minutes: enrolment.minutes ?? 0, completed: completed))
    }

    var cells: [Int32: CompletionCell] = [:]
    entries.sort { ($0.period, $0.course, $0.learner) < ($1.period, $1.course, $1.learner) }
    var course = CourseState()
    var learnerCompleted = false
    for (index, entry) in entries.enumerated() {
      // Minutes and days to complete take every enrolment; the counts take each learner once.
      course.minutes += entry.minutes
      if entry.days >= 0 { course.daysToComplete.add(Int(entry.days)) }
      learnerCompleted = learnerCompleted || entry.completed
      let isLast = index + 1 == entries.count
      let next = isLast ? entry : entries[index + 1]
      if isLast
        || (next.period, next.course, next.learner) != (entry.period, entry.course, entry.learner)
      {
        course.learners += 1
        if learnerCompleted { course.completed += 1 }
        learnerCompleted = false
      }
      if isLast || (next.period, next.course) != (entry.period, entry.course) {
        cells[entry.period, default: CompletionCell()].courses[entry.course] = course
        course = CourseState()
      }
    }
    entries.sort { ($0.period, $0.learner) < ($1.period, $1.learner) }
    for (index, entry) in entries.enumerated() {
      learnerCompleted = learnerCompleted || entry.completed
      let isLast = index + 1 == entries.count
      let next = isLast ? entry : entries[index + 1]
      if isLast || (next.period, next.learner) != (entry.period, entry.learner) {
        cells[entry.period]!.learners += 1
        if learnerCompleted { cells[entry.period]!.completers += 1 }
        learnerCompleted = false
      }
    }
    for (code, cell) in cells {
      completions[
        CompletionKey(period: periods[code]!, agency: records.agency), default: CompletionCell()
      ].merge(cell)
    }
  }

  package mutating func merge(_ other: AggregationState) {
    for (key, cell) in other.assessments {
      if assessments[key] == nil { assessments[key] = cell } else { assessments[key]!.merge(cell) }
    }
    // A cell new here is taken as it is (its storage shared, not copied).
    for (key, cell) in other.completions {
      if completions[key] == nil { completions[key] = cell } else { completions[key]!.merge(cell) }
    }
  }

  /// Every period with at least one accepted record.
  package var periods: [Period] {
    Set(assessments.keys.map(\.period)).union(completions.keys.map(\.period)).sorted()
  }
}
