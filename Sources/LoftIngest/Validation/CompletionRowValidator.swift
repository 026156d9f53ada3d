import LoftCore

/// Checks one completion CSV row and turns it into a `CompletionRecord`, or the first defect.
///
/// A `completed` row needs `completed_on` (else `missing_required` there); on other rows
/// `completed_on` is ignored.
package final class CompletionRowValidator: Sendable {
  let mapping: HeaderMapping
  let context: RowContext
  let catalogue: Catalogue
  private let statusPosition: Int
  private let completedPosition: Int?
  private let enrolledPosition: Int

  package init(mapping: HeaderMapping, context: RowContext, catalogue: Catalogue) {
    self.mapping = mapping
    self.context = context
    self.catalogue = catalogue
    statusPosition = mapping.position(of: .status)!
    enrolledPosition = mapping.position(of: .enrolledOn)!
    completedPosition = mapping.position(of: .completedOn)
  }

  /// The record of a row of trimmed fields, or why it is rejected.
  package func validate(_ fields: [String], line: Int) -> Result<CompletionRecord, Reject> {
    guard fields.count == mapping.columns.count else {
      return .failure(
        context.reject(
          line, nil, .malformedRow,
          "\(fields.count) fields where the header has \(mapping.columns.count)"))
    }
    let isCompleted = CompletionStatus(word: fields[statusPosition]) == .completed
    for (position, column) in mapping.columns.enumerated() {
      guard let column else { continue }
      let required: Bool =
        switch column {
        case .learnerID, .courseID, .status, .enrolledOn: true
        case .completedOn: isCompleted
        default: false
        }
      if required, fields[position].isEmpty {
        return .failure(
          context.reject(
            line, column, .missingRequired, "`\(column.name(in: context.model))` is empty"))
      }
    }
    if isCompleted, completedPosition == nil {
      return .failure(
        context.reject(line, .completedOn, .missingRequired, "a completed row needs `completed_on`")
      )
    }
    if let position = mapping.position(of: .orgNumber),
      let reject = context.checkOrg(fields[position], line: line)
    {
      return .failure(reject)
    }
    var record = CompletionRecord(
      agency: context.folderAgency, learner: "", course: 0, status: .enrolled,
      enrolledOn: Day(ordinal: 0), completedOn: nil, minutes: nil)
    for (position, column) in mapping.columns.enumerated() {
      guard let column else { continue }
      let text = fields[position]
      switch column {
      case .learnerID:
        if let reject = context.checkPseudonym(text, column: column, line: line) {
          return .failure(reject)
        }
        record.learner = text
      case .courseID:
        guard let course = catalogue.index(ofCourse: text) else {
          return .failure(
            context.reject(line, column, .unknownCourse, "`\(text)` is not in the catalogue"))
        }
        record.course = Int32(course)
      case .status:
        guard let status = CompletionStatus(word: text) else {
          return .failure(context.reject(line, column, .badStatus, "`\(text)` is not a status"))
        }
        record.status = status
      case .enrolledOn:
        switch context.checkDate(text, column: column, line: line) {
        case .success(let day): record.enrolledOn = day
        case .failure(let reject): return .failure(reject)
        }
      case .completedOn:
        guard isCompleted else { continue }
        switch context.checkDate(text, column: column, line: line) {
        case .success(let day):
          if let enrolled = FieldParsing.date(fields[enrolledPosition]), day < enrolled {
            return .failure(
              context.reject(
                line, column, .completionBeforeEnrolment,
                "\(day) is before the enrolment \(enrolled)"))
          }
          record.completedOn = day
        case .failure(let reject): return .failure(reject)
        }
      case .minutesSpent:
        if text.isEmpty { continue }
        guard let minutes = FieldParsing.wholeNumber(text), minutes >= 0 else {
          return .failure(
            context.reject(
              line, column, .outOfRange, "`\(text)` is not a whole number of minutes ≥ 0"))
        }
        record.minutes = minutes
      default:
        continue
      }
    }
    return .success(record)
  }
}
