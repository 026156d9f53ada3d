import LoftIngest
import Testing

/// One record as a test sees it, copied out of the tokenizer's buffer.
struct Row: Equatable, CustomStringConvertible {
  var line: Int
  var fields: [String]
  var defect: CSVDefect?

  init(_ line: Int, _ fields: [String], defect: CSVDefect? = nil) {
    self.line = line
    self.fields = fields
    self.defect = defect
  }

  init(_ record: CSVRecord) {
    self.init(record.line, record.fields, defect: record.defect)
  }

  var description: String {
    "\(line): \(fields.debugDescription)" + (defect.map { " (\($0))" } ?? "")
  }
}

/// What reading a whole file (sniffer, then reader) produced.
struct ReadOutcome: Equatable {
  /// Nil when the sniffer found the file `bad_encoding`.
  var profile: TextProfile?
  var dialect: String?
  var header: [String]?
  var headerLine: Int?
  var rows: [Row] = []
  var error: TextError?
}

/// What tokenizing text produced: every record, and the lines of the blank ones.
struct TokenizeOutcome: Equatable {
  var rows: [Row] = []
  var blankLines: [Int] = []
  var error: TextError?
}

/// Runs the text layer over bytes cut into chunks of every size the tests care about, and
/// checks that the cut never changes the outcome.
enum ChunkedReading {
  /// Whole (0 stands for "one chunk"), then 1-, 2-, 3-, 7- and 67-byte chunks (the CSV
  /// tokenizer reads whole 64-byte blocks only in chunks longer than that).
  static let chunkSizes = [0, 1, 2, 3, 7, 67]

  /// `bytes` cut into chunks of `size` bytes (0: one chunk).
  static func chunks(_ bytes: [UInt8], size: Int) -> [[UInt8]] {
    let size = size == 0 ? max(bytes.count, 1) : size
    return stride(from: 0, to: bytes.count, by: size).map {
      Array(bytes[$0..<min($0 + size, bytes.count)])
    }
  }

  /// Sniffs `bytes`, then reads them with a `CSVReader`, both in chunks of `chunkSize`.
  static func read(_ bytes: [UInt8], chunkSize: Int, limits: CSVLimits) -> ReadOutcome {
    var outcome = ReadOutcome()
    var sniffer = TextSniffer()
    for chunk in chunks(bytes, size: chunkSize) {
      chunk.withUnsafeBytes { sniffer.feed($0) }
    }
    guard let profile = sniffer.finish() else { return outcome }
    outcome.profile = profile
    var reader = CSVReader(profile: profile, limits: limits)
    let onHeader = { (fields: [String], line: Int) in
      #expect(outcome.header == nil, "onHeader called twice")
      outcome.header = fields
      outcome.headerLine = line
    }
    let onRecord = { (record: CSVRecord) in
      #expect(outcome.header != nil, "a record before the header")
      outcome.rows.append(Row(record))
    }
    do {
      var source = ArrayByteSource(bytes, chunkSize: chunkSize == 0 ? 1 << 20 : chunkSize)
      try reader.read(from: &source, onHeader: onHeader, onRecord: onRecord)
    } catch let error as TextError {
      outcome.error = error
    } catch {
      Issue.record("unexpected error \(error)")
    }
    #expect(reader.sawHeader == (outcome.header != nil))
    outcome.dialect = reader.dialectLabel
    return outcome
  }

  /// Reads `bytes` whole and in small chunks, expects the same outcome each way, and
  /// returns it.
  static func readAllWays(
    _ bytes: [UInt8], limits: CSVLimits = CSVLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> ReadOutcome {
    let whole = read(bytes, chunkSize: 0, limits: limits)
    for size in chunkSizes.dropFirst() {
      let chunked = read(bytes, chunkSize: size, limits: limits)
      #expect(chunked == whole, "\(size)-byte chunks", sourceLocation: sourceLocation)
    }
    return whole
  }

  /// Reads UTF-8 text all ways.
  static func readAllWays(
    _ text: String, limits: CSVLimits = CSVLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> ReadOutcome {
    readAllWays(Array(text.utf8), limits: limits, sourceLocation: sourceLocation)
  }

  /// Tokenizes UTF-8 `text` in chunks of `chunkSize`.
  static func tokenize(
    _ text: String, delimiter: UInt8, lineEnding: LineEnding, limits: CSVLimits,
    firstLine: Int, chunkSize: Int
  ) -> TokenizeOutcome {
    var outcome = TokenizeOutcome()
    var tokenizer = CSVTokenizer(
      delimiter: delimiter, lineEnding: lineEnding, limits: limits, firstLine: firstLine)
    let body = { (record: CSVRecord) in
      outcome.rows.append(Row(record))
      if record.isBlank { outcome.blankLines.append(record.line) }
    }
    do {
      for chunk in chunks(Array(text.utf8), size: chunkSize) {
        try chunk.withUnsafeBufferPointer { try tokenizer.feed($0, body) }
      }
      try tokenizer.finish(body)
    } catch let error as TextError {
      outcome.error = error
    } catch {
      Issue.record("unexpected error \(error)")
    }
    return outcome
  }

  /// Tokenizes `text` whole and in small chunks, expects the same outcome each way, and
  /// returns it.
  static func tokenizeAllWays(
    _ text: String, delimiter: Character = ",", lineEnding: LineEnding = .lf,
    limits: CSVLimits = CSVLimits(), firstLine: Int = 1,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> TokenizeOutcome {
    let delimiter = delimiter.asciiValue!
    let whole = tokenize(
      text, delimiter: delimiter, lineEnding: lineEnding, limits: limits, firstLine: firstLine,
      chunkSize: 0)
    for size in chunkSizes.dropFirst() {
      let chunked = tokenize(
        text, delimiter: delimiter, lineEnding: lineEnding, limits: limits,
        firstLine: firstLine, chunkSize: size)
      #expect(chunked == whole, "\(size)-byte chunks", sourceLocation: sourceLocation)
    }
    return whole
  }

  /// Sniffs `bytes` whole and in small chunks, expects the same profile each way, and
  /// returns it.
  static func sniffAllWays(
    _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
  ) -> TextProfile? {
    let profiles = chunkSizes.map { size in
      var sniffer = TextSniffer()
      for chunk in chunks(bytes, size: size) {
        chunk.withUnsafeBytes { sniffer.feed($0) }
      }
      return sniffer.finish()
    }
    for (size, profile) in zip(chunkSizes, profiles).dropFirst() {
      #expect(profile == profiles[0], "\(size)-byte chunks", sourceLocation: sourceLocation)
    }
    return profiles[0]
  }

  /// Transcodes `bytes` whole and in small chunks, expects the same output (or error) each
  /// way, and returns it.
  static func transcodeAllWays(
    _ bytes: [UInt8], from encoding: TextEncoding,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Result<[UInt8], TextError> {
    let results = chunkSizes.map { size -> Result<[UInt8], TextError> in
      var transcoder = Transcoder(encoding)
      var output: [UInt8] = []
      do {
        for chunk in chunks(bytes, size: size) {
          try chunk.withUnsafeBytes { try transcoder.transcode($0, into: &output) }
        }
        try transcoder.finish(into: &output)
        return .success(output)
      } catch let error as TextError {
        return .failure(error)
      } catch {
        Issue.record("unexpected error \(error)")
        return .success([])
      }
    }
    for (size, result) in zip(chunkSizes, results).dropFirst() {
      #expect(result == results[0], "\(size)-byte chunks", sourceLocation: sourceLocation)
    }
    return results[0]
  }
}

extension Array where Element == UInt8 {
  /// `text` as UTF-16 LE with a BOM, as Excel's "Unicode text" writes it.
  static func utf16LE(_ text: String) -> [UInt8] {
    [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  }
}

extension CSVTokenizer {
  /// `feed(_:into:)` with a closure for each record.
  mutating func feed(_ utf8: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void)
    throws
  {
    try withoutActuallyEscaping(body) { body in
      var sink = RecordClosure(body: body)
      try feed(utf8, into: &sink)
    }
  }

  /// `finish(into:)` with a closure for the last record.
  mutating func finish(_ body: (CSVRecord) throws -> Void) throws {
    try withoutActuallyEscaping(body) { body in
      var sink = RecordClosure(body: body)
      try finish(into: &sink)
    }
  }
}

/// A record sink that calls a closure.
private struct RecordClosure: CSVRecordSink {
  let body: (CSVRecord) throws -> Void
  func take(_ record: CSVRecord) throws { try body(record) }
}
