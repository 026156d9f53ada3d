/// Builds `JSONValue`s from the parser's events, one top-level value at a time.
///
/// The partial containers live in one flat list, so adding a member never copies its parents.
package struct JSONValueBuilder: Sendable {
  /// Members of every open container, outermost first; array elements have an empty key.
  private var members: [(String, JSONValue)] = []
  /// The open containers: whether each is an object, and where its members start.
  private var frames: [(isObject: Bool, start: Int)] = []
  /// The key of the member whose value comes next.
  private var pendingKey = ""

  /// An empty builder.
  package init() {}

  /// Whether a value has been started and not yet finished.
  package var isBuilding: Bool { !frames.isEmpty }

  /// Takes the next event; returns the value it completes at the top level, if any.
  package mutating func add(_ event: JSONEvent) -> JSONValue? {
    switch event {
    case .beginObject, .beginArray:
      frames.append((event == .beginObject, members.count))
      members.append((pendingKey, .null))  // the container's own slot, filled at its end
      pendingKey = ""
      return nil
    case .key(let key):
      pendingKey = key
      return nil
    case .scalar(let value):
      return place(value)
    case .endObject, .endArray:
      let frame = frames.removeLast()
      let contents = members[(frame.start + 1)...]
      let value: JSONValue =
        frame.isObject ? .object(Array(contents)) : .array(contents.map { $0.1 })
      members.removeSubrange((frame.start + 1)...)
      let (key, _) = members.removeLast()
      pendingKey = key
      return place(value)
    }
  }

  /// Puts a finished value into its container, or returns it when it is the top-level value.
  private mutating func place(_ value: JSONValue) -> JSONValue? {
    if frames.isEmpty { return value }
    members.append((pendingKey, value))
    pendingKey = ""
    return nil
  }

  /// Forgets a value being built, after an error.
  package mutating func reset() {
    members.removeAll(keepingCapacity: true)
    frames.removeAll(keepingCapacity: true)
    pendingKey = ""
  }
}
