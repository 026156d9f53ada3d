/// A streaming parser for strict JSON (RFC 8259), fed UTF-8 bytes in chunks of any size.
///
/// It returns one `JSONEvent` at a time and keeps its place between chunks, so a token may be
/// split anywhere, even inside a `\u` escape. It counts physical lines (LF), enforces the nesting
/// depth and string length of `XAPILimits`, and rejects what RFC 8259 does not allow: trailing
/// commas, comments, `NaN`, leading zeros, control characters and lone surrogates in strings,
/// invalid UTF-8, and anything after the one top-level value. A UTF-8 byte-order mark is the
/// caller's to skip.
package struct JSONParser: Sendable {
  /// The bounds on nesting and string length.
  package let limits: XAPILimits
  /// The physical line the parser has reached, counted from 1.
  package private(set) var line: Int
  /// The line where the token of the last returned event began.
  package private(set) var eventLine: Int
  /// How many arrays and objects are open.
  package var depth: Int { containers.count }
  /// Nothing but whitespace has been read since the start.
  package var isEmpty: Bool { expect == .start && token == .none }
  /// One whole top-level value has been read.
  package var isComplete: Bool { expect == .done && token == .none }

  private var containers: [Container] = []
  private var expect: Expect = .start
  private var token: Token = .none
  /// The bytes of the key, string or number being read, escapes decoded.
  private var text: [UInt8] = []
  /// Where the text of the string just returned lies in the chunk, when it was read there and
  /// not copied into `text`: most strings lie whole in one chunk and have no escapes.
  private var textInChunk: Range<Int>?
  /// A `\u` high surrogate waiting for its low half.
  private var pendingHigh: UInt32?
  /// The string being read has raw bytes outside ASCII, so its UTF-8 must be checked.
  private var hasRawNonASCII = false

  /// A parser at the start of a text whose first line has the given number.
  package init(limits: XAPILimits = XAPILimits(), line: Int = 1) {
    self.limits = limits
    self.line = line
    self.eventLine = line
  }

  /// Starts over for a new text whose first line has the given number; keeps the buffers.
  package mutating func reset(line: Int) {
    self.line = line
    eventLine = line
    if !containers.isEmpty { containers.removeAll(keepingCapacity: true) }
    expect = .start
    token = .none
    if !text.isEmpty { text.removeAll(keepingCapacity: true) }
    textInChunk = nil
    pendingHigh = nil
    hasRawNonASCII = false
  }

  /// The next event from `bytes`, starting at `index` and moving it past what was read; nil when
  /// the bytes are used up before the next event is whole (feed the next chunk from index 0).
  package mutating func next(
    _ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int
  ) throws(JSONError) -> JSONEvent? {
    try nextKind(bytes, &index).map { event($0, in: bytes) }
  }

  /// Ends the text: returns the event of a number that ran to the end, and throws unless one whole
  /// value has been read.
  package mutating func finish() throws(JSONError) -> JSONEvent? {
    try finishKind().map { event($0, in: UnsafeBufferPointer(start: nil, count: 0)) }
  }

  /// Calls `body` with the text (valid UTF-8, escapes decoded) of the key, string or number
  /// `nextKind` last returned, reading `bytes`: the chunk that call was given (none after
  /// `finishKind`).
  package func withText<Result>(
    in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) rethrows -> Result {
    if let textInChunk { return try body(UnsafeBufferPointer(rebasing: bytes[textInChunk])) }
    return try text.withUnsafeBufferPointer(body)
  }

  /// Like `next`, without making the event: a key's, string's or number's text is left for
  /// `withText`, so a reader that keeps few of them makes no `String` for the rest.
  package mutating func nextKind(
    _ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int
  ) throws(JSONError) -> JSONEvent.Kind? {
    // A range in the last chunk means nothing in this one.
    textInChunk = nil
    while index < bytes.count {
      switch token {
      case .none:
        let byte = bytes[index]
        index += 1
        if let event = try structural(byte) { return event }
      case .string(let isKey):
        // Copy a run of plain bytes at once; only quotes, escapes and control bytes need care.
        var end = index
        var high: UInt8 = 0
        while end < bytes.count {
          let byte = bytes[end]
          if byte == .quote || byte == .backslash || byte < 0x20 { break }
          high |= byte
          end += 1
        }
        if high >= 0x80 { hasRawNonASCII = true }
        if end < bytes.count && bytes[end] == .quote && text.isEmpty && pendingHigh == nil {
          // The whole string lies here, without escapes: it is read where it lies.
          if end - index > limits.maxStringBytes { throw tooLong("string") }
          textInChunk = index..<end
          index = end + 1
          return try endString(isKey: isKey, bytes)
        }
        if end > index {
          if pendingHigh != nil { throw unpairedSurrogate() }
          text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
          try checkLength("string")
          index = end
        }
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        index += 1
        switch byte {
        case .quote:
          if pendingHigh != nil { throw unpairedSurrogate() }
          return try endString(isKey: isKey, bytes)
        case .backslash:
          token = .escape(isKey: isKey)
        default:
          throw syntax("control character \(Self.show(byte)) in a string; write it as an escape")
        }
      case .escape(let isKey):
        let byte = bytes[index]
        index += 1
        if pendingHigh != nil && byte != UInt8(ascii: "u") { throw unpairedSurrogate() }
        let decoded: UInt8
        switch byte {
        case .quote, .backslash, UInt8(ascii: "/"): decoded = byte
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
          token = .unicode(isKey: isKey, digits: 0, value: 0)
          continue
        default: throw syntax("invalid escape \\\(Self.show(byte, quoted: false)) in a string")
        }
        text.append(decoded)
        try checkLength("string")
        token = .string(isKey: isKey)
      case .unicode(let isKey, let digits, let value):
        let byte = bytes[index]
        index += 1
        guard let digit = Self.hexValue(byte) else {
          throw syntax("\(Self.show(byte)) is not a hex digit in a \\u escape")
        }
        let unit = value << 4 | digit
        guard digits == 3 else {
          token = .unicode(isKey: isKey, digits: digits + 1, value: unit)
          continue
        }
        try appendCodeUnit(unit)
        token = .string(isKey: isKey)
      case .number(let state):
        let byte = bytes[index]
        guard let following = state.next(byte) else {
          // The byte ends the number; it is read again as structure.
          if state == .zero && Self.isDigit(byte) {
            throw syntax("a number with a leading zero")
          }
          guard state.isComplete else { throw incompleteNumber() }
          return endNumber()
        }
        text.append(byte)
        index += 1
        try checkLength("number")
        token = .number(following)
      case .literal(let literal, let matched):
        let byte = bytes[index]
        let spelling = literal.spelling
        guard byte == spelling[matched] else {
          throw syntax("\(Self.show(byte)) where `\(literal)` was expected")
        }
        index += 1
        if matched + 1 < spelling.count {
          token = .literal(literal, matched: matched + 1)
          continue
        }
        token = .none
        afterValue()
        return literal.kind
      }
    }
    return nil
  }

  /// Like `finish`, without making the event (see `nextKind`).
  package mutating func finishKind() throws(JSONError) -> JSONEvent.Kind? {
    textInChunk = nil
    var event: JSONEvent.Kind?
    switch token {
    case .none: break
    case .number(let state):
      guard state.isComplete else { throw incompleteNumber() }
      event = endNumber()
    case .string, .escape, .unicode: throw syntax("the text ends inside a string")
    case .literal(let literal, _): throw syntax("the text ends inside `\(literal)`")
    }
    switch expect {
    case .done: return event
    case .start: throw syntax("no JSON value")
    default:
      let open = containers.last == .object ? "an object" : "an array"
      throw syntax("the text ends inside \(open) (\(containers.count) still open)")
    }
  }

  // MARK: - Structure

  /// Reads one byte outside any token; returns the event it completes, if any.
  private mutating func structural(_ byte: UInt8) throws(JSONError) -> JSONEvent.Kind? {
    switch byte {
    case 0x20, 0x09, 0x0D:
      return nil
    case 0x0A:
      line += 1
      return nil
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      try beginValue(byte)
      guard containers.count < limits.maxDepth else {
        throw JSONError(
          .limitExceeded, line: line,
          "nesting deeper than max_json_depth (\(limits.maxDepth) levels)")
      }
      let isObject = byte == UInt8(ascii: "{")
      containers.append(isObject ? .object : .array)
      expect = isObject ? .keyOrEnd : .valueOrEnd
      return isObject ? .beginObject : .beginArray
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
      let isObject = byte == UInt8(ascii: "}")
      let closes = expect == .commaOrEnd || expect == (isObject ? .keyOrEnd : .valueOrEnd)
      guard closes, containers.last == (isObject ? .object : .array) else {
        throw unexpected(byte)
      }
      containers.removeLast()
      eventLine = line
      afterValue()
      return isObject ? .endObject : .endArray
    case UInt8(ascii: ","):
      guard expect == .commaOrEnd else { throw unexpected(byte) }
      expect = containers.last == .object ? .key : .element
      return nil
    case UInt8(ascii: ":"):
      guard expect == .colon else { throw unexpected(byte) }
      expect = .value
      return nil
    case .quote:
      if expect == .keyOrEnd || expect == .key {
        eventLine = line
        token = .string(isKey: true)
      } else {
        try beginValue(byte)
        token = .string(isKey: false)
      }
      if !text.isEmpty { text.removeAll(keepingCapacity: true) }
      hasRawNonASCII = false
      return nil
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      try beginValue(byte)
      if !text.isEmpty { text.removeAll(keepingCapacity: true) }
      text.append(byte)
      switch byte {
      case UInt8(ascii: "-"): token = .number(.minus)
      case UInt8(ascii: "0"): token = .number(.zero)
      default: token = .number(.integer)
      }
      return nil
    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
      try beginValue(byte)
      let literal: Literal =
        byte == UInt8(ascii: "t") ? .true : byte == UInt8(ascii: "f") ? .false : .null
      token = .literal(literal, matched: 1)
      return nil
    default:
      throw unexpected(byte)
    }
  }

  /// Checks that a value may start here, and notes its line.
  private mutating func beginValue(_ byte: UInt8) throws(JSONError) {
    switch expect {
    case .start, .value, .element, .valueOrEnd: eventLine = line
    default: throw unexpected(byte)
    }
  }

  private mutating func afterValue() {
    expect = containers.isEmpty ? .done : .commaOrEnd
  }

  // MARK: - Tokens

  private mutating func endString(
    isKey: Bool, _ bytes: UnsafeBufferPointer<UInt8>
  ) throws(JSONError) -> JSONEvent.Kind {
    token = .none
    // Escapes are encoded here, correctly; only raw bytes outside ASCII need checking, and most
    // strings have none.
    if hasRawNonASCII && withText(in: bytes, { String(validating: $0, as: UTF8.self) }) == nil {
      throw syntax("a string that is not valid UTF-8")
    }
    if isKey {
      expect = .colon
      return .key
    }
    afterValue()
    return .string
  }

  private mutating func endNumber() -> JSONEvent.Kind {
    token = .none
    afterValue()
    return .number
  }

  /// The event of a kind just returned from `bytes`, with its text.
  private func event(_ kind: JSONEvent.Kind, in bytes: UnsafeBufferPointer<UInt8>) -> JSONEvent {
    let text = withText(in: bytes) { Array($0) }
    switch kind {
    case .beginObject: return .beginObject
    case .endObject: return .endObject
    case .beginArray: return .beginArray
    case .endArray: return .endArray
    // `text` is valid UTF-8: checked as the string ended.
    case .key: return .key(String(decoding: text, as: UTF8.self))
    case .string: return .scalar(.string(String(decoding: text, as: UTF8.self)))
    case .number:
      let written = String(decoding: text, as: UTF8.self)
      // The grammar was checked; only a value beyond Double's range (1e400) makes this nil.
      let value = Double(written) ?? (text.first == UInt8(ascii: "-") ? -.infinity : .infinity)
      return .scalar(.number(written, value))
    case .true: return .scalar(.bool(true))
    case .false: return .scalar(.bool(false))
    case .null: return .scalar(.null)
    }
  }

  /// Adds the UTF-16 code unit of a `\u` escape, pairing surrogates.
  private mutating func appendCodeUnit(_ unit: UInt32) throws(JSONError) {
    let scalar: UInt32
    switch (pendingHigh, unit) {
    case (nil, 0xD800...0xDBFF):
      pendingHigh = unit
      return
    case (nil, 0xDC00...0xDFFF):
      throw syntax("a lone low surrogate \\u\(Self.hex(unit)) in a string")
    case (nil, _):
      scalar = unit
    case (let high?, 0xDC00...0xDFFF):
      scalar = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
      pendingHigh = nil
    case (.some, _):
      throw unpairedSurrogate()
    }
    // `scalar` is never a surrogate here, so it is a valid Unicode scalar.
    for unit in Unicode.Scalar(scalar)!.utf8 { text.append(unit) }
    try checkLength("string")
  }

  private func checkLength(_ what: String) throws(JSONError) {
    guard text.count > limits.maxStringBytes else { return }
    throw tooLong(what)
  }

  private func tooLong(_ what: String) -> JSONError {
    JSONError(
      .limitExceeded, line: line,
      "a \(what) longer than max_field_bytes (\(limits.maxStringBytes) bytes)")
  }

  // MARK: - Errors

  private func syntax(_ message: String) -> JSONError {
    JSONError(.syntax, line: line, message)
  }

  private func unexpected(_ byte: UInt8) -> JSONError {
    let found = Self.show(byte)
    switch expect {
    case .start: return syntax("\(found) where a JSON value should start")
    case .value: return syntax("\(found) where a value should follow ':'")
    case .element:
      if byte == UInt8(ascii: "]") { return syntax("a trailing comma before ']'") }
      return syntax("\(found) where an array element should follow ','")
    case .valueOrEnd: return syntax("\(found) where an array element or ']' should follow '['")
    case .keyOrEnd: return syntax("\(found) where a key in quotes or '}' should follow '{'")
    case .key:
      if byte == UInt8(ascii: "}") { return syntax("a trailing comma before '}'") }
      return syntax("\(found) where a key in quotes should follow ','")
    case .colon: return syntax("\(found) where ':' should follow a key")
    case .commaOrEnd:
      let end = containers.last == .object ? "'}'" : "']'"
      return syntax("\(found) where ',' or \(end) should follow a value")
    case .done: return syntax("\(found) after the end of the JSON value")
    }
  }

  private func unpairedSurrogate() -> JSONError {
    syntax("a high surrogate \\u\(Self.hex(pendingHigh ?? 0)) without its low half")
  }

  private func incompleteNumber() -> JSONError {
    syntax("an incomplete number `\(String(decoding: text, as: UTF8.self))`")
  }

  /// A byte for a message: `'x'` when printable ASCII, else `byte 0xC3`.
  private static func show(_ byte: UInt8, quoted: Bool = true) -> String {
    guard (0x21...0x7E).contains(byte) else { return "byte 0x\(hex(UInt32(byte), width: 2))" }
    let character = String(UnicodeScalar(byte))
    return quoted ? "'\(character)'" : character
  }

  private static func hex(_ value: UInt32, width: Int = 4) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  private static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  fileprivate static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}

// MARK: - States

extension JSONParser {
  /// What may come next, outside a token.
  private enum Expect: Hashable, Sendable {
    /// The top-level value.
    case start
    /// A member's value, after ':'.
    case value
    /// An array element, after ','.
    case element
    /// An array element or ']', after '['.
    case valueOrEnd
    /// A key or '}', after '{'.
    case keyOrEnd
    /// A key, after ',' in an object.
    case key
    case colon
    case commaOrEnd
    /// Only whitespace, after the top-level value.
    case done
  }

  private enum Container: Sendable, Equatable {
    case object, array
  }

  /// The token being read, when one is split across bytes.
  private enum Token: Sendable, Equatable {
    case none
    case string(isKey: Bool)
    /// After a backslash in a string.
    case escape(isKey: Bool)
    /// Inside `\uXXXX`, with the hex digits read so far.
    case unicode(isKey: Bool, digits: Int, value: UInt32)
    case number(NumberState)
    /// Inside `true`, `false` or `null`, with the bytes matched so far.
    case literal(Literal, matched: Int)
  }

  private enum Literal: String, Sendable, Equatable {
    case `true`, `false`, null

    var spelling: [UInt8] { Array(rawValue.utf8) }

    var kind: JSONEvent.Kind {
      switch self {
      case .true: .true
      case .false: .false
      case .null: .null
      }
    }
  }

  /// Where a number is in RFC 8259's grammar:
  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  private enum NumberState: Sendable, Equatable {
    case minus, zero, integer, point, fraction, exponent, exponentSign, exponentDigits

    /// The number may end here.
    var isComplete: Bool {
      switch self {
      case .zero, .integer, .fraction, .exponentDigits: true
      default: false
      }
    }

    /// The state after one more byte, or nil when the byte cannot continue the number.
    func next(_ byte: UInt8) -> NumberState? {
      let digit = JSONParser.isDigit(byte)
      let isExponent = byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
      switch self {
      case .minus:
        return byte == UInt8(ascii: "0") ? .zero : digit ? .integer : nil
      case .zero:
        return byte == UInt8(ascii: ".") ? .point : isExponent ? .exponent : nil
      case .integer:
        return digit ? .integer : byte == UInt8(ascii: ".") ? .point : isExponent ? .exponent : nil
      case .point, .fraction:
        return digit ? .fraction : self == .fraction && isExponent ? .exponent : nil
      case .exponent:
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { return .exponentSign }
        return digit ? .exponentDigits : nil
      case .exponentSign, .exponentDigits:
        return digit ? .exponentDigits : nil
      }
    }
  }
}

extension UInt8 {
  fileprivate static let quote = UInt8(ascii: "\"")
  fileprivate static let backslash = UInt8(ascii: "\\")
}
