/// Reads a CSV file's raw bytes into its header and records: transcoding, header and
/// delimiter detection (`CSVDialectDetector`) and tokenizing (`CSVTokenizer`), streaming.
///
/// The sink's `header` gets the header's fields, trimmed of spaces and tabs, and its physical
/// line; it is called at most once, before any record, and never for a file without a
/// non-blank line (callers report `no_header`). Its `record` gets every record after the
/// header that is not blank (blank lines and `;;;;` rows are not records). Lines count from 1
/// at the header, or at Excel's `sep=` line before it (SPEC §3): blank lines before those are
/// not counted.
///
/// UTF-8 input (after the BOM) is tokenized where it lies, without a copy, and not validated
/// again: the profile comes from `TextSniffer`, which has checked every byte. Other encodings
/// are transcoded into one reused buffer.
package struct CSVReader {
  /// The file's encoding and line endings, from `TextSniffer` over the same bytes.
  package let profile: TextProfile
  /// The bounds on fields and records.
  package let limits: CSVLimits
  /// True once `onHeader` has been called.
  package private(set) var sawHeader = false

  private var transcoder: Transcoder
  /// Transcoded text of the current chunk; reused.
  private var text: [UInt8] = []
  private var detector: CSVDialectDetector
  /// Set once the header line has been found.
  private var tokenizer: CSVTokenizer?

  /// A reader for a file with `profile`.
  package init(profile: TextProfile, limits: CSVLimits = CSVLimits()) {
    self.profile = profile
    self.limits = limits
    transcoder = Transcoder(profile.encoding, checked: true)
    detector = CSVDialectDetector(lineEnding: profile.lineEnding, limits: limits)
  }

  /// A reader of a chunk of a file that starts at a record after the header: `delimiter` is
  /// the one the header set, and `firstLine` the number of the chunk's first line.
  package init(
    continuing profile: TextProfile, limits: CSVLimits, delimiter: UInt8, firstLine: Int
  ) {
    self.init(profile: profile, limits: limits)
    transcoder = Transcoder(profile.encoding, atTextStart: false, checked: true)
    tokenizer = CSVTokenizer(
      delimiter: delimiter, lineEnding: profile.lineEnding, limits: limits, firstLine: firstLine)
    sawHeader = true
  }

  /// True once the header is found and the text fed so far ends exactly after a record (or
  /// the header): the rest of the text could be read by a tokenizer of its own.
  package var isAtRecordStart: Bool { sawHeader && tokenizer?.isAtRecordStart == true }

  /// How many lines before the header (or `sep=` line) are not counted, once it is found: a
  /// tokenizer of the text from byte line `n` of the file numbers it `n - linesSkipped`.
  package var linesSkipped: Int { (detector.firstContentLine ?? 1) - 1 }

  /// The delimiter, once a `sep=` line or the header has set it.
  package var delimiter: UInt8? { tokenizer?.delimiter ?? detector.delimiter }

  /// The file's dialect as recorded in `_inputs`, e.g. `csv;windows-1252;crlf;semicolon`;
  /// without the delimiter while it is unknown.
  package var dialectLabel: String {
    let base = "csv;\(profile.encoding.rawValue);\(profile.lineEnding.rawValue)"
    guard let delimiter else { return base }
    return base + ";" + CSVDialectDetector.name(ofDelimiter: delimiter)
  }

  /// Takes the next chunk of the file's raw bytes, handing `sink` the header and records it
  /// completes. Throws `TextError` (bad encoding, a limit) or what the sink throws; after a
  /// throw the reader must not be used again.
  package mutating func feed(rawChunk: UnsafeRawBufferPointer, into sink: inout some CSVSink)
    throws
  {
    if transcoder.passesThrough {
      try rawChunk.withMemoryRebound(to: UInt8.self) { utf8 in
        try feedText(utf8, into: &sink)
      }
    } else {
      var text: [UInt8] = []
      swap(&text, &self.text)
      defer { swap(&text, &self.text) }
      text.removeAll(keepingCapacity: true)
      try transcoder.transcode(rawChunk, into: &text)
      try text.withUnsafeBufferPointer { utf8 in
        try feedText(utf8, into: &sink)
      }
    }
  }

  /// Ends the file: the last record without a line ending, or the header if the file is
  /// just that line. A quote still open makes the last record `.brokenQuoting`.
  package mutating func finish(into sink: inout some CSVSink) throws {
    var rest: [UInt8] = []
    try transcoder.finish(into: &rest)
    try rest.withUnsafeBufferPointer { utf8 in
      try feedText(utf8, into: &sink)
    }
    if tokenizer == nil {
      try detector.finish()
      guard startTokenizer() else { return }  // no header
      try feedTokenizer(detector.takePending(), into: &sink)
    }
    try runTokenizer(.finish, into: &sink)
  }

  /// `feed(rawChunk:into:)` with a closure for the header and one for each record.
  package mutating func feed(
    rawChunk: UnsafeRawBufferPointer,
    onHeader: ([String], Int) throws -> Void,
    onRecord: (CSVRecord) throws -> Void
  ) throws {
    try withCallbacks(onHeader, onRecord) { try feed(rawChunk: rawChunk, into: &$0) }
  }

  /// `finish(into:)` with a closure for the header and one for each record.
  package mutating func finish(
    onHeader: ([String], Int) throws -> Void,
    onRecord: (CSVRecord) throws -> Void
  ) throws {
    try withCallbacks(onHeader, onRecord) { try finish(into: &$0) }
  }

  /// Reads every chunk of `source`, then finishes.
  package mutating func read(
    from source: inout some ByteSource,
    onHeader: ([String], Int) throws -> Void,
    onRecord: (CSVRecord) throws -> Void
  ) throws {
    try withCallbacks(onHeader, onRecord) { sink in
      while let chunk = try source.nextChunk() {
        try chunk.withUnsafeBytes { rawChunk in
          try feed(rawChunk: rawChunk, into: &sink)
        }
      }
      try finish(into: &sink)
    }
  }

  /// Calls `body` with a sink that calls the closures.
  private func withCallbacks(
    _ onHeader: ([String], Int) throws -> Void, _ onRecord: (CSVRecord) throws -> Void,
    _ body: (inout Callbacks) throws -> Void
  ) throws {
    try withoutActuallyEscaping(onHeader) { onHeader in
      try withoutActuallyEscaping(onRecord) { onRecord in
        var sink = Callbacks(onHeader: onHeader, onRecord: onRecord)
        try body(&sink)
      }
    }
  }

  /// A sink of two closures.
  private struct Callbacks: CSVSink {
    let onHeader: ([String], Int) throws -> Void
    let onRecord: (CSVRecord) throws -> Void
    func header(_ fields: [String], line: Int) throws { try onHeader(fields, line) }
    func record(_ record: CSVRecord) throws { try onRecord(record) }
  }

  // MARK: - Steps

  /// Takes UTF-8 text: to the detector until the header line is complete, then to the
  /// tokenizer.
  private mutating func feedText(_ utf8: UnsafeBufferPointer<UInt8>, into sink: inout some CSVSink)
    throws
  {
    guard tokenizer == nil else {
      try runTokenizer(.feed(utf8), into: &sink)
      return
    }
    try detector.feed(utf8)
    guard startTokenizer() else { return }
    try feedTokenizer(detector.takePending(), into: &sink)
  }

  /// Starts the tokenizer at the header line once the detector has found it.
  private mutating func startTokenizer() -> Bool {
    guard let headerLine = detector.headerLine, let delimiter = detector.delimiter else {
      return false
    }
    // SPEC §3 counts lines from 1 at the header (or at Excel's `sep=` line before it): blank
    // lines before it are not counted.
    tokenizer = CSVTokenizer(
      delimiter: delimiter, lineEnding: profile.lineEnding, limits: limits,
      firstLine: headerLine - linesSkipped)
    return true
  }

  private mutating func feedTokenizer(_ utf8: [UInt8], into sink: inout some CSVSink) throws {
    try utf8.withUnsafeBufferPointer { utf8 in
      try runTokenizer(.feed(utf8), into: &sink)
    }
  }

  /// What to ask of the tokenizer.
  private enum TokenizerStep {
    case feed(UnsafeBufferPointer<UInt8>)
    case finish
  }

  /// Runs a step of the tokenizer, moved out of `self`, as is the sink, into a `Route` that
  /// also knows whether the header was seen.
  private mutating func runTokenizer<Sink: CSVSink>(_ step: TokenizerStep, into sink: inout Sink)
    throws
  {
    guard var tokenizer = tokenizer.take() else { return }
    // Moved, not copied: a copy of the sink would make its arrays copy themselves on the next
    // write.
    var route = Route(sawHeader: sawHeader, sink: consume sink)
    defer {
      self.tokenizer = tokenizer
      sawHeader = route.sawHeader
      sink = route.sink
    }
    switch step {
    case .feed(let utf8): try tokenizer.feed(utf8, into: &route)
    case .finish: try tokenizer.finish(into: &route)
    }
  }

  /// Routes the tokenizer's records: the first non-blank one is the header, later non-blank
  /// ones go to the sink.
  private struct Route<Sink: CSVSink>: CSVRecordSink {
    var sawHeader: Bool
    var sink: Sink

    mutating func take(_ record: CSVRecord) throws {
      if record.isBlank { return }
      if sawHeader {
        try sink.record(record)
      } else {
        sawHeader = true
        try sink.header((0..<record.count).map(record.trimmedString), line: record.line)
      }
    }
  }
}
