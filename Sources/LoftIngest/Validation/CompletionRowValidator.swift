import LoftCore

/// Checks one completion CSV row and turns it into a `CompletionRecord`, or the first defect.
///
/// A `completed` row needs `completed_on` (else `missing_required` there); on other rows
/// `completed_on` is ignored.
package final class CompletionRowValidator: CSVRowValidator, Sendable {
  package let mapping: HeaderMapping
  package let context: RowContext
  let catalogue: Catalogue
  private let statusPosition: Int
  private let completedPosition: Int?
  private let enrolledPosition: Int
  /// The catalogue's course ids, numbered by their index in it.
  private let courses: ByteInterner

  private let orgPosition: Int?
  /// The required columns in the file's order; `completed_on` only on completed rows.
  private let required: [(position: Int, column: CanonicalColumn)]

  /// Where the pseudonym is in a row.
  package let pseudonymPosition: Int

  package init(mapping: HeaderMapping, context: RowContext, catalogue: Catalogue) {
    self.mapping = mapping
    self.context = context
    pseudonymPosition = mapping.position(of: .learnerID)!
    self.catalogue = catalogue
    var courses = ByteInterner(capacity: catalogue.courses.count)
    // Ids are unique in a loaded catalogue, so each id's number is its index.
    for index in catalogue.courses.indices { _ = courses.number(catalogue.courses[index].id) }
    self.courses = courses
    statusPosition = mapping.position(of: .status)!
    enrolledPosition = mapping.position(of: .enrolledOn)!
    completedPosition = mapping.position(of: .completedOn)
    orgPosition = mapping.position(of: .orgNumber)
    required = mapping.columns.enumerated().compactMap { position, column in
      switch column {
      case .learnerID, .courseID, .status, .enrolledOn, .completedOn: (position, column!)
      default: nil
      }
    }
  }

  /// The record of a CSV row, or why it is rejected. The learner is numbered in `pseudonyms`;
  /// fields are read as bytes, trimmed, and a string is made only for a message.
  package func validate(
    _ row: CSVRecord, pseudonyms: inout ByteInterner
  ) -> Result<CompletionRecord, Reject> {
    let line = row.line
    if let defect = fieldCountDefect(row) { return .failure(defect) }
    let status = FieldParsing.status(row.trimmed(statusPosition))
    // A pattern, not `==` on the optional, which reaches the status's `==` through its
    // conformance in another module, at every row.
    let isCompleted = if case .completed? = status { true } else { false }
    for (position, column) in required where column != .completedOn || isCompleted {
      if row.trimmed(position).isEmpty {
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
    if let position = orgPosition,
      let reject = context.checkOrg(row.trimmed(position), line: line)
    {
      return .failure(reject)
    }
    var record = CompletionRecord(
      agency: context.folderAgency, learner: 0, course: 0, status: .enrolled,
      enrolledOn: Day(ordinal: 0), completedOn: nil, minutes: nil)
    var learner: UnsafeBufferPointer<UInt8>?
    for (position, column) in mapping.columns.enumerated() {
      guard let column else { continue }
      let bytes = row.trimmed(position)
      func text() -> String { String(decoding: bytes, as: UTF8.self) }
      switch column {
      case .learnerID:
        if let reject = context.checkPseudonym(bytes, column: column, line: line) {
          return .failure(reject)
        }
        learner = bytes
      case .courseID:
        // The bytes as written, else the catalogue's own (Unicode-aware) comparison.
        guard
          let course = courses.lookup(bytes) ?? catalogue.index(ofCourse: text()).map(Int32.init)
        else {
          return .failure(
            context.reject(line, column, .unknownCourse, "`\(text())` is not in the catalogue"))
        }
        record.course = course
      case .status:
        guard let status else {
          return .failure(context.reject(line, column, .badStatus, "`\(text())` is not a status"))
        }
        record.status = status
      case .enrolledOn:
        switch context.checkDate(bytes, column: column, line: line) {
        case .success(let day): record.enrolledOn = day
        case .failure(let reject): return .failure(reject)
        }
      case .completedOn:
        guard isCompleted else { continue }
        switch context.checkDate(bytes, column: column, line: line) {
        case .success(let day):
          // `enrolled_on` is read already when it comes first, as it nearly always does.
          let enrolled =
            enrolledPosition < position
            ? record.enrolledOn : FieldParsing.date(bytes: row.trimmed(enrolledPosition))
          if let enrolled, day < enrolled {
            return .failure(
              context.reject(
                line, column, .completionBeforeEnrolment,
                "\(day) is before the enrolment \(enrolled)"))
          }
          record.completedOn = day
        case .failure(let reject): return .failure(reject)
        }
      case .minutesSpent:
        if bytes.isEmpty { continue }
        guard let minutes = FieldParsing.wholeNumber(bytes: bytes), minutes >= 0 else {
          return .failure(
            context.reject(
              line, column, .outOfRange, "`\(text())` is not a whole number of minutes ≥ 0"))
        }
        record.minutes = minutes
      default:
        continue
      }
    }
    // Numbered last: a rejected row's pseudonym is never kept.
    if let learner { record.learner = pseudonyms.number(learner) }
    return .success(record)
  }
}
