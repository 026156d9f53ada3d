/// Finds a CSV file's header line and delimiter from the UTF-8 text at its start.
///
/// The header is the first line that is not blank, unless that line is Excel's `sep=X`
/// line (`sep=` in any case, one character, nothing else), which sets the delimiter and
/// counts as a line; then the header is the next line that is not blank. Before the header,
/// a line is blank when it holds only spaces, tabs, CRs and delimiters (`,` and `;` while
/// the delimiter is unknown). Without a `sep=` line, the delimiter is whichever of `,` `;`
/// and TAB occurs most often outside quotes in the header line; ties go to `;`, then TAB,
/// then `,`; with none of them it is `,`.
///
/// Text is held back only from the start of the current line, so blank lines before the
/// header cost no memory; a header line (quoted newlines and all) may be at most
/// `maxFieldBytes` long. Once `isComplete`, `pending` holds the text from the header's first
/// byte on, ready for a `CSVTokenizer` started at `headerLine`.
package struct CSVDialectDetector {
  /// The delimiter, once a `sep=` line or the header line has set it.
  package private(set) var delimiter: UInt8?
  /// The physical line the header starts on, once the header line is complete.
  package private(set) var headerLine: Int?
  /// The physical line of the first line with content: the `sep=` line, or else the header.
  package private(set) var firstContentLine: Int?
  /// Text held back: from the start of the current line (from the header once complete).
  package private(set) var pending: [UInt8] = []

  private let newline: UInt8
  private let limits: CSVLimits
  /// The physical line the next byte is on, and the one the current line started on.
  private var line = 1
  private var lineStartLine = 1
  /// Where the current line starts in `pending`, and how far `pending` has been read.
  private var lineStart = 0
  private var scanned = 0
  private var lineHasContent = false
  private var inQuotes = false
  /// The next byte starts a field (a quote there opens a quoted field).
  private var atFieldStart = true
  /// The last byte closed a quoted field (a quote there is half of `""`).
  private var justClosedQuote = false
  /// Candidate delimiters outside quotes on the current line.
  private var commas = 0
  private var semicolons = 0
  private var tabs = 0

  private static let comma = UInt8(ascii: ",")
  private static let semicolon = UInt8(ascii: ";")
  private static let tab: UInt8 = 0x09
  private static let space: UInt8 = 0x20
  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed: UInt8 = 0x0A
  private static let carriageReturn: UInt8 = 0x0D

  /// A detector for text whose lines end as `lineEnding` says. A line before or of the
  /// header longer than `limits.maxFieldBytes` throws `TextError.limitExceeded`.
  package init(lineEnding: LineEnding, limits: CSVLimits) {
    newline = lineEnding == .cr ? Self.carriageReturn : Self.lineFeed
    self.limits = limits
  }

  /// True once the header line is complete: `delimiter` and `headerLine` are set.
  package var isComplete: Bool { headerLine != nil }

  /// Takes the next UTF-8 text; does nothing once `isComplete`.
  package mutating func feed(_ utf8: UnsafeBufferPointer<UInt8>) throws(TextError) {
    guard !isComplete else { return }
    pending.append(contentsOf: utf8)
    while scanned < pending.count && !isComplete {
      let byte = pending[scanned]
      scanned += 1
      if inQuotes {
        if byte == Self.quote {
          inQuotes = false
          justClosedQuote = true
        } else if byte == newline {
          line += 1
        }
      } else if byte == newline {
        try endLine(at: scanned - 1)
      } else {
        take(byte)
      }
    }
    // Drop the blank and `sep=` lines behind us: only the current line is kept.
    if lineStart > 0 {
      pending.removeFirst(lineStart)
      scanned -= lineStart
      lineStart = 0
    }
    if !isComplete { try checkLength(pending.count) }
  }

  /// Hands over the held-back text (from the header's first byte on once complete) and
  /// forgets it.
  package mutating func takePending() -> [UInt8] {
    var taken: [UInt8] = []
    swap(&taken, &pending)
    return taken
  }

  /// Ends the text: a last line without a line ending can still be the header (or the
  /// `sep=` line). Afterwards `isComplete` is false only when the text has no header.
  package mutating func finish() throws(TextError) {
    guard !isComplete else { return }
    if lineHasContent { try endLine(at: pending.count) }
  }

  /// Counts a byte outside quotes that is not a newline.
  @inline(__always)
  private mutating func take(_ byte: UInt8) {
    // As in `CSVTokenizer`, a quote opens quoting only at the start of a field (or as the
    // second half of `""`); elsewhere it is data, so a stray quote cannot swallow the file.
    let opensQuote = atFieldStart || justClosedQuote
    justClosedQuote = false
    if let delimiter {
      atFieldStart = byte == delimiter
    } else {
      atFieldStart = byte == Self.comma || byte == Self.semicolon || byte == Self.tab
    }
    switch byte {
    case Self.quote:
      inQuotes = opensQuote
      lineHasContent = true
    case Self.comma:
      commas += 1
      if let delimiter, delimiter != byte { lineHasContent = true }
    case Self.semicolon:
      semicolons += 1
      if let delimiter, delimiter != byte { lineHasContent = true }
    case Self.tab:
      tabs += 1
    case Self.space, Self.carriageReturn:
      break
    default:
      if byte != delimiter { lineHasContent = true }
    }
  }

  /// The current line ends at `end` (the newline's offset, or the end of the text).
  private mutating func endLine(at end: Int) throws(TextError) {
    try checkLength(end - lineStart)
    if lineHasContent && firstContentLine == nil { firstContentLine = lineStartLine }
    if lineHasContent {
      if delimiter == nil, let separator = Self.separator(in: pending[lineStart..<end]) {
        delimiter = separator
      } else {
        headerLine = lineStartLine
        if delimiter == nil { delimiter = chosenDelimiter }
        pending.removeFirst(lineStart)
        scanned -= lineStart
        lineStart = 0
        return
      }
    }
    line += 1
    lineStartLine = line
    lineStart = scanned
    lineHasContent = false
    inQuotes = false
    atFieldStart = true
    justClosedQuote = false
    commas = 0
    semicolons = 0
    tabs = 0
  }

  /// Throws when a line before or of the header, `length` bytes so far, is too long. Every
  /// line is checked however the text is chunked, so the outcome never depends on chunks.
  private func checkLength(_ length: Int) throws(TextError) {
    guard length > limits.maxFieldBytes else { return }
    throw .limitExceeded(
      "header line longer than \(limits.maxFieldBytesLabel) at line \(lineStartLine)")
  }

  /// The delimiter the counts on the header line pick.
  private var chosenDelimiter: UInt8 {
    if commas == 0 && semicolons == 0 && tabs == 0 { return Self.comma }
    var best = (Self.semicolon, semicolons)
    if tabs > best.1 { best = (Self.tab, tabs) }
    if commas > best.1 { best = (Self.comma, commas) }
    return best.0
  }

  /// The delimiter a `sep=X` line sets, or nil when `line` is not one. A trailing CR is
  /// part of the line ending.
  private static func separator(in line: ArraySlice<UInt8>) -> UInt8? {
    var bytes = line
    if bytes.last == carriageReturn { bytes.removeLast() }
    guard bytes.count == 5 else { return nil }
    let start = bytes.startIndex
    // ASCII letters lowercase by setting bit 5.
    guard
      bytes[start] | 0x20 == UInt8(ascii: "s") && bytes[start + 1] | 0x20 == UInt8(ascii: "e")
        && bytes[start + 2] | 0x20 == UInt8(ascii: "p") && bytes[start + 3] == UInt8(ascii: "=")
    else { return nil }
    let separator = bytes[start + 4]
    switch separator {
    case quote, lineFeed, carriageReturn, space, 0x80...: return nil
    default: return separator
    }
  }

  /// The name of a delimiter in a dialect label: `comma`, `semicolon`, `tab`, `pipe`, or the
  /// character itself.
  package static func name(ofDelimiter delimiter: UInt8) -> String {
    switch delimiter {
    case comma: "comma"
    case semicolon: "semicolon"
    case tab: "tab"
    case UInt8(ascii: "|"): "pipe"
    default: String(UnicodeScalar(delimiter))
    }
  }
}
