/// A set of strings that finds them equal as `String` does (canonical equivalence), by their
/// bytes while it can.
///
/// While every string inserted is ASCII, equal bytes are exactly equal strings, so a
/// `ByteInterner` (no `String` hashing, no copy of a native string's bytes) holds them. The first
/// string that is not ASCII moves the set, for good, to a `Set<String>`: then `é` written
/// precomposed or decomposed are one string, as everywhere else in Swift.
struct TextSet: Sendable {
  private var bytes = ByteInterner()
  /// The strings, once one was not ASCII.
  private var strings: Set<String>?

  /// How many distinct strings the set holds.
  var count: Int { strings?.count ?? bytes.count }

  /// Adds `text`; true when it was not in the set.
  mutating func insert(_ text: String) -> Bool {
    var text = text
    if strings == nil {
      let before = bytes.count
      let isASCII = text.withUTF8 { utf8 in
        guard utf8.isASCII else { return false }
        _ = bytes.number(utf8)
        return true
      }
      if isASCII { return bytes.count > before }
      strings = Set(bytes.strings)
      bytes = ByteInterner()
    }
    return strings!.insert(text).inserted
  }
}
