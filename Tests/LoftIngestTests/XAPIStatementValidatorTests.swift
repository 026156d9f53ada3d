import LoftCore
import LoftIngest
import Testing

private let folderOrg = OrgNumber("974760673")!
private let otherOrg = OrgNumber("921111118")!

private let register = Register(agencies: [
  Agency(
    orgNumber: folderOrg, name: "Direktoratet", sector: .state, county: "", sizeClass: .medium,
    leaderCount: 40),
  Agency(
    orgNumber: otherOrg, name: "Kommunen", sector: .municipality, county: "03",
    sizeClass: .small, leaderCount: 12),
])

private let catalogue = Catalogue(courses: [
  Course(
    id: "c-b", title: "B", provider: "P", license: "CC BY 4.0", areas: ["technology_data"],
    minutes: 30, xapiActivityID: "https://loft.example/courses/b"),
  Course(
    id: "c-a", title: "A", provider: "P", license: "CC BY 4.0", areas: ["governance_strategy"],
    minutes: 45, xapiActivityID: "https://loft.example/courses/a"),
])

private let context = XAPIContext(
  file: "974760673/lrs/export.json", folderAgency: Int32(register.index(of: folderOrg)!),
  register: register, catalogue: catalogue, asOf: Day(year: 2025, month: 6, day: 1)!)

private let validator = XAPIStatementValidator(context: context)

/// A statement's JSON text from its top-level members, given as JSON fragments in order.
private func statement(_ members: [(String, String)]) throws -> JSONValue {
  let text = "{" + members.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
  return try JSONValue.parse(Array(text.utf8))
}

/// The members of a valid statement, as JSON fragments.
private let valid: [(String, String)] = [
  ("id", #""s-1""#),
  ("actor", #"{"objectType": "Agent", "account": {"homePage": "https://x", "name": "p-1"}}"#),
  ("verb", #"{"id": "http://adlnet.gov/expapi/verbs/completed"}"#),
  ("object", #"{"id": "https://loft.example/courses/a"}"#),
  ("timestamp", #""2025-03-01T23:30:00-05:00""#),
  ("stored", #""2025-03-02T04:30:01Z""#),
  ("result", #"{"duration": "PT1H12M30S"}"#),
  ("context", #"{"registration": " r-1 ", "extensions": {"urn:loft:org-number": "974 760 673"}}"#),
]

/// The valid statement with some members replaced (or removed, for nil).
private func changed(_ changes: [String: String?]) throws -> JSONValue {
  var members: [(String, String)] = []
  for (key, fragment) in valid {
    guard let change = changes[key] else {
      members.append((key, fragment))
      continue
    }
    if let change { members.append((key, change)) }
  }
  return try statement(members)
}

private func org(_ written: String) -> String {
  #"{"registration": "r-1", "extensions": {"urn:loft:org-number": \#(written)}}"#
}

private func rejected(_ outcome: XAPIOutcome) -> Reject? {
  if case .rejected(let reject) = outcome { return reject }
  return nil
}

private func accepted(_ outcome: XAPIOutcome) -> XAPIEvent? {
  if case .accepted(let event) = outcome { return event }
  return nil
}

@Suite struct XAPIStatementValidatorTests {
  @Test("accepts a valid statement with everything it carries")
  func acceptsValid() throws {
    let event = accepted(validator.validate(try changed([:]), line: 12))
    #expect(
      event
        == XAPIEvent(
          id: "s-1", learner: "p-1",
          course: Int32(catalogue.index(ofActivity: "https://loft.example/courses/a")!),
          verb: .completed, date: Day(year: 2025, month: 3, day: 1)!,
          durationMilliseconds: 4_350_000, registration: "r-1", voidedID: nil, line: 12))
  }

  @Test("rejects each defect in SPEC order, with its column, line and a message naming the value")
  func precedence() throws {
    let longName = String(repeating: "x", count: 129)
    // Every defect at once; each step below mends the first one and expects the next.
    var changes: [String: String?] = [
      "id": nil, "actor": #"{"account": {}}"#, "verb": #"{"display": {}}"#, "object": "{}",
      "timestamp": nil, "stored": #""""#, "context": org(#""974760674""#),
    ]
    let steps: [(mend: [String: String?], column: String, reason: RejectReason, message: String)] =
      [
        ([:], "", .missingRequired, "id is missing"),
        (["id": #""s-1""#], "learner_id", .missingRequired, "actor.account.name is missing"),
        (
          ["actor": #"{"account": {"name": "\#(longName)"}}"#], "status", .missingRequired,
          "verb.id is missing"
        ),
        (
          ["verb": #"{"id": "http://adlnet.gov/expapi/verbs/passed"}"#], "course_id",
          .missingRequired, "object.id is missing"
        ),
        (
          ["object": #"{"id": "https://loft.example/courses/zz"}"#], "enrolled_on",
          .missingRequired,
          "the statement has neither timestamp nor stored"
        ),
        (
          ["timestamp": #""2025-02-30T10:00:00Z""#], "org_number", .badOrgNumber,
          #"org number "974760674" in context.extensions["urn:loft:org-number"] "#
            + "has a wrong mod-11 check digit"
        ),
        (
          ["context": org(#""999999999""#)], "org_number", .unknownOrg,
          "org number 999999999 is not in the register of agencies"
        ),
        (
          ["context": org(#""921111118""#)], "org_number", .orgMismatch,
          "org number 921111118 is not that of the agency folder (974760673)"
        ),
        (
          ["context": org(#""974760673""#)], "learner_id", .outOfRange,
          "actor.account.name \"\(String(repeating: "x", count: 80))…\" is 129 characters long; "
            + "at most 128 are allowed"
        ),
        (
          ["actor": #"{"account": {"name": "\#(String(repeating: "x", count: 128))"}}"#],
          "course_id",
          .unknownCourse,
          #"object.id "https://loft.example/courses/zz" is not the xapi_activity_id "#
            + "of any course in the catalogue"
        ),
        (
          ["object": #"{"id": "https://loft.example/courses/b"}"#], "enrolled_on", .badDate,
          #"timestamp "2025-02-30T10:00:00Z" is not a valid ISO 8601 date-time"#
        ),
        (
          ["timestamp": #""2025-06-02T00:00:00+14:00""#], "enrolled_on", .futureDate,
          #"timestamp "2025-06-02T00:00:00+14:00" is after the as-of date 2025-06-01"#
        ),
      ]
    for step in steps {
      changes.merge(step.mend) { $1 }
      let reject = rejected(validator.validate(try changed(changes), line: 7))
      #expect(
        reject
          == Reject(
            file: "974760673/lrs/export.json", line: 7, column: step.column, reason: step.reason,
            message: step.message))
    }
    changes["timestamp"] = #""2025-06-01T23:59:59-12:00""#
    let event = accepted(validator.validate(try changed(changes), line: 7))
    #expect(event?.date == Day(year: 2025, month: 6, day: 1))
    #expect(event?.verb == .completed)
  }

  @Test(
    "rejects what is not an object as malformed_row, and passes on the reader's malformed lines")
  func malformed() {
    let reject = rejected(validator.validate(.array([]), line: 3))
    #expect(reject?.reason == .malformedRow)
    #expect(reject?.column == "")
    #expect(reject?.message == "the statement is an array, not an object")
    let line = rejected(validator.validate(.malformed(line: 9, message: "invalid JSON: oops")))
    #expect(
      line
        == Reject(
          file: context.file, line: 9, column: "", reason: .malformedRow,
          message: "invalid JSON: oops"))
    let item = XAPIItem.statement(XAPIStatement(kind: .object), line: 4)
    #expect(rejected(validator.validate(item))?.line == 4)
  }

  @Test(
    "treats blank, null and non-string required values as missing",
    arguments: [
      (["id": #"" ""#], "", "id is empty"),
      (["id": "null"], "", "id is missing"),
      (["id": "42"], "", "id is a number, not a string"),
      (["actor": #"{"mbox": "mailto:a@b"}"#], "learner_id", "actor.account.name is missing"),
      (["actor": #""p-1""#], "learner_id", "actor.account.name is missing"),
      (["verb": #"{"id": ["x"]}"#], "status", "verb.id is an array, not a string"),
      (["object": #"{"id": "  "}"#], "course_id", "object.id is empty"),
      (
        ["timestamp": "null", "stored": #"" ""#], "enrolled_on",
        "the statement has neither timestamp nor stored"
      ),
    ] as [([String: String?], String, String)])
  func missing(changes: [String: String?], column: String, message: String) throws {
    let reject = rejected(validator.validate(try changed(changes), line: 1))
    #expect(reject?.reason == .missingRequired)
    #expect(reject?.column == column)
    #expect(reject?.message == message)
  }

  @Test("reads the org number from a string or a number, and uses the folder's when blank")
  func orgNumberForms() throws {
    for written in [#""974760673""#, "974760673", #"" 974 760 673 ""#, #""""#, "null"] {
      #expect(accepted(validator.validate(try changed(["context": org(written)]), line: 1)) != nil)
    }
    #expect(accepted(validator.validate(try changed(["context": nil]), line: 1)) != nil)
    let notDigits = rejected(
      validator.validate(try changed(["context": org(#""97476""#)]), line: 1))
    #expect(
      notDigits?.message
        == #"org number "97476" in context.extensions["urn:loft:org-number"] is not nine digits"#)
    let wrongType = rejected(validator.validate(try changed(["context": org("true")]), line: 1))
    #expect(wrongType?.reason == .badOrgNumber)
  }

  @Test(
    "maps the verb on the last segment of its IRI, case-insensitively",
    arguments: [
      ("http://adlnet.gov/expapi/verbs/completed", XAPIVerb.completed),
      ("http://adlnet.gov/expapi/verbs/passed", .completed),
      ("https://w3id.org/xapi/adl/verbs/PASSED", .completed),
      ("http://adlnet.gov/expapi/verbs/failed", .failed),
      ("http://adlnet.gov/expapi/verbs/registered", .enrolled),
      ("http://adlnet.gov/expapi/verbs/launched", .enrolled),
      ("http://adlnet.gov/expapi/verbs/initialized", .enrolled),
      ("http://adlnet.gov/expapi/verbs/Attempted", .enrolled),
      ("http://adlnet.gov/expapi/verbs/voided", .voided),
      ("http://adlnet.gov/expapi/verbs/experienced", .other),
      ("http://adlnet.gov/expapi/verbs/completed/", .other),
      ("completed", .completed),
      ("http://example.com/verbs#completed", .other),
    ])
  func verbs(iri: String, verb: XAPIVerb) throws {
    #expect(XAPIVerb(iri: iri) == verb)
    if verb != .voided {
      let event = accepted(
        validator.validate(try changed(["verb": #"{"id": "\#(iri)"}"#]), line: 1))
      #expect(event?.verb == verb)
    }
  }

  @Test("gives each verb its completion status")
  func statuses() {
    #expect(XAPIVerb.completed.status == .completed)
    #expect(XAPIVerb.failed.status == .failed)
    #expect(XAPIVerb.enrolled.status == .enrolled)
    #expect(XAPIVerb.other.status == nil)
    #expect(XAPIVerb.voided.status == nil)
  }

  @Test("finds an activity's course as String compares ids, the last course with one having it")
  func activityIDs() throws {
    func course(_ id: String, _ activity: String) -> Course {
      Course(
        id: id, title: id, provider: "P", license: "CC BY 4.0", areas: ["technology_data"],
        minutes: 30, xapiActivityID: activity)
    }
    let ascii = [course("c-1", "https://x/a"), course("c-2", "https://x/a"), course("c-3", "")]
    let accented = ascii + [course("c-4", "https://x/caf\u{E9}")]
    for courses in [ascii, accented] {
      let catalogue = Catalogue(courses: courses)
      let validator = XAPIStatementValidator(
        context: XAPIContext(
          file: context.file, folderAgency: context.folderAgency, register: register,
          catalogue: catalogue, asOf: context.asOf))
      func courseIndex(_ id: String) throws -> Int32? {
        let outcome = validator.validate(try changed(["object": #"{"id": "\#(id)"}"#]), line: 1)
        return accepted(outcome)?.course
      }
      #expect(try courseIndex("https://x/a") == 1)
      #expect(try courseIndex(" https://x/a ") == 1)
      #expect(try courseIndex("https://x/A") == nil)
      #expect(try courseIndex("") == nil)
      // Decomposed, it is the same string as the precomposed id.
      #expect(try courseIndex("https://x/cafe\\u0301") == (courses == ascii ? nil : 3))
    }
  }

  @Test("accepts a voiding statement without a course check, naming the voided statement")
  func voiding() throws {
    let statement = try changed([
      "id": #""s-9""#, "verb": #"{"id": "http://adlnet.gov/expapi/verbs/voided"}"#,
      "object": #"{"objectType": "StatementRef", "id": "s-1"}"#, "result": nil,
    ])
    let event = accepted(validator.validate(statement, line: 5))
    #expect(
      event
        == XAPIEvent(
          id: "s-9", learner: "p-1", course: -1, verb: .voided,
          date: Day(year: 2025, month: 3, day: 1)!, durationMilliseconds: nil, registration: "r-1",
          voidedID: "s-1", line: 5))
  }

  @Test("takes the date as written in the timestamp's own offset, else from stored")
  func dates() throws {
    let withOffset = accepted(validator.validate(try changed([:]), line: 1))
    #expect(withOffset?.date == Day(year: 2025, month: 3, day: 1))
    let fromStored = accepted(validator.validate(try changed(["timestamp": nil]), line: 1))
    #expect(fromStored?.date == Day(year: 2025, month: 3, day: 2))
    let blank = accepted(validator.validate(try changed(["timestamp": #"" ""#]), line: 1))
    #expect(blank?.date == Day(year: 2025, month: 3, day: 2))
    // A timestamp that is given but bad is bad_date, never replaced by stored.
    let wrong = rejected(validator.validate(try changed(["timestamp": "20250301"]), line: 1))
    #expect(wrong?.reason == .badDate)
    #expect(wrong?.message == "timestamp is a number, not an ISO 8601 date-time")
    let badStored = rejected(
      validator.validate(try changed(["timestamp": nil, "stored": #""yesterday""#]), line: 1))
    #expect(badStored?.message == #"stored "yesterday" is not a valid ISO 8601 date-time"#)
  }

  @Test(
    "reads ISO 8601 date-times, keeping the date as written",
    arguments: [
      ("2025-03-01T23:30:00-05:00", "2025-03-01"), ("2025-03-01T23:30:00Z", "2025-03-01"),
      ("2025-03-01 23:30", "2025-03-01"), ("2025-03-01T23:30:00.123+0100", "2025-03-01"),
      ("2025-03-01t00:00:00,5+01", "2025-03-01"), ("2025-03-01", "2025-03-01"),
      ("2024-02-29T12:00:00z", "2024-02-29"), ("2016-12-31T23:59:60Z", "2016-12-31"),
    ])
  func dateTimes(text: String, date: String) {
    #expect(XAPIDateTime.day(of: text)?.description == date)
  }

  @Test(
    "rejects impossible dates and what is not an ISO 8601 date-time",
    arguments: [
      "2025-02-30T10:00:00Z", "2023-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "0000-01-01",
      "25-03-01T10:00Z", "2025-03-01T24:00:00Z", "2025-03-01T10:60Z", "2025-03-01T10Z",
      "2025-03-01T10:00:00.Z", "2025-03-01T10:00:00+5", "2025-03-01T10:00:00+05:", "2025-03-01T",
      "2025-03-01X10:00", "01.03.2025", "2025-03-01T10:00:00Z junk", "2025-3-1", "",
      "2025-03-01T10:00:00+24:00",
    ])
  func badDateTimes(text: String) {
    #expect(XAPIDateTime.day(of: text) == nil)
  }

  @Test(
    "reads ISO 8601 durations to whole milliseconds",
    arguments: [
      ("PT1H12M30S", 4_350_000), ("PT45M", 2_700_000), ("PT30.5S", 30_500),
      ("P1DT2H", 93_600_000), ("P2D", 172_800_000), ("PT90M", 5_400_000), ("PT0S", 0),
      ("PT1.2345S", 1_234), ("PT0,25S", 250), ("PT0.0005S", 0), ("PT1H30S", 3_630_000),
    ])
  func durations(text: String, milliseconds: Int) {
    #expect(XAPIDuration.milliseconds(of: text) == milliseconds)
  }

  @Test(
    "leaves durations it cannot read as absent",
    arguments: [
      "P1Y", "P1M", "P2W", "P1Y2M3DT4H", "PT", "P", "", "1H", "PT1.5H", "PT1S2M", "-PT1H", "P1DT",
      "PT1H1H", "PTS", "PT.5S", "pt1h", "PT 1H", "PT99999999999999999999S", "PT1.S",
    ])
  func unreadableDurations(text: String) throws {
    #expect(XAPIDuration.milliseconds(of: text) == nil)
    let event = accepted(
      validator.validate(try changed(["result": #"{"duration": "\#(text)"}"#]), line: 1))
    #expect(event != nil)
    #expect(event?.durationMilliseconds == nil)
  }

  @Test("reads the registration when given, trimmed")
  func registration() throws {
    let context = #"{"registration": "  ", "extensions": {}}"#
    #expect(
      accepted(validator.validate(try changed(["context": context]), line: 1))?.registration == nil)
    #expect(
      accepted(validator.validate(try changed(["context": nil]), line: 1))?.registration == nil)
    #expect(accepted(validator.validate(try changed([:]), line: 1))?.registration == "r-1")
  }

  @Test("trims the duration before reading it")
  func trimmedDuration() throws {
    #expect(XAPIDuration.milliseconds(of: " PT1H ") == nil)
    let statement = try changed(["result": #"{"duration": " PT1H "}"#])
    #expect(accepted(validator.validate(statement, line: 1))?.durationMilliseconds == 3_600_000)
  }

  @Test("validates what the reader reads, end to end")
  func endToEnd() throws {
    let text = """
      {"id": "s-1", "actor": {"account": {"name": "p-1"}}, "verb": {"id": "x/completed"}, \
      "object": {"id": "https://loft.example/courses/a"}, "timestamp": "2025-01-02T10:00:00Z"}

      {"id": "s-2", "actor": {"account": {"name": "p-2"}}, "verb": {"id": "x/failed"}}
      not json
      """
    var reader = XAPIReader()
    var outcomes: [XAPIOutcome] = []
    try reader.feed(Array(text.utf8)) { outcomes.append(validator.validate($0)) }
    try reader.finish { outcomes.append(validator.validate($0)) }
    #expect(outcomes.count == 3)
    #expect(accepted(outcomes[0])?.line == 1)
    #expect(rejected(outcomes[1])?.line == 3)
    #expect(rejected(outcomes[1])?.column == "course_id")
    #expect(rejected(outcomes[2])?.line == 4)
    #expect(rejected(outcomes[2])?.reason == .malformedRow)
  }
}
