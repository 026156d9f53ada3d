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

  /// Takes the next event, whose text (for a key, string or number) is `text`; returns the
  /// statement it completes at the top level, if any.
  mutating func add(_ kind: JSONEvent.Kind, text: [UInt8]) -> XAPIStatement? {
    if tree != nil { return addToTree(kind, text: text) }
    if skipped > 0 {
      switch kind {
      case .beginObject, .beginArray: skipped += 1
      case .endObject, .endArray:
        skipped -= 1
        // A top-level array ends.
        if skipped == 0 && path.isEmpty { return statement.copy() }
      default: break
      }
      return nil
    }
    switch kind {
    case .key:
      pending = nil
      for child in Self.nodes[path[path.count - 1]].children where Self.nodes[child].key == text {
        pending = child
        break
      }
      return nil
    case .endObject:
      path.removeLast()
      return path.isEmpty ? statement.copy() : nil
    case .endArray:
      // Arrays are always skipped.
      return nil
    case .beginObject, .beginArray:
      let isObject = kind == .beginObject
      let node: Int?
      if path.isEmpty {
        statement.reset(kind: isObject ? .object : .array)
        node = 0
      } else {
        node = pending
        if let node { give(node, isObject ? .object : .array, text: []) }
      }
      pending = nil
      if isObject, let node, Self.nodes[node].field == nil {
        path.append(node)
      } else {
        skipped = 1
      }
      return nil
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
        return statement.copy()
      }
      if let node = pending { give(node, valueKind, text: text) }
      pending = nil
      return nil
    }
  }

  /// A value for the member at `node`: it replaces what the fields below had.
  private mutating func give(_ node: Int, _ kind: XAPIStatement.Kind, text: [UInt8]) {
    for field in Self.nodes[node].fields { statement.clear(field) }
    guard let field = Self.nodes[node].field else { return }
    text.withUnsafeBufferPointer { statement.set(field, kind, text: $0) }
  }

  private mutating func addToTree(_ kind: JSONEvent.Kind, text: [UInt8]) -> XAPIStatement? {
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
    return tree?.add(event).map(XAPIStatement.init)
  }

  /// Forgets a value being built, after an error.
  mutating func reset() {
    if !path.isEmpty { path.removeAll(keepingCapacity: true) }
    pending = nil
    skipped = 0
    tree?.reset()
  }
}
