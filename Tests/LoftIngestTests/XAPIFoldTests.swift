import Testing

@testable import LoftCore
@testable import LoftIngest

@Suite struct XAPIFoldTests {
  func event(
    _ id: String, _ verb: XAPIVerb, _ date: String, learner: String = "l-1", course: Int32 = 0,
    seconds: Int? = nil, registration: String? = nil, voids: String? = nil
  ) -> XAPIEvent {
    XAPIEvent(
      id: id, learner: learner, course: voids == nil ? course : -1, verb: verb,
      date: FieldParsing.date(date)!, durationMilliseconds: seconds.map { $0 * 1000 },
      registration: registration, voidedID: voids, line: 1)
  }

  func fold(_ events: [XAPIEvent]) -> [Enrolment] {
    var learners = ByteInterner()
    return XAPIFold.enrolments(events, agency: 7, learners: &learners)
      .sorted { ($0.learner, $0.course, $0.enrolledOn) < ($1.learner, $1.course, $1.enrolledOn) }
  }

  @Test("a registration makes one enrolment across years; without one, each year is its own")
  func grouping() {
    let registered = fold([
      event("a", .enrolled, "2024-12-30", registration: "r-1"),
      event("b", .completed, "2025-01-04", registration: "r-1"),
      event("c", .enrolled, "2025-02-01", registration: "r-2"),
    ])
    #expect(registered.map(\.status) == [CompletionStatus.completed, .enrolled])
    #expect(
      registered.map(\.enrolledOn) == ["2024-12-30", "2025-02-01"].map { FieldParsing.date($0)! })
    #expect(registered[0].completedOn == FieldParsing.date("2025-01-04"))
    let yearly = fold([
      event("a", .enrolled, "2024-12-30"), event("b", .completed, "2025-01-04"),
      event("c", .other, "2025-03-01"), event("d", .enrolled, "2025-01-01", course: 1),
    ])
    #expect(yearly.map(\.status) == [CompletionStatus.enrolled, .completed, .enrolled])
    #expect(yearly.map(\.agency) == [7, 7, 7])
  }

  @Test("registered and unregistered statements of a year are different enrolments")
  func registeredApart() {
    let enrolments = fold([
      event("a", .enrolled, "2025-03-01", registration: "r-1"),
      event("b", .completed, "2025-05-01"), event("c", .enrolled, "2024-06-01"),
      event("d", .failed, "2025-07-01", registration: "r-2"),
      event("e", .enrolled, "2025-08-01"),
    ])
    #expect(
      enrolments.map(\.status) == [CompletionStatus.enrolled, .enrolled, .completed, .failed])
    #expect(
      enrolments.map(\.enrolledOn)
        == ["2024-06-01", "2025-03-01", "2025-05-01", "2025-07-01"].map { FieldParsing.date($0)! })
    // Registration numbers pass any year's number: still apart.
    let many = fold(
      (0..<3000).map { event("r\($0)", .enrolled, "2025-01-01", registration: "r-\($0)") }
        + [event("y", .completed, "2025-01-01"), event("z", .completed, "2024-01-01")])
    #expect(many.count == 3002)
    #expect(many.filter { $0.status == .completed }.count == 2)
  }

  @Test("durations add up per enrolment, then minutes are rounded half up")
  func durations() {
    let enrolments = fold([
      event("a", .enrolled, "2025-01-01", seconds: 60, registration: "r"),
      event("b", .other, "2025-01-02", seconds: 30, registration: "r"),
      event("c", .enrolled, "2025-01-03", learner: "l-2", registration: "r"),
      event("d", .enrolled, "2025-01-03", learner: "l-3", seconds: 89, registration: "r"),
    ])
    #expect(enrolments.map(\.minutes) == [2, nil, 1] as [Int?])
  }

  @Test("a voiding statement removes the one it names, and is no record itself")
  func voiding() {
    let events = [
      event("a", .completed, "2025-01-01"), event("b", .enrolled, "2025-01-02", course: 1),
      event("v", .voided, "2025-01-05", voids: "a"),
      event("w", .voided, "2025-01-05", voids: "absent"),
    ]
    #expect(fold(events).map(\.course) == [1])
    #expect(XAPIFold.unvoided(events).map(\.id) == ["b"])
  }
}
