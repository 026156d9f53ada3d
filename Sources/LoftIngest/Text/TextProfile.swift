/// What a text file is made of: its encoding and its line endings.
package struct TextProfile: Sendable, Equatable, CustomStringConvertible {
  /// The encoding the file's bytes are in.
  package var encoding: TextEncoding
  /// What ends the file's lines.
  package var lineEnding: LineEnding

  /// A profile with the given encoding and line ending.
  package init(encoding: TextEncoding, lineEnding: LineEnding) {
    self.encoding = encoding
    self.lineEnding = lineEnding
  }

  /// `encoding;lineEnding`, e.g. `windows-1252;crlf`, as it appears in a dialect label.
  package var description: String { "\(encoding.rawValue);\(lineEnding.rawValue)" }
}
