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

extension JSONEvent {
  /// An event without its text: what `JSONParser.nextKind` returns, the text of a key, string or
  /// number being left in the parser's `text`.
  package enum Kind: Sendable, Equatable {
    case beginObject, endObject, beginArray, endArray
    case key, string, number
    case `true`, `false`, null
  }
}
