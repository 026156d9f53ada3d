/// What a `CSVTokenizer` hands each record to, as it completes it.
///
/// A protocol with a `mutating` method, not a closure: the tokenizer's loop is specialised for
/// each sink, and the sink's state is a value the caller passes `inout`, so taking a record
/// costs no reference counting of captured state and no run-time exclusivity check.
package protocol CSVRecordSink {
  /// Takes a record (blank ones too); the record is valid only during the call.
  mutating func take(_ record: CSVRecord) throws
}
