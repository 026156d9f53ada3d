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
    let enrolments = records.enrolments
    guard !enrolments.isEmpty else { return }
    // Learners are agency + pseudonym: distinct within the agency, so per-agency counts add up.
    // Each learner is counted once per course and once per period by stamping the learner's
    // slot with the group last counted. No set, no hashing, no comparison sort.
    let groups = EnrolmentGroups(enrolments, granularity: granularity)
    let learners = LearnerSlots(enrolments)
    // The group (or period) whose count a learner last entered; -1 for none yet.
    var countedInCourse = [Int32](repeating: -1, count: learners.count)
    var completedInCourse = countedInCourse
    var countedInPeriod = countedInCourse
    var completedInPeriod = countedInCourse
    for (position, period) in groups.periods.enumerated() {
      var cell = CompletionCell()
      let periodTag = Int32(position)
      for course in 0..<groups.courseSpan {
        let (members, group) = groups.members(period: position, course: course)
        guard !members.isEmpty else { continue }
        let groupTag = Int32(group)
        var state = CourseState()
        for member in members {
          let enrolment = enrolments[Int(member)]
          let learner = learners.slot(of: Int(member))
          let completed = enrolment.status == .completed
          // Minutes and days to complete take every enrolment; the counts each learner once.
          state.minutes += enrolment.minutes ?? 0
          if completed, let day = enrolment.completedOn {
            state.daysToComplete.add(day - enrolment.enrolledOn)
          }
          if Self.isNew(learner, in: &countedInCourse, tag: groupTag) { state.learners += 1 }
          if completed && Self.isNew(learner, in: &completedInCourse, tag: groupTag) {
            state.completed += 1
          }
          if Self.isNew(learner, in: &countedInPeriod, tag: periodTag) { cell.learners += 1 }
          if completed && Self.isNew(learner, in: &completedInPeriod, tag: periodTag) {
            cell.completers += 1
          }
        }
        cell.courses[Int32(course)] = state
      }
      completions[CompletionKey(period: period, agency: records.agency), default: CompletionCell()]
        .merge(cell)
    }
  }

  /// An agency's enrolments in order of period and course, by a counting sort.
  private struct EnrolmentGroups {
    /// The periods of the enrolments, in order.
    let periods: [Period]
    /// One more than the largest course index.
    let courseSpan: Int
    /// Where each group (period × courseSpan + course) starts in `order`; one more at the end.
    private let starts: [Int]
    /// Enrolment indices, group after group.
    private let order: [Int32]

    init(_ enrolments: [Enrolment], granularity: PeriodGranularity) {
      // An agency's enrolments span a few periods: a look along the short list of their days
      // is cheaper than working out each enrolment's period from its date.
      var seen: [Period] = []
      var seenDays: [ClosedRange<Int32>] = []  // day ordinals
      let seenIndex = enrolments.map { enrolment in
        let day = enrolment.enrolledOn
        if let index = seenDays.firstIndex(where: { $0.contains(day.ordinal) }) { return index }
        let period = Period(containing: day, granularity: granularity)
        seen.append(period)
        seenDays.append(period.start.ordinal...period.end.ordinal)
        return seen.count - 1
      }
      let periods = seen.sorted()
      let position = seen.map { period in periods.firstIndex(of: period)! }
      let courseSpan = Int(enrolments.map(\.course).max()!) + 1
      let groups = enrolments.indices.map { index in
        position[seenIndex[index]] * courseSpan + Int(enrolments[index].course)
      }
      var starts = [Int](repeating: 0, count: periods.count * courseSpan + 1)
      for group in groups { starts[group + 1] += 1 }
      for group in 1..<starts.count { starts[group] += starts[group - 1] }
      var order = [Int32](repeating: 0, count: enrolments.count)
      var fill = starts
      for (index, group) in groups.enumerated() {
        order[fill[group]] = Int32(index)
        fill[group] += 1
      }
      self.periods = periods
      self.courseSpan = courseSpan
      self.starts = starts
      self.order = order
    }

    /// The enrolments of one course in one period (its position in `periods`), and the group's
    /// number.
    func members(period: Int, course: Int) -> (ArraySlice<Int32>, Int) {
      let group = period * courseSpan + course
      return (order[starts[group]..<starts[group + 1]], group)
    }
  }

  /// Whether `learner` enters the count tagged `tag` for the first time; stamps it if so.
  private static func isNew(_ learner: Int, in stamps: inout [Int32], tag: Int32) -> Bool {
    guard stamps[learner] != tag else { return false }
    stamps[learner] = tag
    return true
  }

  /// A small number per learner for indexing arrays: the learner's own number when the
  /// numbers are dense, as ingest gives them; else numbers given here in order of appearance.
  private struct LearnerSlots {
    private var slots: [Int32] = []
    private let dense: Bool
    private(set) var count: Int
    private let enrolments: [Enrolment]

    init(_ enrolments: [Enrolment]) {
      self.enrolments = enrolments
      let largest = enrolments.reduce(Int32(-1)) { max($0, $1.learner) }
      let smallest = enrolments.reduce(Int32.max) { min($0, $1.learner) }
      dense = smallest >= 0 && Int(largest) < 2 * enrolments.count + 1024
      if dense {
        count = Int(largest) + 1
      } else {
        var numbers: [Int32: Int32] = [:]
        slots = enrolments.map { enrolment in
          if let number = numbers[enrolment.learner] { return number }
          numbers[enrolment.learner] = Int32(numbers.count)
          return Int32(numbers.count - 1)
        }
        count = numbers.count
      }
    }

    /// The slot of the learner of enrolment `index`.
    func slot(of index: Int) -> Int {
      dense ? Int(enrolments[index].learner) : Int(slots[index])
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
