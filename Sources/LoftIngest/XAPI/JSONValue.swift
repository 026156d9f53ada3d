/// A JSON value, as RFC 8259 defines it.
///
/// Objects keep their members in the order written, duplicates included; numbers keep the text
/// as written beside its `Double`, so that nothing is lost to rounding.
package enum JSONValue: Sendable, Equatable {
  /// An object's members in the order written.
  case object([(String, JSONValue)])
  /// An array's elements in order.
  case array([JSONValue])
  /// A string, escapes decoded.
  case string(String)
  /// A number: the text as written (valid JSON grammar) and its nearest `Double`.
  case number(String, Double)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null

  /// The value of an object's member; the last one when a key is repeated, as JavaScript reads
  /// it. Nil when this is not an object or has no such member.
  package subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.last { $0.0 == key }?.1
  }

  /// The text of a string value, or nil for any other kind.
  package var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The kind of value with its article, for messages: `an object`, `a number`, `null`…
  package var kindDescription: String {
    switch self {
    case .object: "an object"
    case .array: "an array"
    case .string: "a string"
    case .number: "a number"
    case .bool: "a boolean"
    case .null: "null"
    }
  }

  /// Equal kinds with equal contents; numbers compare by their text, members in order.
  package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.object(let left), .object(let right)):
      return left.count == right.count
        && zip(left, right).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    case (.array(let left), .array(let right)): return left == right
    case (.string(let left), .string(let right)): return left == right
    // The text decides: `1.0` and `1` are different numbers as written.
    case (.number(let left, _), .number(let right, _)): return left == right
    case (.bool(let left), .bool(let right)): return left == right
    case (.null, .null): return true
    default: return false
    }
  }
}

extension JSONValue {
  /// Parses one complete JSON text (one value, surrounded by whitespace only).
  package static func parse(
    _ utf8: some Sequence<UInt8>, limits: XAPILimits = XAPILimits()
  ) throws(JSONError) -> JSONValue {
    let bytes = Array(utf8)
    var parser = JSONParser(limits: limits)
    var builder = JSONValueBuilder()
    var result: JSONValue?
    try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) in
      var index = 0
      while let event = try parser.next(buffer, &index) {
        if let value = builder.add(event) { result = value }
      }
    }
    if let event = try parser.finish(), let value = builder.add(event) { result = value }
    // `finish` throws unless a whole value was read, so there is one.
    return result!
  }
}
