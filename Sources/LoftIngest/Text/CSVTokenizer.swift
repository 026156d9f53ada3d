import CIntrinsics

/// Splits UTF-8 text into CSV records: RFC 4180 quoting, physical line numbers, limits.
///
/// - Quoting: a field that starts with `"` is quoted; inside it the delimiter and newlines
///   are data and `""` is one quote. Text after the closing quote (`"abc"def`), a quote in
///   an unquoted field (`ab"c`) and a quote still open at the end of the input make the
///   record `.brokenQuoting`; the stray characters are kept as data.
/// - Lines: in `lf`, `crlf` and `none` mode LF ends a line, and a CR directly before it
///   (outside quotes) belongs to the line ending; any other CR is data. In `cr` mode CR
///   ends a line. A CR at the very end of the input ends the line too. Inside a quoted
///   field the newline bytes are kept as data (`"a\r\nb"` is `a`, CR, LF, `b`) and still
///   start a new physical line. A record's `line` is the line it starts on.
/// - Every line ending outside quotes ends a record, so empty lines (also trailing ones)
///   come out as blank records; callers skip them.
///
/// A plain record (no quote, no CR but in a line ending) that lies in one chunk is handed on as
/// a view of the chunk, found 64 bytes at a time. Any other record's bytes live in one reused
/// buffer (unescaped field bytes, plus field end offsets) that the inner loop writes through a
/// pointer while it scans, so once warmed up feeding allocates nothing; memory is bounded by
/// one record (`CSVLimits`) plus one chunk, never by the input's size. Chunks may split
/// anything.
package struct CSVTokenizer {
  /// Where the tokenizer is inside the current field.
  private enum State: UInt8 {
    /// At the start of a field: nothing of it seen yet.
    case fieldStart
    /// Inside a field that did not start with a quote.
    case unquoted
    /// Inside a quoted field.
    case quoted
    /// Just after a quote inside a quoted field: the closing quote, or half of `""`.
    case quoteInQuoted
  }

  /// The byte between fields.
  package let delimiter: UInt8
  /// What ends a physical line.
  package let lineEnding: LineEnding
  /// The bounds that make feeding throw `TextError.limitExceeded`.
  package let limits: CSVLimits

  /// The byte that ends a line: LF, or CR in `cr` mode.
  private let newline: UInt8
  /// CR, whose meaning depends on the next byte; equals `newline` in `cr` mode.
  private let carriageReturn: UInt8

  /// The current record's unescaped field bytes, one byte apart (as in `CSVRecord`), in the
  /// first `byteCount` bytes. The array only grows, before a chunk is scanned: a chunk never
  /// unescapes to more bytes than it has (the byte between fields stands for the delimiter or
  /// line ending it replaces), plus a CR held over from the chunk before.
  private var buffer: [UInt8] = []
  private var byteCount = 0
  /// Where each finished field of the current record ends in `buffer`, in the first
  /// `fieldCount` entries. Grown like `buffer`.
  private var fieldEnds: [Int] = []
  private var fieldCount = 0
  /// Where the current field starts in `buffer`.
  private var fieldStart = 0
  private var state = State.fieldStart
  /// A CR outside quotes was the last byte fed; the next byte says whether it was data.
  private var pendingCarriageReturn = false
  private var defect: CSVDefect?
  /// The physical line the next byte is on.
  private var line: Int
  /// The physical line the current record started on.
  private var recordLine: Int

  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed: UInt8 = 0x0A
  private static let carriageReturnByte: UInt8 = 0x0D

  /// A tokenizer for text with `delimiter` and `lineEnding`, whose first byte is on physical
  /// line `firstLine` (readers that skip lines before the header start it there).
  package init(delimiter: UInt8, lineEnding: LineEnding, limits: CSVLimits, firstLine: Int = 1) {
    precondition(
      delimiter != Self.quote && delimiter != Self.lineFeed
        && delimiter != Self.carriageReturnByte,
      "the delimiter cannot be a quote or a line ending")
    self.delimiter = delimiter
    self.lineEnding = lineEnding
    self.limits = limits
    newline = lineEnding == .cr ? Self.carriageReturnByte : Self.lineFeed
    carriageReturn = Self.carriageReturnByte
    line = firstLine
    recordLine = firstLine
  }

  /// True when the bytes fed so far end exactly after a record: the input could be cut here.
  package var isAtRecordStart: Bool { !recordStarted }

  /// True when bytes of an unfinished record have been fed.
  private var recordStarted: Bool {
    state != .fieldStart || fieldCount > 0 || pendingCarriageReturn
  }

  /// Feeds UTF-8 bytes; hands `sink` each record they complete (blank ones too).
  ///
  /// Throws `TextError.limitExceeded` for a field longer than `limits.maxFieldBytes` or a
  /// record with more than `limits.maxColumns` fields, and whatever `sink` throws.
  package mutating func feed(
    _ utf8: UnsafeBufferPointer<UInt8>, into sink: inout some CSVRecordSink
  ) throws {
    guard let input = utf8.baseAddress, !utf8.isEmpty else { return }
    reserve(forInput: utf8.count)
    // Moved out of `self`, so the loop can write through their pointers while it updates
    // the rest of `self`.
    var buffer: [UInt8] = []
    var fieldEnds: [Int] = []
    swap(&buffer, &self.buffer)
    swap(&fieldEnds, &self.fieldEnds)
    defer {
      swap(&buffer, &self.buffer)
      swap(&fieldEnds, &self.fieldEnds)
    }
    try buffer.withUnsafeMutableBufferPointer { out in
      try fieldEnds.withUnsafeMutableBufferPointer { ends in
        try scan(input, utf8.count, out.baseAddress!, ends.baseAddress!, &sink)
      }
    }
  }

  /// Ends the input: emits the last record if it has no line ending. A quote still open
  /// here makes that record `.brokenQuoting`.
  package mutating func finish(into sink: inout some CSVRecordSink) throws {
    guard recordStarted else { return }
    pendingCarriageReturn = false
    if state == .quoted { defect = .brokenQuoting }
    reserve(forInput: 0)
    var buffer: [UInt8] = []
    var fieldEnds: [Int] = []
    swap(&buffer, &self.buffer)
    swap(&fieldEnds, &self.fieldEnds)
    defer {
      swap(&buffer, &self.buffer)
      swap(&fieldEnds, &self.fieldEnds)
    }
    try buffer.withUnsafeMutableBufferPointer { out in
      try fieldEnds.withUnsafeMutableBufferPointer { ends in
        try endRecord(out.baseAddress!, ends.baseAddress!, &sink)
      }
    }
  }

  // MARK: - Scanning

  /// Grows the storage so that scanning `count` more bytes cannot overflow it.
  private mutating func reserve(forInput count: Int) {
    // A held-over CR may become one more data byte; each byte ends at most one field, and
    // the field after the last allowed one throws.
    let bytesNeeded = byteCount + count + 1
    if buffer.count < bytesNeeded {
      buffer.append(
        contentsOf: repeatElement(0, count: max(bytesNeeded, 2 * buffer.count) - buffer.count))
    }
    let endsNeeded = min(fieldCount + count, limits.maxColumns) + 1
    if fieldEnds.count < endsNeeded {
      fieldEnds.append(
        contentsOf: repeatElement(0, count: max(endsNeeded, 2 * fieldEnds.count) - fieldEnds.count))
    }
  }

  /// The state machine over one chunk; `out` and `ends` have room for what it can write.
  private mutating func scan(
    _ input: UnsafePointer<UInt8>, _ count: Int, _ out: UnsafeMutablePointer<UInt8>,
    _ ends: UnsafeMutablePointer<Int>, _ sink: inout some CSVRecordSink
  ) throws {
    let delimiter = self.delimiter
    let newline = self.newline
    let carriageReturn = self.carriageReturn
    let quote = Self.quote
    var index = 0
    // What ends a run of field bytes: outside quotes the delimiter, a quote or a line ending
    // (in `cr` mode `newline` is the CR); inside quotes a quote, or a newline to count.
    var runEnds = ByteFinder(
      input, count: count, targets: (delimiter, quote, newline, carriageReturn))
    var quotedRunEnds = ByteFinder(input, count: count, targets: (quote, newline, quote, newline))

    if pendingCarriageReturn {
      pendingCarriageReturn = false
      if input[0] == Self.lineFeed {
        index = 1
        try endRecord(out, ends, &sink)
      } else {
        try carriageReturnIsData(out)
      }
    }

    while index < count {
      switch state {
      case .fieldStart:
        if fieldCount == 0 {
          try scanPlainRecords(input, count, &index, out, ends, &sink)
          guard index < count else { break }
          if state != .fieldStart { continue }
        }
        let byte = input[index]
        if byte == delimiter {
          index += 1
          try endField(out, ends)
        } else if byte == quote {
          index += 1
          state = .quoted
        } else if byte == newline {
          index += 1
          try endRecord(out, ends, &sink)
        } else if byte == carriageReturn {
          index += 1
          try carriageReturnOutsideQuotes(input, count, &index, out, ends, &sink)
        } else {
          state = .unquoted  // the byte is read there, with the rest of its run
        }

      case .unquoted:
        // A record's unquoted fields one after another stay in this loop: the switch's jump for
        // every field cost more than the field's bytes.
        var end = runEnds.next(from: index)
        while true {
          // Copy the run of ordinary bytes up to its end.
          if end > index {
            Self.copy(input + index, to: out + byteCount, count: end - index)
            byteCount += end - index
            index = end
            try checkFieldLength()
          }
          guard index < count else { break }
          let byte = input[index]
          index += 1
          if byte == quote {
            defect = .brokenQuoting
            try append(byte, out)
            end = runEnds.next(from: index)
            continue
          }
          guard byte == delimiter || byte == newline else {
            try carriageReturnOutsideQuotes(input, count, &index, out, ends, &sink)
            break
          }
          if byte == delimiter {
            try endField(out, ends)
          } else {
            try endRecord(out, ends, &sink)
            break  // to `.fieldStart`, which reads plain records a block at a time
          }
          // What `.fieldStart` would do: a delimiter ends an empty field, and an ordinary byte
          // starts an unquoted one. Anything else goes back to the switch.
          while index < count && input[index] == delimiter {
            index += 1
            try endField(out, ends)
          }
          guard index < count else { break }
          end = runEnds.next(from: index)
          guard end > index else { break }
          state = .unquoted
        }

      case .quoted:
        let end = quotedRunEnds.next(from: index)
        if end > index {
          Self.copy(input + index, to: out + byteCount, count: end - index)
          byteCount += end - index
          index = end
          try checkFieldLength()
          if index == count { break }
        }
        let byte = input[index]
        index += 1
        if byte == quote {
          state = .quoteInQuoted
        } else {
          try append(byte, out)
          line += 1
        }

      case .quoteInQuoted:
        let byte = input[index]
        index += 1
        if byte == quote {
          try append(byte, out)
          state = .quoted
        } else if byte == delimiter {
          try endField(out, ends)
        } else if byte == newline {
          try endRecord(out, ends, &sink)
        } else if byte == carriageReturn {
          try carriageReturnOutsideQuotes(input, count, &index, out, ends, &sink)
        } else {
          defect = .brokenQuoting
          try append(byte, out)
          state = .unquoted
        }
      }
    }
  }

  /// Reads plain records (unquoted fields, LF or CRLF line endings, or CR in `cr` mode) from
  /// `index`, at the start of a record, 64 bytes at a time: per block one mask of delimiters
  /// and newlines, whose set bits are walked in order, and each record handed to `sink` as a
  /// view of `input`, nothing copied. Stops at a quote or a CR that does not end a line, or
  /// where a whole block no longer fits, leaving the record begun there in `self` as the
  /// byte-at-a-time loop would have.
  private mutating func scanPlainRecords(
    _ input: UnsafePointer<UInt8>, _ count: Int, _ index: inout Int,
    _ out: UnsafeMutablePointer<UInt8>, _ ends: UnsafeMutablePointer<Int>,
    _ sink: inout some CSVRecordSink
  ) throws {
    let returnIsNewline = lineEnding == .cr
    let maxFieldBytes = limits.maxFieldBytes
    let maxColumns = limits.maxColumns
    var recordStart = index
    var fieldStart = index
    var fieldCount = 0
    var block = index
    while block + 64 <= count {
      var newlines: UInt64 = 0
      var quotes: UInt64 = 0
      var returns: UInt64 = 0
      let delimiters = loft_csv_bytes64(
        input + block, delimiter, newline, &newlines, &quotes, &returns)
      if returnIsNewline { returns = 0 }
      // A CR right before an LF belongs to the line ending; the bits of `crlfs` are on those
      // LFs. A CR as the block's last byte stops the walk, and the byte-at-a-time loop decides.
      let crlfs = (returns & (newlines >> 1)) << 1
      let stops = quotes | (returns & ~(crlfs >> 1))
      var separators = delimiters | newlines
      // Only the bytes before the first stop are plain.
      if stops != 0 { separators &= (1 << UInt64(stops.trailingZeroBitCount)) - 1 }
      while separators != 0 {
        let bit = UInt64(separators.trailingZeroBitCount)
        separators &= separators - 1
        let position = block + Int(bit)
        let end = position - Int(truncatingIfNeeded: (crlfs >> bit) & 1)
        guard end - fieldStart <= maxFieldBytes else { throw fieldTooLong() }
        guard fieldCount < maxColumns else { throw tooManyColumns() }
        ends[fieldCount] = end - recordStart
        fieldCount += 1
        fieldStart = position + 1
        if newlines & (1 << bit) != 0 {
          try sink.take(
            CSVRecord(
              line: recordLine, defect: nil,
              bytes: UnsafeBufferPointer(start: input + recordStart, count: end - recordStart),
              ends: UnsafeBufferPointer(start: ends, count: fieldCount)))
          line += 1
          recordLine = line
          recordStart = position + 1
          fieldCount = 0
        }
      }
      if stops != 0 {
        block += stops.trailingZeroBitCount
        break
      }
      block += 64
    }
    // The record begun, into the buffer, its fields one byte apart as in the input.
    index = block
    byteCount = index - recordStart
    out.update(from: input + recordStart, count: byteCount)
    self.fieldCount = fieldCount
    self.fieldStart = fieldStart - recordStart
    state = index > fieldStart ? .unquoted : .fieldStart
    try checkFieldLength()
  }

  // MARK: - Steps

  /// Copies a run of field bytes: eight at a time, then the rest one by one.
  @inline(__always)
  private static func copy(
    _ source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>, count: Int
  ) {
    var offset = 0
    while offset + 8 <= count {
      let word = UnsafeRawPointer(source + offset).loadUnaligned(as: UInt64.self)
      UnsafeMutableRawPointer(destination + offset).storeBytes(of: word, as: UInt64.self)
      offset += 8
    }
    while offset < count {
      destination[offset] = source[offset]
      offset += 1
    }
  }

  /// A CR outside quotes (not in `cr` mode), at `index - 1`: with an LF after it, a line
  /// ending; otherwise data. When it is the chunk's last byte, the next chunk decides.
  @inline(__always)
  private mutating func carriageReturnOutsideQuotes(
    _ input: UnsafePointer<UInt8>, _ count: Int, _ index: inout Int,
    _ out: UnsafeMutablePointer<UInt8>, _ ends: UnsafeMutablePointer<Int>,
    _ sink: inout some CSVRecordSink
  ) throws {
    guard index < count else {
      pendingCarriageReturn = true
      return
    }
    if input[index] == Self.lineFeed {
      index += 1
      try endRecord(out, ends, &sink)
    } else {
      try carriageReturnIsData(out)
    }
  }

  /// A CR outside quotes that is not part of a line ending: field data.
  private mutating func carriageReturnIsData(_ out: UnsafeMutablePointer<UInt8>) throws(TextError) {
    if state == .quoteInQuoted { defect = .brokenQuoting }
    state = .unquoted
    try append(carriageReturn, out)
  }

  @inline(__always)
  private mutating func append(_ byte: UInt8, _ out: UnsafeMutablePointer<UInt8>) throws(TextError)
  {
    out[byteCount] = byte
    byteCount += 1
    try checkFieldLength()
  }

  @inline(__always)
  private func checkFieldLength() throws(TextError) {
    if byteCount - fieldStart > limits.maxFieldBytes { throw fieldTooLong() }
  }

  private func fieldTooLong() -> TextError {
    .limitExceeded("field longer than \(limits.maxFieldBytesLabel) at line \(recordLine)")
  }

  private func tooManyColumns() -> TextError {
    .limitExceeded("more than \(limits.maxColumns) columns at line \(recordLine)")
  }

  /// Ends the current field; the next byte starts a new one.
  @inline(__always)
  private mutating func endField(
    _ out: UnsafeMutablePointer<UInt8>, _ ends: UnsafeMutablePointer<Int>
  ) throws(TextError) {
    guard fieldCount < limits.maxColumns else { throw tooManyColumns() }
    ends[fieldCount] = byteCount
    fieldCount += 1
    // One byte between fields, as between the fields of a record read in place.
    out[byteCount] = delimiter
    byteCount += 1
    fieldStart = byteCount
    state = .fieldStart
  }

  /// Ends the current field and record, hands the record to `sink`, and moves to the next
  /// line.
  private mutating func endRecord(
    _ out: UnsafeMutablePointer<UInt8>, _ ends: UnsafeMutablePointer<Int>,
    _ sink: inout some CSVRecordSink
  ) throws {
    try endField(out, ends)
    try sink.take(
      CSVRecord(
        line: recordLine, defect: defect,
        bytes: UnsafeBufferPointer(start: out, count: byteCount - 1),
        ends: UnsafeBufferPointer(start: ends, count: fieldCount)))
    byteCount = 0
    fieldCount = 0
    fieldStart = 0
    defect = nil
    line += 1
    recordLine = line
  }
}
