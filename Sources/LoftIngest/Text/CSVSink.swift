/// What a `CSVReader` hands a file's header and records to, as it reads them.
package protocol CSVSink {
  /// The header's fields, trimmed of spaces and tabs, and its physical line: called at most
  /// once, before any record.
  mutating func header(_ fields: [String], line: Int) throws
  /// A record after the header that is not blank; valid only during the call.
  mutating func record(_ record: CSVRecord) throws
}
