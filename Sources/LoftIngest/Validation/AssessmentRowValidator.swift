import LoftCore

/// Checks one assessment row and turns it into an `AssessmentRecord`, or the first defect.
///
/// The order is SPEC §3's: `malformed_row`, `missing_required`, the org checks, then the
/// file's columns left to right, then `no_answers`.
package final class AssessmentRowValidator: CSVRowValidator, Sendable {
  package let mapping: HeaderMapping
  package let context: RowContext
  private let requiredPositions: [Int]

  /// Where the pseudonym is in a row.
  package let pseudonymPosition: Int
  private let orgPosition: Int?

  package init(mapping: HeaderMapping, context: RowContext) {
    self.mapping = mapping
    self.context = context
    pseudonymPosition = mapping.position(of: .respondentID)!
    orgPosition = mapping.position(of: .orgNumber)
    let required: Set<CanonicalColumn> = [.respondentID, .assessedOn, .role]
    requiredPositions = mapping.columns.indices.filter {
      mapping.columns[$0].map(required.contains) ?? false
    }
  }

  /// The record of a CSV row, or why it is rejected. The respondent is numbered in
  /// `pseudonyms`; fields are read as bytes, trimmed, and a string is made only for a message.
  package func validate(
    _ row: CSVRecord, pseudonyms: inout ByteInterner
  ) -> Result<AssessmentRecord, Reject> {
    let line = row.line
    if let defect = fieldCountDefect(row) { return .failure(defect) }
    for position in requiredPositions where row.trimmed(position).isEmpty {
      let column = mapping.columns[position]!
      return .failure(
        context.reject(
          line, column, .missingRequired, "`\(column.name(in: context.model))` is empty"))
    }
    if let position = orgPosition,
      let reject = context.checkOrg(row.trimmed(position), line: line)
    {
      return .failure(reject)
    }
    let model = context.model
    var record = AssessmentRecord(
      agency: context.folderAgency, respondent: 0, date: Day(ordinal: 0), role: .other,
      answers: AssessmentAnswers(
        dimensions: model.maturity.dimensions.count, areas: model.competence.areas.count))
    var answered = false
    var respondent: UnsafeBufferPointer<UInt8>?
    for (position, column) in mapping.columns.enumerated() {
      guard let column else { continue }
      let bytes = row.trimmed(position)
      switch column {
      case .respondentID:
        if let reject = context.checkPseudonym(bytes, column: column, line: line) {
          return .failure(reject)
        }
        respondent = bytes
      case .orgNumber:
        continue
      case .assessedOn:
        switch context.checkDate(bytes, column: column, line: line) {
        case .success(let day): record.date = day
        case .failure(let reject): return .failure(reject)
        }
      case .role:
        guard let role = FieldParsing.role(bytes) else {
          return .failure(
            context.reject(
              line, column, .outOfRange, "`\(String(decoding: bytes, as: UTF8.self))` is not a role"
            ))
        }
        record.role = role
      case .dimension(let index), .current(let index), .target(let index):
        if bytes.isEmpty { continue }
        let scale: Model.Scale
        if case .dimension = column {
          scale = model.maturity.scale
        } else {
          scale = model.competence.scale
        }
        guard let value = FieldParsing.wholeNumber(bytes: bytes), scale.contains(value) else {
          return .failure(
            context.reject(
              line, column, .outOfRange,
              "`\(String(decoding: bytes, as: UTF8.self))` is not a whole number in \(scale.min)–\(scale.max)"
            ))
        }
        answered = true
        switch column {
        case .dimension: record.answers[maturity: index] = value
        case .current: record.answers[current: index] = value
        default: record.answers[target: index] = value
        }
      default:
        continue
      }
    }
    guard answered else {
      return .failure(
        context.reject(line, nil, .noAnswers, "the row answers no dimension and no area"))
    }
    // Numbered last: a rejected row's pseudonym is never kept.
    if let respondent { record.respondent = pseudonyms.number(respondent) }
    return .success(record)
  }
}
