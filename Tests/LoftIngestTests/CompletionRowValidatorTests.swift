import Testing

@testable import LoftCore
@testable import LoftIngest

@Suite struct CompletionRowValidatorTests {
  let header = ["deltaker", "kurs", "status", "påmeldt_dato", "fullført_dato", "minutter"]

  func validator(header: [String]? = nil) throws -> CompletionRowValidator {
    let vocabulary = ColumnVocabulary(kind: .completion, model: TestModel.model)
    let mapping = try HeaderMapping(
      header: header ?? self.header, vocabulary: vocabulary, model: TestModel.model)
    return CompletionRowValidator(
      mapping: mapping, context: TestModel.context(), catalogue: TestModel.catalogue)
  }

  @Test("accepts a completed row in Norwegian") func valid() throws {
    let record = try validator().validate(
      ["l-1", "C1", "Fullført", "01.02.2025", "2025-02-10", "45"], line: 2
    ).get()
    #expect(record.status == .completed)
    #expect(record.completedOn?.description == "2025-02-10")
    #expect(record.minutes == 45)
  }

  @Test("ignores completed_on on rows that are not completed") func ignoresCompletedOn() throws {
    let record = try validator().validate(
      ["l-1", "C1", "påmeldt", "2025-02-01", "garbage", ""], line: 2
    ).get()
    #expect(record.completedOn == nil)
    #expect(record.minutes == nil)
  }

  @Test(
    "rejects with the first defect in SPEC order",
    arguments: [
      (["", "C1", "completed", "2025-02-01", "", ""], "learner_id", RejectReason.missingRequired),
      (["l", "C1", "completed", "2025-02-01", "", ""], "completed_on", .missingRequired),
      (["l", "C9", "done", "2025-02-01", "", ""], "course_id", .unknownCourse),
      (["l", "C1", "done", "2025-02-01", "", ""], "status", .badStatus),
      (["l", "C1", "enrolled", "2025-02-30", "", ""], "enrolled_on", .badDate),
      (
        ["l", "C1", "completed", "2025-02-10", "2025-02-01", ""], "completed_on",
        .completionBeforeEnrolment
      ),
      (["l", "C1", "completed", "2025-02-10", "2031-02-01", ""], "completed_on", .futureDate),
      (["l", "C1", "enrolled", "2025-02-10", "", "-5"], "minutes_spent", .outOfRange),
      (["l", "C1", "enrolled", "2025-02-10", "", "1 000"], "minutes_spent", .outOfRange),
    ])
  func precedence(_ fields: [String], _ column: String, _ reason: RejectReason) throws {
    let reject = try #require(try validator().validate(fields, line: 4).failure)
    #expect(reject.reason == reason)
    #expect(reject.column == column)
  }

  @Test(
    "compares the completion with the enrolment in either column order",
    arguments: [
      (["l", "C1", "completed", "2025-02-01", "2025-02-10"], "completed_on"),
      (["l", "C1", "completed", "2025-02-10", "2025-02-01"], nil),
      (["l", "C1", "completed", "2025-02-01", "2025-02-31"], "enrolled_on"),
    ] as [([String], String?)])
  func completionBeforeEnrolmentInEitherOrder(_ fields: [String], _ rejectedAt: String?) throws {
    // `completed_on` before `enrolled_on`: the enrolment is read ahead of its own column.
    let v = try validator(header: ["deltaker", "kurs", "status", "fullført_dato", "påmeldt_dato"])
    let result = v.validate(fields, line: 3)
    guard let rejectedAt else {
      #expect(try result.get().completedOn?.description == "2025-02-10")
      return
    }
    let reject = try #require(result.failure)
    #expect(reject.column == rejectedAt)
    #expect(reject.reason == (rejectedAt == "completed_on" ? .completionBeforeEnrolment : .badDate))
  }

  @Test(
    "reports the first empty required field in the file's order",
    arguments: [
      (["", "", "l", "", "C1"], "status"),
      (["", "enrolled", "l", "", ""], "enrolled_on"),
      (["2025-02-10", "completed", "l", "2025-02-01", ""], "course_id"),
      (["", "completed", "l", "2025-02-01", "C1"], "completed_on"),
      ([" ", "\t", "l", "2025-02-01", "C1"], "status"),
    ] as [([String], String)])
  func firstEmptyInFileOrder(_ fields: [String], _ column: String) throws {
    let v = try validator(
      header: ["completed_on", "status", "learner_id", "enrolled_on", "course_id"])
    let reject = try #require(v.validate(fields, line: 7).failure)
    #expect(reject.reason == .missingRequired)
    #expect(reject.column == column)
    #expect(reject.line == 7)
    #expect(reject.message == "`\(column)` is empty")
  }

  @Test("trims fields and accepts empty optional ones") func trimsOnce() throws {
    let v = try validator(
      header: ["minutes_spent", "completed_on", "status", "learner_id", "enrolled_on", "course_id"])
    let record = try v.validate(
      [" ", "", " enrolled\t", "\tl-1 ", " 2025-02-01", "C1 "], line: 2
    ).get()
    #expect(record.status == .enrolled)
    #expect(record.enrolledOn.description == "2025-02-01")
    #expect(record.completedOn == nil)
    #expect(record.minutes == nil)
    #expect(record.course == 0)
  }

  @Test("rejects a row with another number of fields than the header") func fieldCount() throws {
    let reject = try #require(
      try validator().validate(["l", "C1", "completed", "2025-02-01"], line: 9).failure)
    #expect(reject.reason == .malformedRow)
    #expect(reject.column == "")
    #expect(reject.message == "4 fields where the header has 6")
  }

  @Test("a completed row in a file without completed_on is missing_required there") func noColumn()
    throws
  {
    let v = try validator(header: ["learner_id", "course_id", "status", "enrolled_on"])
    let reject = try #require(v.validate(["l", "C1", "completed", "2025-01-01"], line: 2).failure)
    #expect(reject.reason == .missingRequired)
    #expect(reject.column == "completed_on")
  }

  @Test("valid rows are checked straight, with the outcome of the check in column order")
  func straightAndOrderedAgree() throws {
    let v = try validator(
      header: [
        "learner_id", "org_number", "course_id", "status", "enrolled_on", "completed_on",
        "minutes_spent",
      ])
    // Every combination of valid, empty, defective and unusual values: 130 bytes of `å` are 65
    // characters, a spaced org number is the folder's, `123456785` is another agency's.
    let learners = [
      "l-1", "", " l-2\t", String(repeating: "å", count: 65), String(repeating: "x", count: 129),
    ]
    let orgs = ["", "974760673", "974 760 673", "123456785"]
    let courses = ["C1", "", "C9", " C1 "]
    let statuses = ["completed", "enrolled", "", "done", "Fullført"]
    let enrolled = ["2025-02-01", "", "2025-02-30", "01.02.2025", "2031-01-01"]
    let completed = ["2025-02-10", "", "garbage", "2025-01-01", "2031-01-01"]
    let minutes = ["", "45", "-5", "3,0"]
    var rows = 0
    var accepted = 0
    var differing: [[String]] = []
    for learner in learners {
      for org in orgs {
        for course in courses {
          for status in statuses {
            for enrolledOn in enrolled {
              for completedOn in completed {
                for spent in minutes {
                  let fields = [learner, org, course, status, enrolledOn, completedOn, spent]
                  let (straight, ordered) = CSVRecord.withFields(fields, line: 5) { row in
                    var first = ByteInterner()
                    var second = ByteInterner()
                    return (
                      v.validate(row, pseudonyms: &first),
                      v.checkedInOrder(row, pseudonyms: &second)
                    )
                  }
                  rows += 1
                  if case .success = straight { accepted += 1 }
                  if straight != ordered && differing.count < 5 { differing.append(fields) }
                }
              }
            }
          }
        }
      }
    }
    #expect(differing.isEmpty, "rows checked otherwise straight: \(differing)")
    #expect(rows == 40_000)
    #expect(accepted > 500 && accepted < rows / 2)
  }

  @Test("a course id written in another Unicode form than the catalogue's is found")
  func courseInAnotherForm() throws {
    let catalogue = Catalogue(courses: [
      Course(
        id: "Å1", title: "Intro", provider: "Digdir", license: "CC BY 4.0",
        areas: ["technology_data"], minutes: 60, xapiActivityID: "https://x/a1")
    ])
    let mapping = try HeaderMapping(
      header: ["learner_id", "course_id", "status", "enrolled_on"],
      vocabulary: ColumnVocabulary(kind: .completion, model: TestModel.model),
      model: TestModel.model)
    let v = CompletionRowValidator(
      mapping: mapping, context: TestModel.context(), catalogue: catalogue)
    let record = try v.validate(["l", "A\u{030A}1", "enrolled", "2025-02-01"], line: 2).get()
    #expect(record.course == 0)
  }
}
