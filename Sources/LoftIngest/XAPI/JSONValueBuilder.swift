/// Builds `JSONValue`s from the parser's events, one top-level value at a time.
///
/// The partial containers live in one flat list, so adding a member never copies its parents.
package struct JSONValueBuilder: Sendable {
  /// A member of an open container; array elements have an empty key.
  private struct Member: Sendable {
    var key: String
    var value: JSONValue
  }

  /// An open container: whether it is an object, and where its members start.
  private struct Frame: Sendable {
    var isObject: Bool
    var start: Int
    /// The key of the container in its parent.
    var key: String
  }

  /// Members of every open container, outermost first.
  private var members: [Member] = []
  private var frames: [Frame] = []
  /// The key of the member whose value comes next.
  private var pendingKey = ""

  /// A builder at the start of a value.
  package init() {}

  /// Whether a value has been started and not yet finished.
  package var isBuilding: Bool { !frames.isEmpty }

  /// Takes the next event; returns the value it completes at the top level, if any.
  package mutating func add(_ event: JSONEvent) -> JSONValue? {
    switch event {
    case .beginObject, .beginArray:
      frames.append(Frame(isObject: event == .beginObject, start: members.count, key: pendingKey))
      pendingKey = ""
      return nil
    case .key(let key):
      pendingKey = key
      return nil
    case .scalar(let value):
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

  /// Puts a finished value into its container, or returns it when it is the top-level value.
  private mutating func place(_ value: JSONValue) -> JSONValue? {
    guard frames.last != nil else { return value }
    members.append(Member(key: pendingKey, value: value))
    pendingKey = ""
    return nil
  }

  /// Forgets a value being built, after an error.
  package mutating func reset() {
    if !members.isEmpty { members.removeAll(keepingCapacity: true) }
    if !frames.isEmpty { frames.removeAll(keepingCapacity: true) }
    pendingKey = ""
  }
}
