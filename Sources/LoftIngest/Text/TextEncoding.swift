/// The character encoding of a delivered text file, as `TextSniffer` finds it.
///
/// The raw values are the names used in a file's `dialect` (e.g. `csv;windows-1252;crlf`).
package enum TextEncoding: String, Sendable, CaseIterable {
  /// UTF-8 without a byte order mark.
  case utf8 = "utf-8"
  /// UTF-8 that starts with the byte order mark EF BB BF (Excel's "CSV UTF-8").
  case utf8BOM = "utf-8-bom"
  /// UTF-16 little endian that starts with the byte order mark FF FE (Excel's "Unicode text").
  case utf16LE = "utf-16le"
  /// Windows-1252 (Excel's Norwegian "CSV" export).
  case windows1252 = "windows-1252"
}
