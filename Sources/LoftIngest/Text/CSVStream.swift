import LoftCore

/// A whole CSV delivery read in chunks: decoding, finding the header and delimiter, and
/// tokenizing, in one streaming pass after the encoding is known.
package struct CSVStream {
  private var transcoder: Transcoder
  private var detector: CSVDialectDetector
  private var tokenizer: CSVTokenizer?
  private let profile: TextProfile
  private let limits: CSVLimits
  private var utf8: [UInt8] = []
  /// Whether the header record has been seen.
  package private(set) var sawHeader = false

  package init(profile: TextProfile, limits: CSVLimits) {
    self.profile = profile
    self.limits = limits
    transcoder = Transcoder(profile.encoding)
    detector = CSVDialectDetector(lineEnding: profile.lineEnding, limits: limits)
  }

  /// The delimiter, once known.
  package var delimiter: UInt8? { detector.delimiter }

  /// The physical line of the header, once known.
  package var headerLine: Int? { detector.headerLine }

  /// Takes raw bytes; calls `onHeader` once with the trimmed header names, then `onRecord` for
  /// every record that is not blank.
  package mutating func feed(
    _ raw: UnsafeRawBufferPointer, onHeader: ([String]) throws -> Void,
    onRecord: (CSVRecord) throws -> Void
  ) throws {
    utf8.removeAll(keepingCapacity: true)
    try transcoder.transcode(raw, into: &utf8)
    try process(onHeader: onHeader, onRecord: onRecord)
  }

  /// Ends the input: the last record without a line ending, an unterminated quote.
  package mutating func finish(
    onHeader: ([String]) throws -> Void, onRecord: (CSVRecord) throws -> Void
  ) throws {
    utf8.removeAll(keepingCapacity: true)
    try transcoder.finish(into: &utf8)
    try process(onHeader: onHeader, onRecord: onRecord)
    if tokenizer == nil {
      try detector.finish()
      try startTokenizer(onHeader: onHeader, onRecord: onRecord)
    }
    guard tokenizer != nil else { return }
    try tokenizer!.finish { record in try deliver(record, onHeader: onHeader, onRecord: onRecord) }
  }

  private mutating func process(
    onHeader: ([String]) throws -> Void, onRecord: (CSVRecord) throws -> Void
  ) throws {
    if tokenizer == nil {
      try utf8.withUnsafeBufferPointer { try detector.feed($0) }
      try startTokenizer(onHeader: onHeader, onRecord: onRecord)
      return
    }
    try utf8.withUnsafeBufferPointer { buffer in
      try tokenizer!.feed(buffer) { record in try deliver(record, onHeader: onHeader, onRecord: onRecord) }
    }
  }

  /// Once the header line is known, hands the held-back text to a tokenizer.
  private mutating func startTokenizer(
    onHeader: ([String]) throws -> Void, onRecord: (CSVRecord) throws -> Void
  ) throws {
    guard detector.isComplete, let delimiter = detector.delimiter, let line = detector.headerLine
    else { return }
    tokenizer = CSVTokenizer(
      delimiter: delimiter, lineEnding: profile.lineEnding, limits: limits, firstLine: line)
    let pending = detector.takePending()
    try pending.withUnsafeBufferPointer { buffer in
      try tokenizer!.feed(buffer) { record in try deliver(record, onHeader: onHeader, onRecord: onRecord) }
    }
  }

  private mutating func deliver(
    _ record: CSVRecord, onHeader: ([String]) throws -> Void, onRecord: (CSVRecord) throws -> Void
  ) throws {
    if !sawHeader {
      sawHeader = true
      try onHeader((0..<record.count).map(record.trimmedString))
      return
    }
    if record.isBlank && record.defect == nil { return }
    try onRecord(record)
  }
}
