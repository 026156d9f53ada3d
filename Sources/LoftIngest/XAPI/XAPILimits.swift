/// The bounds a JSON delivery must stay within, from the pipeline definition's `limits`.
///
/// A delivery over one of them is quarantined as `limit_exceeded`; the limits keep a hostile
/// file from exhausting memory or the stack.
package struct XAPILimits: Sendable, Equatable {
  /// The deepest nesting of arrays and objects allowed (`max_json_depth`, default 64).
  package var maxDepth: Int
  /// The longest string or number allowed, in UTF-8 bytes after decoding escapes
  /// (`max_field_bytes`, default 1 MiB).
  package var maxStringBytes: Int

  /// Limits with the pipeline definition's defaults unless given.
  package init(maxDepth: Int = 64, maxStringBytes: Int = 1 << 20) {
    self.maxDepth = maxDepth
    self.maxStringBytes = maxStringBytes
  }
}
