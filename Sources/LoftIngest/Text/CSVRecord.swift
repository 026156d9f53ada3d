/// A CSV record as the tokenizer sees it: its fields, unescaped, and where it starts.
///
/// A record is a view into the tokenizer's reused buffer: it is valid only inside the
/// callback that received it. Copy out what must outlive it (`string(_:)`, `fields`).
package struct CSVRecord {
  /// The physical line the record starts on (1 = the file's first line).
  package let line: Int
  /// What is wrong with the record, or nil. Fields are still split as well as they can be.
  package let defect: CSVDefect?
  /// The fields' bytes, unescaped, one byte apart (the delimiter, or any byte): so a record
  /// without quotes can be a view of the input itself.
  private let bytes: UnsafeBufferPointer<UInt8>
  /// Where each field ends in `bytes`; field `i` starts one byte after field `i - 1` ends.
  private let ends: UnsafeBufferPointer<Int>

  init(
    line: Int, defect: CSVDefect?, bytes: UnsafeBufferPointer<UInt8>,
    ends: UnsafeBufferPointer<Int>
  ) {
    self.line = line
    self.defect = defect
    self.bytes = bytes
    self.ends = ends
  }

  /// The number of fields (at least 1: an empty line is one empty field).
  package var count: Int { ends.count }

  /// Calls `body` with the UTF-8 bytes of field `i`, unescaped and not trimmed.
  package func withBytes<R>(
    _ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R {
    try body(slice(i))
  }

  /// Field `i`, unescaped, not trimmed.
  package func string(_ i: Int) -> String {
    String(decoding: slice(i), as: UTF8.self)
  }

  /// Field `i`, unescaped, without leading and trailing spaces and tabs.
  package func trimmedString(_ i: Int) -> String {
    String(decoding: trimmed(i), as: UTF8.self)
  }

  /// The bytes of field `i`, unescaped, without leading and trailing spaces and tabs.
  @inline(__always)
  package func trimmed(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    let field = slice(i)
    var start = 0
    var end = field.count
    while start < end && Self.isBlankByte(field[start]) { start += 1 }
    while end > start && Self.isBlankByte(field[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: field[start..<end])
  }

  /// Calls `body` with a record of `fields` (for tests and callers that hold strings).
  package static func withFields<R>(
    _ fields: [String], line: Int, _ body: (CSVRecord) throws -> R
  ) rethrows -> R {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    for field in fields {
      if !ends.isEmpty { bytes.append(UInt8(ascii: ",")) }
      bytes += field.utf8
      ends.append(bytes.count)
    }
    return try bytes.withUnsafeBufferPointer { bytes in
      try ends.withUnsafeBufferPointer { ends in
        try body(CSVRecord(line: line, defect: nil, bytes: bytes, ends: ends))
      }
    }
  }

  /// Every field, unescaped and not trimmed (allocates; for headers and tests).
  package var fields: [String] { (0..<count).map(string) }

  /// True when every field is empty or only spaces and tabs (a blank line, or `;;;;`) and
  /// the record has no defect. Blank records are not records: callers skip them.
  package var isBlank: Bool {
    guard defect == nil else { return false }
    for i in 0..<count {
      for byte in slice(i) where !Self.isBlankByte(byte) { return false }
    }
    return true
  }

  @inline(__always)
  private func slice(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    precondition(i >= 0 && i < ends.count, "field index out of range")
    let start = i == 0 ? 0 : ends[i - 1] + 1
    return UnsafeBufferPointer(rebasing: bytes[start..<ends[i]])
  }

  @inline(__always)
  private static func isBlankByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}
