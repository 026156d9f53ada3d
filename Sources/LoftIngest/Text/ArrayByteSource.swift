/// A `ByteSource` over bytes already in memory, handed out in chunks of a fixed size.
///
/// Tests use small chunk sizes (1 byte, 3 bytes) to exercise every chunk boundary.
package struct ArrayByteSource: ByteSource, Sendable {
  private let bytes: [UInt8]
  private let chunkSize: Int
  private var offset = 0

  /// A source that returns `bytes` in chunks of `chunkSize` bytes (the last one may be shorter).
  package init(_ bytes: [UInt8], chunkSize: Int = 1 << 20) {
    precondition(chunkSize > 0, "chunkSize must be positive")
    self.bytes = bytes
    self.chunkSize = chunkSize
  }

  /// The next chunk, or nil when every byte has been handed out.
  package mutating func nextChunk() -> [UInt8]? {
    guard offset < bytes.count else { return nil }
    let end = min(offset + chunkSize, bytes.count)
    defer { offset = end }
    return Array(bytes[offset..<end])
  }
}
