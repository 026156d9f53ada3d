import Testing

@testable import LoftCore
@testable import LoftIngest

@Suite struct AssessmentRowValidatorTests {
  let header = [
    "respondent_id", "orgnr", "dato", "rolle", "strategi", "technology", "organisation",
    "leadership",
    "transformasjonsledelse_naa", "transformation_leadership_target", "comment",
  ]

  func validator() throws -> AssessmentRowValidator {
    let vocabulary = ColumnVocabulary(kind: .assessment, model: TestModel.model)
    let mapping = try HeaderMapping(header: header, vocabulary: vocabulary, model: TestModel.model)
    return AssessmentRowValidator(mapping: mapping, context: TestModel.context())
  }

  func row(_ overrides: [Int: String]) -> [String] {
    var fields = ["r-1", "", "2025-03-01", "mellomleder", "3", "4", "", "2", "3", "5", "note"]
    for (index, value) in overrides { fields[index] = value }
    return fields
  }

  @Test("accepts a valid row with Norwegian words and an unknown column") func valid() throws {
    let record = try validator().validate(row([:]), line: 2).get()
    #expect(record.role == .middleManager)
    #expect((0..<4).map { record.answers[maturity: $0] } == [3, 4, nil, 2])
    #expect((0..<2).map { record.answers[current: $0] } == [3, nil])
    #expect((0..<2).map { record.answers[target: $0] } == [5, nil])
    #expect(record.date.description == "2025-03-01")
  }

  @Test(
    "rejects with the first defect in SPEC order",
    arguments: [
      ([0: "", 2: "bad"], "respondent_id", RejectReason.missingRequired),
      ([1: "123456789", 2: "bad"], "org_number", .badOrgNumber),
      ([1: "988077917"], "org_number", .unknownOrg),
      ([1: "123456785"], "org_number", .orgMismatch),
      ([2: "2024-02-30", 4: "9"], "assessed_on", .badDate),
      ([2: "2031-01-01"], "assessed_on", .futureDate),
      ([3: "sjef", 4: "9"], "role", .outOfRange),
      ([4: "7"], "strategy", .outOfRange),
      ([4: "3,5"], "strategy", .outOfRange),
      ([9: "9"], "transformation_leadership_target", .outOfRange),
      ([4: "", 5: "", 7: "", 8: "", 9: ""], "", .noAnswers),
    ])
  func precedence(_ overrides: [Int: String], _ column: String, _ reason: RejectReason) throws {
    let reject = try #require(try validator().validate(row(overrides), line: 7).failure)
    #expect(reject.reason == reason)
    #expect(reject.column == column)
    #expect(reject.line == 7)
  }

  @Test("a row with the wrong number of fields is malformed") func malformed() throws {
    let reject = try #require(try validator().validate(["r-1", "x"], line: 3).failure)
    #expect(reject.reason == .malformedRow)
    #expect(reject.column == "")
  }

  @Test("an org number equal to the folder's, spaced, is fine") func ownOrg() throws {
    #expect(try validator().validate(row([1: "974 760 673"]), line: 2).failure == nil)
  }

  @Test("a pseudonym over 128 characters is out of range") func longPseudonym() throws {
    let reject = try #require(
      try validator().validate(row([0: String(repeating: "x", count: 129)]), line: 2).failure)
    #expect(reject.reason == .outOfRange)
    #expect(reject.column == "respondent_id")
  }
}

@Suite struct HeaderMappingTests {
  @Test("two names for one column make the file ambiguous") func ambiguous() {
    let vocabulary = ColumnVocabulary(kind: .assessment, model: TestModel.model)
    #expect(throws: HeaderMapping.Problem.self) {
      try HeaderMapping(
        header: ["respondent_id", "respondent", "date", "role"], vocabulary: vocabulary,
        model: TestModel.model)
    }
    do {
      _ = try HeaderMapping(
        header: ["respondent_id", "respondent", "date", "role"], vocabulary: vocabulary,
        model: TestModel.model)
    } catch {
      #expect(error.reason == .ambiguousColumn)
    }
  }

  @Test("a missing required column is named") func missing() {
    let vocabulary = ColumnVocabulary(kind: .assessment, model: TestModel.model)
    do {
      _ = try HeaderMapping(
        header: ["respondent_id", "date", "strategy"], vocabulary: vocabulary,
        model: TestModel.model)
      Issue.record("expected missing_column")
    } catch {
      #expect(error.reason == .missingColumn)
      #expect(error.message.contains("`role`"))
    }
  }

  @Test("headers match trimmed and case-insensitively, with definition aliases") func aliases()
    throws
  {
    let vocabulary = ColumnVocabulary(
      kind: .assessment, model: TestModel.model, extra: ["respondent_id": ["svarperson"]])
    let mapping = try HeaderMapping(
      header: [" SvarPerson ", "DATO", "Rolle", "Teknologi_og_data_mål"], vocabulary: vocabulary,
      model: TestModel.model)
    #expect(mapping.columns == [.respondentID, .assessedOn, .role, .target(1)])
  }
}

extension Result {
  var failure: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
