import LoftCore

/// Checks one completion CSV row and turns it into a `CompletionRecord`, or the first defect.
///
/// A `completed` row needs `completed_on` (else `missing_required` there); on other rows
/// `completed_on` is ignored.
package final class CompletionRowValidator: CSVRowValidator, Sendable {
  package let mapping: HeaderMapping
  package let context: RowContext
  let catalogue: Catalogue
  /// Where each column is in a row: decided once per file, from its header.
  private let coursePosition: Int
  private let statusPosition: Int
  private let enrolledPosition: Int
  private let completedPosition: Int?
  private let minutesPosition: Int?
  private let orgPosition: Int?
  /// The catalogue's course ids, numbered by their index in it.
  private let courses: ByteInterner
  /// The columns a row's values are checked in, in the file's order: a row's defect is the
  /// first one found left to right.
  private let order: [(position: Int, column: CanonicalColumn)]

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
    coursePosition = mapping.position(of: .courseID)!
    statusPosition = mapping.position(of: .status)!
    enrolledPosition = mapping.position(of: .enrolledOn)!
    completedPosition = mapping.position(of: .completedOn)
    minutesPosition = mapping.position(of: .minutesSpent)
    orgPosition = mapping.position(of: .orgNumber)
    order = mapping.columns.enumerated().compactMap { position, column in
      switch column {
      case .learnerID, .courseID, .status, .enrolledOn, .completedOn, .minutesSpent:
        (position, column!)
      default: nil
      }
    }
  }

  /// The record of a CSV row, or why it is rejected. The learner is numbered in `pseudonyms`;
  /// fields are read as bytes, each trimmed once, and a string is made only for a message.
  package func validate(
    _ row: CSVRecord, pseudonyms: inout ByteInterner
  ) -> Result<CompletionRecord, Reject> {
    if let record = validRecord(row, pseudonyms: &pseudonyms) { return .success(record) }
    return checkedInOrder(row, pseudonyms: &pseudonyms)
  }

  /// The record of a row that passes every check, each field checked once in a fixed order;
  /// nil when any check fails or needs more than the common case (a pseudonym over 128 bytes,
  /// a course id spelled unlike the catalogue's), and then `checkedInOrder` decides.
  ///
  /// Nearly every row is valid: going through the columns in the file's order, with a switch
  /// per column, cost an unpredictable jump at every field, only to report the first defect.
  @inline(__always)
  private func validRecord(_ row: CSVRecord, pseudonyms: inout ByteInterner) -> CompletionRecord? {
    guard row.count == mapping.columns.count else { return nil }
    let learner = row.trimmed(pseudonymPosition)
    guard !learner.isEmpty, learner.count <= 128,
      let course = courses.lookup(row.trimmed(coursePosition)),
      let status = FieldParsing.status(row.trimmed(statusPosition)),
      let enrolledOn = FieldParsing.date(bytes: row.trimmed(enrolledPosition)),
      enrolledOn <= context.asOf
    else { return nil }
    var completedOn: Day?
    if case .completed = status {
      guard let position = completedPosition,
        let day = FieldParsing.date(bytes: row.trimmed(position)), day <= context.asOf,
        day >= enrolledOn
      else { return nil }
      completedOn = day
    }
    var minutes: Int?
    if let position = minutesPosition {
      let bytes = row.trimmed(position)
      if !bytes.isEmpty {
        guard let value = FieldParsing.wholeNumber(bytes: bytes), value >= 0 else { return nil }
        minutes = value
      }
    }
    if let position = orgPosition, !context.isFolderOrg(row.trimmed(position)) { return nil }
    return CompletionRecord(
      agency: context.folderAgency, learner: pseudonyms.number(learner), course: course,
      status: status, enrolledOn: enrolledOn, completedOn: completedOn, minutes: minutes)
  }

  /// `validate` column by column in the file's order, so that the defect reported is the
  /// first one left to right.
  func checkedInOrder(
    _ row: CSVRecord, pseudonyms: inout ByteInterner
  ) -> Result<CompletionRecord, Reject> {
    let line = row.line
    if let defect = fieldCountDefect(row) { return .failure(defect) }
    let learner = row.trimmed(pseudonymPosition)
    let course = row.trimmed(coursePosition)
    let statusBytes = row.trimmed(statusPosition)
    let enrolled = row.trimmed(enrolledPosition)
    let status = FieldParsing.status(statusBytes)
    // A pattern, not `==` on the optional, which reaches the status's `==` through its
    // conformance in another module, at every row.
    let isCompleted = if case .completed? = status { true } else { false }
    let completed = isCompleted ? completedPosition.map { row.trimmed($0) } : nil
    if learner.isEmpty || course.isEmpty || statusBytes.isEmpty || enrolled.isEmpty
      || completed?.isEmpty == true
    {
      return .failure(firstEmpty(row, isCompleted: isCompleted))
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
    for (position, column) in order {
      switch column {
      case .learnerID:
        if let reject = context.checkPseudonym(learner, column: column, line: line) {
          return .failure(reject)
        }
      case .courseID:
        // The bytes as written, else the catalogue's own (Unicode-aware) comparison.
        func text() -> String { String(decoding: course, as: UTF8.self) }
        guard
          let number = courses.lookup(course) ?? catalogue.index(ofCourse: text()).map(Int32.init)
        else {
          return .failure(
            context.reject(line, column, .unknownCourse, "`\(text())` is not in the catalogue"))
        }
        record.course = number
      case .status:
        guard let status else {
          return .failure(
            context.reject(
              line, column, .badStatus,
              "`\(String(decoding: statusBytes, as: UTF8.self))` is not a status"))
        }
        record.status = status
      case .enrolledOn:
        switch context.checkDate(enrolled, column: column, line: line) {
        case .success(let day): record.enrolledOn = day
        case .failure(let reject): return .failure(reject)
        }
      case .completedOn:
        guard let completed else { continue }
        switch context.checkDate(completed, column: column, line: line) {
        case .success(let day):
          // `enrolled_on` is read already when it comes first, as it nearly always does.
          let enrolled =
            enrolledPosition < position ? record.enrolledOn : FieldParsing.date(bytes: enrolled)
          if let enrolled, day < enrolled {
            return .failure(
              context.reject(
                line, column, .completionBeforeEnrolment,
                "\(day) is before the enrolment \(enrolled)"))
          }
          record.completedOn = day
        case .failure(let reject): return .failure(reject)
        }
      default:
        let bytes = row.trimmed(position)
        if bytes.isEmpty { continue }
        guard let minutes = FieldParsing.wholeNumber(bytes: bytes), minutes >= 0 else {
          return .failure(
            context.reject(
              line, column, .outOfRange,
              "`\(String(decoding: bytes, as: UTF8.self))` is not a whole number of minutes ≥ 0"))
        }
        record.minutes = minutes
      }
    }
    // Numbered last: a rejected row's pseudonym is never kept.
    record.learner = pseudonyms.number(learner)
    return .success(record)
  }

  /// The `missing_required` reject of a row with an empty required field: the first in the
  /// file's order (`completed_on` is required on completed rows only).
  private func firstEmpty(_ row: CSVRecord, isCompleted: Bool) -> Reject {
    let (_, column) = order.first { position, column in
      column != .minutesSpent && (column != .completedOn || isCompleted)
        && row.trimmed(position).isEmpty
    }!
    return context.reject(
      row.line, column, .missingRequired, "`\(column.name(in: context.model))` is empty")
  }
}
