import LoftCore

/// Checks the records of one CSV file once its header is known: each record becomes a valid
/// record or a reject in the file's outcome.
///
/// It holds nothing that changes, so the chunks of one file can be checked in parallel. A
/// class: handed to the record callback, a struct would be copied, field by field, per row.
final class CSVRowChecker: Sendable {
  /// The file's validator: one of the two, by its kind. Two optionals rather than an enum:
  /// called through optional chaining the validator is used in place, where a value taken out
  /// of an enum case is retained and released at every row.
  private let assessment: AssessmentRowValidator?
  private let completion: CompletionRowValidator?
  /// Where the pseudonym is in a row.
  private let pseudonymPosition: Int
  private let context: RowContext
  /// Set for a later reading that wants one part of the pseudonyms only.
  private let rereading: DeliveryReader.Reread?
  /// Columns of the header that map to no canonical column.
  let unknownColumns: [String]

  /// The checker of a file with `header`, or the header's problem.
  init(
    header: [String], kind: SourceKind, vocabulary: ColumnVocabulary, context: RowContext,
    catalogue: Catalogue, rereading: DeliveryReader.Reread?
  ) throws(HeaderMapping.Problem) {
    let mapping = try HeaderMapping(header: header, vocabulary: vocabulary, model: context.model)
    switch kind {
    case .assessment:
      let validator = AssessmentRowValidator(mapping: mapping, context: context)
      assessment = validator
      completion = nil
      pseudonymPosition = validator.pseudonymPosition
    case .completion:
      let validator = CompletionRowValidator(
        mapping: mapping, context: context, catalogue: catalogue)
      assessment = nil
      completion = validator
      pseudonymPosition = validator.pseudonymPosition
    }
    self.context = context
    self.rereading = rereading
    unknownColumns = mapping.unknown
  }

  /// Counts a record as read and checks it (a later reading skips the rows of other parts).
  func take(_ record: CSVRecord, into outcome: inout FileOutcome, pseudonyms: inout Pseudonyms) {
    outcome.input.rowsRead += 1
    if let defect = record.defect {
      outcome.rejects.append(
        context.reject(record.line, nil, .malformedRow, "broken quoting: \(defect)"))
      return
    }
    if let rereading, !rereading.wants(record, pseudonymAt: pseudonymPosition) { return }
    if let result = completion?.validate(record, pseudonyms: &pseudonyms.learners) {
      Self.keep(result, line: record.line, in: &outcome.completions, rejects: &outcome.rejects)
    } else if let result = assessment?.validate(record, pseudonyms: &pseudonyms.respondents) {
      Self.keep(result, line: record.line, in: &outcome.assessments, rejects: &outcome.rejects)
    }
  }

  /// Appends a valid record to `records`, a reject to `rejects`.
  // Inlined, so that it is specialised for each record type: unspecialised, it copied and
  // destroyed the result through the type's metadata, a tenth of an assessment row's time.
  @inline(__always)
  private static func keep<Record>(
    _ result: Result<Record, Reject>, line: Int, in records: inout [Line<Record>],
    rejects: inout [Reject]
  ) {
    switch result {
    case .success(let value): records.append(Line(line, value))
    case .failure(let reject): rejects.append(reject)
    }
  }
}
