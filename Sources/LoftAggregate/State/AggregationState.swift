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

  private mutating func addCompletions(_ records: AgencyRecords, granularity: PeriodGranularity) {
    // Learners are agency + pseudonym: distinct within the agency, so per-agency counts add up.
    var byPeriod: [Period: [Enrolment]] = [:]
    for enrolment in records.enrolments {
      byPeriod[Period(containing: enrolment.enrolledOn, granularity: granularity), default: []]
        .append(enrolment)
    }
    for (period, enrolments) in byPeriod {
      var cell = CompletionCell()
      var learners: Set<Int32> = []
      var completers: Set<Int32> = []
      var courseLearners: [Int32: Set<Int32>] = [:]
      var courseCompleted: [Int32: Set<Int32>] = [:]
      for enrolment in enrolments {
        learners.insert(enrolment.learner)
        courseLearners[enrolment.course, default: []].insert(enrolment.learner)
        var course = cell.courses[enrolment.course, default: CourseState()]
        course.minutes += enrolment.minutes ?? 0
        if enrolment.status == .completed {
          completers.insert(enrolment.learner)
          courseCompleted[enrolment.course, default: []].insert(enrolment.learner)
          if let completedOn = enrolment.completedOn {
            course.daysToComplete.add(completedOn - enrolment.enrolledOn)
          }
        }
        cell.courses[enrolment.course] = course
      }
      for (course, members) in courseLearners {
        cell.courses[course]!.learners = members.count
        cell.courses[course]!.completed = courseCompleted[course]?.count ?? 0
      }
      cell.learners = learners.count
      cell.completers = completers.count
      completions[CompletionKey(period: period, agency: records.agency), default: CompletionCell()]
        .merge(cell)
    }
  }

  package mutating func merge(_ other: AggregationState) {
    for (key, cell) in other.assessments {
      if assessments[key] == nil { assessments[key] = cell } else { assessments[key]!.merge(cell) }
    }
    for (key, cell) in other.completions { completions[key, default: CompletionCell()].merge(cell) }
  }

  /// Every period with at least one accepted record.
  package var periods: [Period] {
    Set(assessments.keys.map(\.period)).union(completions.keys.map(\.period)).sorted()
  }
}
