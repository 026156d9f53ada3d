/// How a delivery lays out its statements.
package enum XAPIForm: String, Sendable, Equatable {
  /// One statement per line.
  case jsonLines = "jsonl"
  /// `{"statements": [...]}`, as learning record stores export.
  case document
  /// A top-level array of statements.
  case array
}
