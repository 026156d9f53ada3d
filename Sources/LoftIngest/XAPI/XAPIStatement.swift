/// The values of one xAPI statement that validation reads, and nothing else: for each, its kind
/// and, for a string or number, its text (escapes decoded), all in one byte buffer.
///
/// The reader fills it straight from the parser's events (`XAPIStatementBuilder`), so a
/// statement costs one small allocation however many members it has, and no `String`. Its
/// meaning is that of reading each path from the whole `JSONValue` (`init(_:)`): a path through a
/// value that is not an object is absent, and of a repeated key the last value counts.
package struct XAPIStatement: Sendable, CustomStringConvertible {
  /// A value validation reads, named by its path from the statement.
  package enum Field: Int, CaseIterable, Sendable {
    case id, learner, verb, object, timestamp, stored, duration, registration, orgNumber

    /// The keys from the statement to the value.
    package var path: [String] {
      switch self {
      case .id: ["id"]
      case .learner: ["actor", "account", "name"]
      case .verb: ["verb", "id"]
      case .object: ["object", "id"]
      case .timestamp: ["timestamp"]
      case .stored: ["stored"]
      case .duration: ["result", "duration"]
      case .registration: ["context", "registration"]
      case .orgNumber: ["context", "extensions", XAPIStatementValidator.orgNumberExtension]
      }
    }
  }

  /// The kind of a JSON value.
  package enum Kind: UInt8, Sendable, Equatable {
    case object = 1
    case array, string, number, boolean, null

    /// The kind with its article, for messages: `an object`, `a number`, `null`…
    package var description: String {
      switch self {
      case .object: "an object"
      case .array: "an array"
      case .string: "a string"
      case .number: "a number"
      case .boolean: "a boolean"
      case .null: "null"
      }
    }

    /// The kind of a value.
    package init(_ value: JSONValue) {
      switch value {
      case .object: self = .object
      case .array: self = .array
      case .string: self = .string
      case .number: self = .number
      case .bool: self = .boolean
      case .null: self = .null
      }
    }
  }

  /// The kind of the statement itself (validation wants an object).
  package var kind: Kind
  /// Each field's kind (`Kind.rawValue`, 0 when absent), by `Field.rawValue`: nine of sixteen
  /// lanes, held inline so that a statement needs no second allocation.
  private var kinds = SIMD16<UInt8>()
  /// Each field's text in `bytes`, from `starts` to `ends` (empty unless a string or number).
  private var starts = SIMD16<Int32>()
  private var ends = SIMD16<Int32>()
  /// The texts, back to back.
  private var bytes: [UInt8] = []

  /// A statement of the given kind with no fields yet.
  package init(kind: Kind) {
    self.kind = kind
  }

  /// The fields of a whole statement value, each read by its path.
  package init(_ value: JSONValue) {
    self.init(kind: Kind(value))
    for field in Field.allCases {
      var found: JSONValue? = value
      for key in field.path { found = found?[key] }
      guard let found else { continue }
      let text: String? =
        switch found {
        case .string(let text), .number(let text, _): text
        default: nil
        }
      var utf8 = Array((text ?? "").utf8)
      utf8.withUnsafeMutableBufferPointer { set(field, Kind(found), text: UnsafeBufferPointer($0)) }
    }
  }

  /// The kind of a field's value, or nil when the statement has none.
  package func kind(of field: Field) -> Kind? {
    Kind(rawValue: kinds[field.rawValue])
  }

  /// Where a field's text is in the buffer `withBytes` gives.
  package func range(of field: Field) -> Range<Int> {
    Int(starts[field.rawValue])..<Int(ends[field.rawValue])
  }

  /// Calls `body` with the texts' buffer, in which `range(of:)` finds each field's text.
  package func withBytes<Result>(
    _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) rethrows -> Result {
    try bytes.withUnsafeBufferPointer(body)
  }

  /// A field's text as a `String` (valid UTF-8: the parser checked it).
  package func text(of field: Field) -> String {
    withBytes {
      String(decoding: UnsafeBufferPointer(rebasing: $0[range(of: field)]), as: UTF8.self)
    }
  }

  /// Gives a field a value: its kind, and its text for a string or number. A value given
  /// earlier is replaced, its text let go, so the buffer holds one text per field at most.
  mutating func set(_ field: Field, _ kind: Kind, text: UnsafeBufferPointer<UInt8>) {
    clear(field)
    kinds[field.rawValue] = kind.rawValue
    guard kind == .string || kind == .number, !text.isEmpty else { return }
    starts[field.rawValue] = Int32(bytes.count)
    bytes.append(contentsOf: text)
    ends[field.rawValue] = Int32(bytes.count)
  }

  /// Makes a field absent.
  mutating func clear(_ field: Field) {
    let index = field.rawValue
    kinds[index] = 0
    let (start, end) = (starts[index], ends[index])
    guard end > start else { return }
    // Only a repeated key gets here: the texts after this one move down.
    bytes.removeSubrange(Int(start)..<Int(end))
    let moved = ends .> start
    starts.replace(with: starts &- (end - start), where: moved)
    ends.replace(with: ends &- (end - start), where: moved)
    starts[index] = 0
    ends[index] = 0
  }

  /// Empties the statement for the next one, keeping the buffer's room.
  mutating func reset(kind: Kind) {
    self.kind = kind
    kinds = SIMD16()
    starts = SIMD16()
    ends = SIMD16()
    bytes.removeAll(keepingCapacity: true)
  }

  /// A copy whose buffer is just large enough, to hand on while this one is reused.
  func copy() -> XAPIStatement {
    var copy = self
    copy.bytes = bytes.withUnsafeBufferPointer { Array($0) }
    return copy
  }

  /// `{id: "s-1", learner: "p-1", …}`: the kinds and texts of the fields present.
  package var description: String {
    let fields = Field.allCases.compactMap { field -> String? in
      guard let kind = kind(of: field) else { return nil }
      let value =
        kind == .string ? "\"\(text(of: field))\"" : kind == .number ? text(of: field) : "\(kind)"
      return "\(field): \(value)"
    }
    return "\(kind.description) {\(fields.joined(separator: ", "))}"
  }
}

extension XAPIStatement: Equatable {
  /// The same kind and the same fields with the same texts, wherever they lie in the buffer.
  package static func == (lhs: XAPIStatement, rhs: XAPIStatement) -> Bool {
    lhs.kind == rhs.kind && lhs.kinds == rhs.kinds
      && Field.allCases.allSatisfy { field in
        lhs.withBytes { left in
          rhs.withBytes { right in
            left[lhs.range(of: field)].elementsEqual(right[rhs.range(of: field)])
          }
        }
      }
  }
}
