/// How a text file ends its lines, as `TextSniffer` finds it.
///
/// It decides what ends a physical line: LF in `lf`, `crlf` and `none` files (a CR directly
/// before the LF belongs to the line ending), CR in `cr` files.
package enum LineEnding: String, Sendable, CaseIterable {
  /// Lines end with LF (or a mix where fewer than half of the LFs follow a CR).
  case lf
  /// Lines end with CR LF (at least half of the LFs follow a CR).
  case crlf
  /// Lines end with a lone CR (old Mac exports); the file holds no LF.
  case cr
  /// The file holds neither LF nor CR: a single line, or empty.
  case none
}
