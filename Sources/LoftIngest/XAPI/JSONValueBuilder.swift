/// Builds `JSONValue`s from the parser's events, one top-level value at a time.
///
/// The partial containers live in one flat list, so adding a member never copies its parents.
/// Built with a `JSONKeyTree`, it keeps only the members the tree names: the rest is followed
/// (to know where it ends) but not stored, and of a repeated kept key only the last value is
/// stored (the one `JSONValue`'s subscript returns). Memory then stays bounded by the tree and the
/// longest string, however many values the input holds.
package struct JSONValueBuilder: Sendable {
  /// A member of an open container; array elements have an empty key.
  private struct Member: Sendable {
    var key: String
    var value: JSONValue
  }

  /// What of a value is kept.
  private enum Keep: Sendable {
    case everything
    /// An object's members named in the tree (an array's elements: none).
    case members(JSONKeyTree)
    case nothing
  }

  /// An open container: whether it is an object, and where its members start.
  private struct Frame: Sendable {
    var isObject: Bool
    var start: Int
    /// The key of the container in its parent.
    var key: String
    /// What of its members is kept.
    var keep: Keep
  }

  /// What of the top-level value is kept.
  private let keeping: Keep
  /// Members of every open container, outermost first.
  private var members: [Member] = []
  private var frames: [Frame] = []
  /// The key of the member whose value comes next.
  private var pendingKey = ""
  /// How deep the builder is inside a container that is not kept (0 outside one).
  private var skipped = 0

  /// A builder that keeps every value, or only the members `keeping` names.
  package init(keeping: JSONKeyTree? = nil) {
    self.keeping = keeping.map(Keep.members) ?? .everything
  }

  /// Whether a value has been started and not yet finished.
  package var isBuilding: Bool { !frames.isEmpty }

  /// Takes the next event; returns the value it completes at the top level, if any.
  package mutating func add(_ event: JSONEvent) -> JSONValue? {
    if skipped > 0 {
      switch event {
      case .beginObject, .beginArray: skipped += 1
      case .endObject, .endArray: skipped -= 1
      case .key, .scalar: break
      }
      return nil
    }
    switch event {
    case .beginObject, .beginArray:
      let keep = keepOfNextValue
      if case .nothing = keep {
        skipped = 1
        pendingKey = ""
        return nil
      }
      frames.append(
        Frame(isObject: event == .beginObject, start: members.count, key: pendingKey, keep: keep))
      pendingKey = ""
      return nil
    case .key(let key):
      pendingKey = key
      return nil
    case .scalar(let value):
      if case .nothing = keepOfNextValue {
        pendingKey = ""
        return nil
      }
      return place(value)
    case .endObject, .endArray:
      let frame = frames.removeLast()
      let contents = members[frame.start...]
      let value: JSONValue =
        frame.isObject
        ? .object(contents.map { ($0.key, $0.value) }) : .array(contents.map(\.value))
      members.removeSubrange(frame.start...)
      pendingKey = frame.key
      return place(value)
    }
  }

  /// What is kept of the value that comes next, from where it stands.
  private var keepOfNextValue: Keep {
    guard let parent = frames.last else { return keeping }
    switch parent.keep {
    case .everything: return .everything
    case .nothing: return .nothing
    case .members(let tree):
      guard parent.isObject, let child = tree.child(pendingKey) else { return .nothing }
      return .members(child)
    }
  }

  /// Puts a finished value into its container, or returns it when it is the top-level value.
  private mutating func place(_ value: JSONValue) -> JSONValue? {
    guard let frame = frames.last else { return value }
    if case .members = frame.keep,
      let index = members[frame.start...].firstIndex(where: { $0.key == pendingKey })
    {
      members[index].value = value
    } else {
      members.append(Member(key: pendingKey, value: value))
    }
    pendingKey = ""
    return nil
  }

  /// Forgets a value being built, after an error.
  package mutating func reset() {
    if !members.isEmpty { members.removeAll(keepingCapacity: true) }
    if !frames.isEmpty { frames.removeAll(keepingCapacity: true) }
    pendingKey = ""
    skipped = 0
  }
}
