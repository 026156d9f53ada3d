import LoftCore

/// Checks the records of one CSV file once its header is known: each record becomes a valid
/// record or a reject in the file's outcome.
///
/// It holds nothing that changes, so the chunks of one file can be checked in parallel. A
/// class: handed to the record callback, a struct would be copied, field by field, per row.
final class CSVRowChecker: Sendable {
  private enum Validator: Sendable {
    case assessment(AssessmentRowValidator)
    case completion(CompletionRowValidator)
  }

  private let validator: Validator
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
      validator = .assessment(AssessmentRowValidator(mapping: mapping, context: context))
    case .completion:
      validator = .completion(
        CompletionRowValidator(mapping: mapping, context: context, catalogue: catalogue))
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
    switch validator {
    case .assessment(let validator):
      if let value = check(
        record, validator, pseudonyms: &pseudonyms.respondents, rejects: &outcome.rejects)
      {
        outcome.assessments.append(Line(record.line, value))
      }
    case .completion(let validator):
      if let value = check(
        record, validator, pseudonyms: &pseudonyms.learners, rejects: &outcome.rejects)
      {
        outcome.completions.append(Line(record.line, value))
      }
    }
  }

  /// The record of a row this reading wants and that passes its checks; a defect goes to
  /// `rejects`.
  private func check<Validator: CSVRowValidator>(
    _ record: CSVRecord, _ validator: Validator, pseudonyms: inout ByteInterner,
    rejects: inout [Reject]
  ) -> Validator.Record? {
    if let rereading, !rereading.wants(record, pseudonymAt: validator.pseudonymPosition) {
      return nil
    }
    switch validator.validate(record, pseudonyms: &pseudonyms) {
    case .success(let value): return value
    case .failure(let reject):
      rejects.append(reject)
      return nil
    }
  }
}
