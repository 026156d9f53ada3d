/// Reads JSON Lines: one statement object per line, each line on its own.
///
/// A line that is not valid JSON or not an object is one malformed record, and reading goes on
/// with the next line; blank lines are counted but are not records. Only a limit ends the file.
struct XAPILineReader: Sendable {
  /// The line being read, counted from 1.
  private(set) var line: Int
  private var parser: JSONParser
  private var builder: XAPIStatementBuilder
  /// The line's value, once whole.
  private var value: XAPIStatement?
  /// Why the line is malformed, once known; the rest of it is skipped.
  private var defect: String?

  /// A reader from `line` on; `throughTrees` reads each statement's fields from its whole value
  /// (see `XAPIStatementBuilder`).
  init(limits: XAPILimits, line: Int, throughTrees: Bool = false) {
    self.line = line
    self.parser = JSONParser(limits: limits, line: line)
    self.builder = XAPIStatementBuilder(throughTrees: throughTrees)
  }

  /// Marks the current line as malformed, for a defect found before its bytes reach the reader.
  mutating func markMalformed(_ message: String) {
    if defect == nil { defect = message }
  }

  /// Reads bytes, adding an item for each line they end.
  mutating func feed(
    _ bytes: UnsafeBufferPointer<UInt8>, into items: inout [XAPIItem]
  ) throws(XAPIError) {
    var start = 0
    while start < bytes.count {
      let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
      if defect == nil { try read(UnsafeBufferPointer(rebasing: bytes[start..<end])) }
      if end == bytes.count { return }
      endLine(into: &items)
      start = end + 1
    }
  }

  /// Ends the input: the last line, when it has no line feed.
  mutating func finish(into items: inout [XAPIItem]) {
    if defect != nil || !parser.isEmpty { endLine(into: &items) }
  }

  /// Reads part of one line (no line feed in it).
  private mutating func read(_ segment: UnsafeBufferPointer<UInt8>) throws(XAPIError) {
    var index = 0
    do throws(JSONError) {
      while let kind = try parser.nextKind(segment, &index) {
        if builder.add(kind, from: parser, in: segment) {
          value = builder.built()
        }
      }
    } catch {
      // A record over a limit makes the whole file `limit_exceeded`; anything else is this line's.
      if error.kind == .limitExceeded { throw XAPIError(error) }
      defect = "invalid JSON: \(error.message)"
    }
  }

  /// Ends the current line: reports it unless blank, and starts the next.
  private mutating func endLine(into items: inout [XAPIItem]) {
    if let item = item() { items.append(item) }
    line += 1
    parser.reset(line: line)
    builder.reset()
    value = nil
    defect = nil
  }

  /// What the current line holds, or nil when it is blank.
  private mutating func item() -> XAPIItem? {
    if let defect { return .malformed(line: line, message: defect) }
    if parser.isEmpty { return nil }
    do throws(JSONError) {
      if let kind = try parser.finishKind(), builder.add(kind, from: parser) {
        value = builder.built()
      }
    } catch {
      return .malformed(line: line, message: "invalid JSON: \(error.message)")
    }
    guard let value else {
      return .malformed(line: line, message: "invalid JSON: the line ends inside a value")
    }
    guard value.kind == .object else {
      return .malformed(
        line: line, message: "the line holds \(value.kind.description), not an object")
    }
    return .statement(value, line: line)
  }
}
