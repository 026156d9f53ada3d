/// One step of a JSON text, as the streaming parser reports it.
package enum JSONEvent: Sendable, Equatable {
  case beginObject
  case endObject
  case beginArray
  case endArray
  /// The key of the next object member.
  case key(String)
  /// A string, number, boolean or null.
  case scalar(JSONValue)
}
