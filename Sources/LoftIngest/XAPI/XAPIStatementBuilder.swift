/// Builds `XAPIStatement`s from the parser's events, one top-level value at a time.
///
/// It follows the members on the fields' paths and takes the fields' values as they are read;
/// everything else is followed only to know where it ends. A value read for a path replaces
/// whatever an earlier member with the same key gave (the last of a repeated key counts), so
/// memory stays bounded by the fields and the longest string, whatever the statement holds.
///
/// Built `throughTrees`, it builds each statement's whole `JSONValue` instead and reads the
/// fields from it: slower, and the meaning the event-driven reading must keep (the fuzzer and
/// the tests compare the two).
struct XAPIStatementBuilder: Sendable {
  /// A key on a field's path; node 0 is the statement itself.
  private struct Node: Sendable {
    var key: [UInt8]
    /// The field whose value this is, for the last key of a path.
    var field: XAPIStatement.Field?
    var children: [Int] = []
    /// The fields at or below this node, which a new value here makes absent.
    var fields: [XAPIStatement.Field] = []
  }

  private static let nodes: [Node] = {
    var nodes = [Node(key: [])]
    for field in XAPIStatement.Field.allCases {
      var node = 0
      nodes[0].fields.append(field)
      for key in field.path {
        let utf8 = Array(key.utf8)
        if let child = nodes[node].children.first(where: { nodes[$0].key == utf8 }) {
          node = child
        } else {
          nodes.append(Node(key: utf8))
          nodes[node].children.append(nodes.count - 1)
          node = nodes.count - 1
        }
        nodes[node].fields.append(field)
      }
      nodes[node].field = field
    }
    return nodes
  }()

  /// The statement being built; its buffer is reused.
  private var statement = XAPIStatement(kind: .object)
  /// The node of each open object on a field's path, outermost first.
  private var path: [Int] = []
  /// The node of the member whose value comes next, when its key is on a path.
  private var pending: Int?
  /// How deep the builder is inside a container off every path (0 outside one).
  private var skipped = 0
  /// The whole value being built, when building through trees.
  private var tree: JSONValueBuilder?

  /// A builder that reads the fields from the events, or `throughTrees` from whole values.
  init(throughTrees: Bool = false) {
    if throughTrees { tree = JSONValueBuilder() }
  }

  /// Whether a value has been started and not yet finished.
  var isBuilding: Bool { tree?.isBuilding ?? (!path.isEmpty || skipped > 0) }

  /// The statement the last `add` that returned true completed, in a buffer of its own.
  func built() -> XAPIStatement { statement.copy() }

  /// Takes the next event, which `parser` just returned from `bytes` (none after `finishKind`);
  /// true when it completes a top-level value, which `built()` then gives.
  mutating func add(
    _ kind: JSONEvent.Kind, from parser: JSONParser,
    in bytes: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
  ) -> Bool {
    // The parser comes as an argument: a reader's call `parser.withText { builder.add(…) }`
    // would copy the parser, lest the closure change it.
    parser.withText(in: bytes) { add(kind, text: $0) }
  }

  /// Takes the next event, whose text (for a key, string or number) is `text`; true when it
  /// completes a top-level value, which `built()` then gives.
  ///
  /// The statement is not returned: an optional of its size, copied out for every event, cost
  /// more than reading the event.
  mutating func add(_ kind: JSONEvent.Kind, text: UnsafeBufferPointer<UInt8>) -> Bool {
    if tree != nil { return addToTree(kind, text: text) }
    if skipped > 0 {
      switch kind {
      case .beginObject, .beginArray:
        skipped += 1
        return false
      case .endObject, .endArray:
        skipped -= 1
        // A top-level array ends.
        return skipped == 0 && path.isEmpty
      default: return false
      }
    }
    switch kind {
    case .key:
      pending = Self.child(of: path[path.count - 1], named: text)
      return false
    case .endObject:
      path.removeLast()
      return path.isEmpty
    case .endArray:
      // Arrays are always skipped.
      return false
    case .beginObject, .beginArray:
      let isObject = kind == .beginObject
      let node: Int?
      if path.isEmpty {
        statement.reset(kind: isObject ? .object : .array)
        node = 0
      } else {
        node = pending
        if let node { give(node, isObject ? .object : .array, text: text) }
      }
      pending = nil
      if isObject, let node, Self.nodes[node].field == nil {
        path.append(node)
      } else {
        skipped = 1
      }
      return false
    case .string, .number, .true, .false, .null:
      let valueKind: XAPIStatement.Kind =
        switch kind {
        case .string: .string
        case .number: .number
        case .true, .false: .boolean
        default: .null
        }
      guard !path.isEmpty else {
        statement.reset(kind: valueKind)
        return true
      }
      if let node = pending { give(node, valueKind, text: text) }
      pending = nil
      return false
    }
  }

  /// The child of `node` whose key is `key`, if any.
  private static func child(of node: Int, named key: UnsafeBufferPointer<UInt8>) -> Int? {
    for child in nodes[node].children where nodes[child].key.count == key.count {
      let equal = nodes[child].key.withUnsafeBufferPointer {
        bytesEqual($0.baseAddress!, key.baseAddress!, count: key.count)
      }
      if equal { return child }
    }
    return nil
  }

  /// A value for the member at `node`: it replaces what the fields below had.
  private mutating func give(
    _ node: Int, _ kind: XAPIStatement.Kind, text: UnsafeBufferPointer<UInt8>
  ) {
    for field in Self.nodes[node].fields { statement.clear(field) }
    guard let field = Self.nodes[node].field else { return }
    statement.set(field, kind, text: text)
  }

  private mutating func addToTree(
    _ kind: JSONEvent.Kind, text: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    let written = String(decoding: text, as: UTF8.self)
    let event: JSONEvent =
      switch kind {
      case .beginObject: .beginObject
      case .endObject: .endObject
      case .beginArray: .beginArray
      case .endArray: .endArray
      case .key: .key(written)
      case .string: .scalar(.string(written))
      // The number's `Double` plays no part in the fields.
      case .number: .scalar(.number(written, 0))
      case .true: .scalar(.bool(true))
      case .false: .scalar(.bool(false))
      case .null: .scalar(.null)
      }
    guard let value = tree?.add(event) else { return false }
    statement = XAPIStatement(value)
    return true
  }

  /// Forgets a value being built, after an error.
  mutating func reset() {
    if !path.isEmpty { path.removeAll(keepingCapacity: true) }
    pending = nil
    skipped = 0
    tree?.reset()
  }
}
