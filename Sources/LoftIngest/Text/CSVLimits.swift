/// Bounds on a CSV file's fields, so a hostile or broken delivery cannot exhaust memory.
///
/// With them, the memory a reader holds is bounded by one record, whatever the file's size.
package struct CSVLimits: Sendable, Equatable {
  /// The longest field allowed, in bytes of UTF-8 after unescaping (default 1 MiB).
  package var maxFieldBytes: Int
  /// The most fields a record may have (default 1 000).
  package var maxColumns: Int

  /// Limits with the defaults of SPEC §1.5.
  package init(maxFieldBytes: Int = 1 << 20, maxColumns: Int = 1000) {
    precondition(maxFieldBytes > 0 && maxColumns > 0, "limits must be positive")
    self.maxFieldBytes = maxFieldBytes
    self.maxColumns = maxColumns
  }

  /// `maxFieldBytes` for a message: `1 MiB`, `64 KiB` or `100 bytes`.
  var maxFieldBytesLabel: String {
    if maxFieldBytes % (1 << 20) == 0 { return "\(maxFieldBytes >> 20) MiB" }
    if maxFieldBytes % (1 << 10) == 0 { return "\(maxFieldBytes >> 10) KiB" }
    return maxFieldBytes == 1 ? "1 byte" : "\(maxFieldBytes) bytes"
  }
}
