/// A source of raw bytes, read in chunks (a file, a zstd stream, a test array).
///
/// Chunks may have any size, down to a single byte; readers downstream carry partial
/// characters, lines and records across chunk boundaries.
package protocol ByteSource {
  /// The next chunk of bytes, or nil at the end of the input. A chunk is never empty.
  mutating func nextChunk() throws -> [UInt8]?
}
