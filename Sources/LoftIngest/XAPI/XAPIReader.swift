/// Reads one xAPI delivery as it streams in, and reports each statement with its line.
///
/// Three forms are read, decided from the first byte that is not whitespace (a UTF-8 byte-order
/// mark is skipped):
/// - `[`: a top-level array of statements, read like a statements document.
/// - `{`: a statements document when the first top-level object has a `statements` key holding an
///   array (other top-level keys, such as `more`, are ignored); JSON Lines otherwise, since a
///   JSON Lines file starts with one statement object.
/// - anything else: JSON Lines.
///
/// In JSON Lines a line that is not valid JSON or not an object is one `.malformed` item and the
/// reader goes on; blank lines count but are not records. A document or array that is not valid
/// JSON throws `.badJSON` for the whole file. Going past a limit throws `.limitExceeded` in any
/// form. Memory stays bounded by one statement: a document's array is never held whole.
///
/// Items are handed to `body` in file order, at the latest when the call that completed them
/// returns; those before an error are handed over before it is thrown. After an error, every
/// call throws it again.
package struct XAPIReader: Sendable {
  /// The bounds on nesting and string length.
  package let limits: XAPILimits
  /// Whether each statement's fields are read from its whole value (see `XAPIStatementBuilder`).
  package let throughTrees: Bool
  /// The form of the delivery, once decided: nil before its first non-blank byte, and while the
  /// first object of a file that starts with `{` is still open without a `statements` array.
  package var form: XAPIForm? {
    switch phase {
    case .start, .probing: nil
    case .lines: .jsonLines
    case .structured: document?.mode == .array ? .array : .document
    }
  }

  private enum Phase: Sendable {
    /// Before the first byte that is not whitespace.
    case start
    /// Reading the first object of a file that starts with `{`, both as a document and as JSON
    /// Lines, until one of them is ruled out.
    case probing
    case lines
    case structured
  }

  private var phase = Phase.start
  /// Leading bytes matched against the UTF-8 byte-order mark.
  private var markMatched = 0
  /// Bytes read before the first non-blank one.
  private var leadingBytes = 0
  /// The line of the first non-blank byte, while before it.
  private var leadingLine = 1
  private var lines: XAPILineReader?
  private var document: XAPIDocumentReader?
  /// While probing: what the file holds if it turns out to be JSON Lines.
  private var pending: [XAPIItem] = []
  private var pendingError: XAPIError?
  /// Items completed by the current call, handed over as it returns.
  private var output: [XAPIItem] = []
  private var failure: XAPIError?

  /// A reader at the start of a delivery. `throughTrees` builds each statement's whole
  /// `JSONValue` and reads the fields from it: slower, the meaning to compare against.
  package init(limits: XAPILimits = XAPILimits(), throughTrees: Bool = false) {
    self.limits = limits
    self.throughTrees = throughTrees
  }

  /// Reads the next chunk of the delivery (any size, even one byte).
  package mutating func feed(
    _ utf8: UnsafeBufferPointer<UInt8>, _ body: (XAPIItem) -> Void
  ) throws(XAPIError) {
    if let failure { throw failure }
    defer { handOver(body) }
    do throws(XAPIError) {
      try read(utf8)
    } catch {
      failure = error
      throw error
    }
  }

  /// Reads the next chunk of the delivery from an array.
  package mutating func feed(_ utf8: [UInt8], _ body: (XAPIItem) -> Void) throws(XAPIError) {
    try utf8.withUnsafeBufferPointer { (buffer) throws(XAPIError) in try feed(buffer, body) }
  }

  /// Ends the delivery: reports a last line without a line feed, and throws `.badJSON` for a
  /// document or array that is not whole. An empty or all-blank file reports nothing.
  package mutating func finish(_ body: (XAPIItem) -> Void) throws(XAPIError) {
    if let failure { throw failure }
    defer { handOver(body) }
    do throws(XAPIError) {
      switch phase {
      case .start: break
      case .probing:
        // The input ended inside the first object, before any statements array.
        try becomeLines()
        lines?.finish(into: &output)
      case .lines: lines?.finish(into: &output)
      case .structured: try document?.finish(into: &output)
      }
    } catch {
      failure = error
      throw error
    }
  }

  private mutating func handOver(_ body: (XAPIItem) -> Void) {
    for item in output { body(item) }
    output.removeAll(keepingCapacity: true)
  }

  private mutating func read(_ utf8: UnsafeBufferPointer<UInt8>) throws(XAPIError) {
    var index = 0
    if phase == .start {
      skipLeading(utf8, &index)
      if phase == .start { return }
    }
    switch phase {
    case .start: return
    case .lines:
      try lines?.feed(UnsafeBufferPointer(rebasing: utf8[index...]), into: &output)
    case .structured:
      try document?.feed(utf8, &index, into: &output)
    case .probing:
      var probed = index
      try document?.feed(utf8, &probed, into: &output)
      switch document?.mode {
      case .document:
        // A statements document: the JSON Lines reading is dropped, and the rest read as one.
        phase = .structured
        lines = nil
        pending = []
        pendingError = nil
        try document?.feed(utf8, &probed, into: &output)
      case .jsonLines:
        try feedPending(UnsafeBufferPointer(rebasing: utf8[index...]))
        try becomeLines()
      default:
        try feedPending(UnsafeBufferPointer(rebasing: utf8[index...]))
      }
    }
  }

  /// Reads bytes as JSON Lines while probing, keeping the items in case the file is JSON Lines.
  private mutating func feedPending(_ utf8: UnsafeBufferPointer<UInt8>) throws(XAPIError) {
    guard pendingError == nil else { return }
    do throws(XAPIError) {
      try lines?.feed(utf8, into: &pending)
    } catch {
      pendingError = error
    }
  }

  /// Settles on JSON Lines after probing: what was read that way counts.
  private mutating func becomeLines() throws(XAPIError) {
    phase = .lines
    document = nil
    output.append(contentsOf: pending)
    pending = []
    if let pendingError { throw pendingError }
  }

  /// Skips a byte-order mark and whitespace, then decides how to read the rest.
  private mutating func skipLeading(_ utf8: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
    let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
    while index < utf8.count {
      let byte = utf8[index]
      if leadingBytes == markMatched && markMatched < 3 && byte == mark[markMatched] {
        markMatched += 1
        leadingBytes += 1
        index += 1
        continue
      }
      if markMatched > 0 && markMatched < 3 {
        // The first bytes began a byte-order mark and broke off: not UTF-8 text.
        lines = XAPILineReader(limits: limits, line: leadingLine, throughTrees: throughTrees)
        lines?.markMalformed("invalid JSON: a broken UTF-8 byte-order mark")
        phase = .lines
        return
      }
      switch byte {
      case 0x20, 0x09, 0x0D:
        break
      case 0x0A:
        leadingLine += 1
      case UInt8(ascii: "["):
        document = XAPIDocumentReader(
          limits: limits, line: leadingLine, mode: .array, throughTrees: throughTrees)
        phase = .structured
        return
      case UInt8(ascii: "{"):
        document = XAPIDocumentReader(
          limits: limits, line: leadingLine, mode: .probing, throughTrees: throughTrees)
        lines = XAPILineReader(limits: limits, line: leadingLine, throughTrees: throughTrees)
        phase = .probing
        return
      default:
        lines = XAPILineReader(limits: limits, line: leadingLine, throughTrees: throughTrees)
        phase = .lines
        return
      }
      leadingBytes += 1
      index += 1
    }
  }
}
