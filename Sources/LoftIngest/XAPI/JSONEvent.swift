/// One step of a JSON text, as the streaming parser reports it.
package enum JSONEvent: Sendable, Equatable {
  /// `{`: an object starts; its keys and values follow.
  case beginObject
  /// `}`: the innermost open object ends.
  case endObject
  /// `[`: an array starts; its elements follow.
  case beginArray
  /// `]`: the innermost open array ends.
  case endArray
  /// The key of the next object member.
  case key(String)
  /// A string, number, boolean or null.
  case scalar(JSONValue)
}
