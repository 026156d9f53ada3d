/// What is wrong with a CSV record that the tokenizer could still delimit.
///
/// A record with a defect is rejected as `malformed_row`; it is never blank.
package enum CSVDefect: String, Sendable, Equatable, CustomStringConvertible {
  /// Text after a closing quote (`"abc"def`), a quote inside an unquoted field (`ab"c`), or a
  /// quote still open at the end of the file.
  case brokenQuoting = "broken quoting"

  /// A short phrase for a reject message, e.g. `broken quoting`.
  package var description: String { rawValue }
}
