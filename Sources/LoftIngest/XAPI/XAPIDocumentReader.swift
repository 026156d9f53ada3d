/// Reads a statements document (`{"statements": [...]}`) or a top-level array of statements,
/// building one statement's value at a time, never the whole array.
///
/// For a file that starts with `{` it first probes: the file is a document when its first
/// top-level object has a `statements` key holding an array, and JSON Lines otherwise.
struct XAPIDocumentReader: Sendable {
  /// What the reader has found the file to be.
  enum Mode: Sendable, Equatable {
    /// The first object is open and no `statements` array has been seen yet.
    case probing
    case document
    case array
    /// The first object ended, or was not valid JSON, without a `statements` array.
    case jsonLines
  }

  private(set) var mode: Mode
  private var parser: JSONParser
  private var builder: XAPIStatementBuilder
  /// The last key read at the top level was `statements`.
  private var atStatementsKey = false
  /// The depth inside the statements array being read, while in one.
  private var statementsDepth: Int?
  /// The line where the statement being built starts.
  private var statementLine = 0

  /// A reader for a file whose first non-blank byte, on the given line, is `{` (probing) or `[`
  /// (array); `throughTrees` reads each statement's fields from its whole value.
  init(limits: XAPILimits, line: Int, mode: Mode, throughTrees: Bool = false) {
    self.mode = mode
    self.parser = JSONParser(limits: limits, line: line)
    self.builder = XAPIStatementBuilder(throughTrees: throughTrees)
  }

  /// Reads bytes from `index`, adding an item for each statement they complete. While probing it
  /// stops where the form is decided, with `index` just past the deciding byte.
  mutating func feed(
    _ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, into items: inout [XAPIItem]
  ) throws(XAPIError) {
    do throws(JSONError) {
      while let kind = try parser.nextKind(bytes, &index) {
        let wasProbing = mode == .probing
        take(kind, bytes, into: &items)
        if wasProbing && mode != .probing { return }
      }
    } catch {
      guard mode != .probing else {
        // The first object is not valid JSON, so it holds no statements array: JSON Lines.
        mode = .jsonLines
        return
      }
      throw XAPIError(error)
    }
  }

  /// Ends the input: throws `bad_json` unless the document or array was whole.
  mutating func finish(into items: inout [XAPIItem]) throws(XAPIError) {
    do throws(JSONError) {
      if let kind = try parser.finishKind() {
        take(kind, UnsafeBufferPointer(start: nil, count: 0), into: &items)
      }
    } catch {
      throw XAPIError(error)
    }
  }

  /// Follows one event read from `bytes`: tracks the statements array and builds its elements.
  private mutating func take(
    _ kind: JSONEvent.Kind, _ bytes: UnsafeBufferPointer<UInt8>, into items: inout [XAPIItem]
  ) {
    // The depth outside this event: before a `begin`, after an `end`.
    let outer: Int
    switch kind {
    case .beginObject, .beginArray: outer = parser.depth - 1
    default: outer = parser.depth
    }
    if builder.isBuilding || outer == statementsDepth {
      if !builder.isBuilding { statementLine = parser.eventLine }
      if builder.add(kind, from: parser, in: bytes) {
        items.append(.statement(builder.built(), line: statementLine))
      }
      return
    }
    switch (mode, kind, outer) {
    case (.array, .beginArray, 0):
      statementsDepth = 1
    case (.probing, .key, 1), (.document, .key, 1):
      atStatementsKey = parser.withText(in: bytes) { $0.elementsEqual("statements".utf8) }
    case (.probing, .beginArray, 1), (.document, .beginArray, 1):
      guard atStatementsKey else { break }
      statementsDepth = 2
      if mode == .probing { mode = .document }
    case (_, .endArray, _) where statementsDepth == outer + 1:
      statementsDepth = nil
    case (.probing, .endObject, 0):
      mode = .jsonLines
    default:
      break
    }
  }
}
