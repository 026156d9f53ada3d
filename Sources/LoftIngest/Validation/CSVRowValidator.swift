import LoftCore

/// Checks the rows of one CSV file of a kind against its header's columns.
package protocol CSVRowValidator {
  associatedtype Record

  /// The file's columns, as the header mapped them.
  var mapping: HeaderMapping { get }
  var context: RowContext { get }
  /// Where the pseudonym is in a row.
  var pseudonymPosition: Int { get }

  /// The record of a CSV row, or why it is rejected; the pseudonym is numbered in `pseudonyms`.
  func validate(_ row: CSVRecord, pseudonyms: inout ByteInterner) -> Result<Record, Reject>
}

extension CSVRowValidator {
  /// The record of a row of strings, or why it is rejected; the pseudonym is number 0.
  package func validate(_ fields: [String], line: Int) -> Result<Record, Reject> {
    var pseudonyms = ByteInterner()
    return CSVRecord.withFields(fields, line: line) { validate($0, pseudonyms: &pseudonyms) }
  }

  /// `malformed_row` when the row has another number of fields than the header.
  func fieldCountDefect(_ row: CSVRecord) -> Reject? {
    guard row.count != mapping.columns.count else { return nil }
    return context.reject(
      row.line, nil, .malformedRow,
      "\(row.count) fields where the header has \(mapping.columns.count)")
  }
}
