import CZstd

/// Streaming zstd decompression with limits checked as the output is produced.
///
/// Feed compressed chunks to `decompress(_:_:)` (or `decompress(_:into:)`) in order, take the
/// output as it comes, and call `finish()` after the last chunk. Concatenated frames are decoded
/// one after the other, as the zstd format allows. Two limits guard against decompression bombs:
/// - `maxOutputBytes`: the total decompressed size;
/// - `maxRatio`: decompressed bytes per compressed byte consumed so far, checked only once the
///   output passes `ratioGrace` (1 MiB) so that small, highly compressible files pass.
///
/// `decompress(_:_:)` holds one piece of output at a time, whatever the ratio;
/// `decompress(_:into:)` appends at most about `input.count × maxRatio` bytes per call (and never
/// more than `maxOutputBytes` in total).
package final class ZstdDecompressionStream {
  /// The most decompressed bytes allowed in total.
  package let maxOutputBytes: Int
  /// The most decompressed bytes allowed per compressed byte, once past `ratioGrace`.
  package let maxRatio: Double
  /// Output up to this size is never refused for its ratio.
  package static let ratioGrace = 1 << 20

  /// Decompressed bytes produced so far.
  package private(set) var totalOutput = 0
  /// Compressed bytes consumed so far.
  package private(set) var totalInput = 0

  private let context: OpaquePointer
  /// Where zstd writes before the bytes are appended to the caller's output.
  private var scratch: [UInt8]
  /// Whether a frame has started and not yet been fully decoded and flushed.
  private var frameInProgress = false
  /// Whether at least one complete frame has been decoded.
  private var sawFrame = false

  /// A stream that refuses output past `maxOutputBytes` or past `maxRatio` to one.
  package init(maxOutputBytes: Int, maxRatio: Double) throws(ZstdError) {
    guard let context = ZSTD_createDCtx() else {
      throw .failed("could not create a decompression context")
    }
    self.context = context
    self.maxOutputBytes = maxOutputBytes
    self.maxRatio = maxRatio
    self.scratch = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
  }

  deinit {
    ZSTD_freeDCtx(context)
  }

  /// Decompresses the next chunk of compressed bytes, handing what it yields to `body` one
  /// piece at a time (each at most `ZSTD_DStreamOutSize()`, about 128 KiB) as zstd produces it,
  /// with the limits checked before each. Memory stays at one piece whatever the ratio. Throws
  /// `ZstdError`, or what `body` throws.
  package func decompress(
    _ input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
    while true {
      let consumedBefore = source.pos
      let (result, produced) = scratch.withUnsafeMutableBytes { scratch in
        var target = ZSTD_outBuffer(dst: scratch.baseAddress, size: scratch.count, pos: 0)
        let result = ZSTD_decompressStream(context, &target, &source)
        return (result, target.pos)
      }
      try Zstd.check(result, as: ZstdError.corrupt, "decompression")
      totalInput += source.pos - consumedBefore
      totalOutput += produced
      try checkLimits()
      if produced > 0 {
        try scratch.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<produced])) }
      }

      // A call that moved nothing says nothing new: after a frame ends, zstd already asks
      // for the next frame's header, which must not count as a frame in progress.
      if source.pos > consumedBefore || produced > 0 {
        frameInProgress = result != 0
        if result == 0 { sawFrame = true }
      }
      // Done when the chunk is used up and zstd had room to spare, so nothing waits to flush.
      if source.pos == source.size && produced < scratch.count { break }
    }
  }

  /// Decompresses the next chunk of compressed bytes, appending what it yields to `output`.
  package func decompress(
    _ input: UnsafeRawBufferPointer, into output: inout [UInt8]
  ) throws(ZstdError) {
    do {
      try decompress(input) { output.append(contentsOf: $0) }
    } catch let error as ZstdError {
      throw error
    } catch {
      preconditionFailure("appending to an array threw \(error)")
    }
  }

  /// Decompresses the next chunk of compressed bytes, appending what it yields to `output`.
  package func decompress(_ input: [UInt8], into output: inout [UInt8]) throws(ZstdError) {
    // withUnsafeBytes rethrows untyped errors, so the typed error travels in a Result.
    let outcome = input.withUnsafeBytes { input in
      Result { () throws(ZstdError) in try decompress(input, into: &output) }
    }
    try outcome.get()
  }

  /// Confirms the input ended at the end of a frame; fails with `.corrupt` when truncated.
  package func finish() throws(ZstdError) {
    if frameInProgress {
      throw .corrupt("the input ends inside a frame after \(totalInput) bytes (truncated)")
    }
    if !sawFrame {
      throw .corrupt("the input holds no zstd frame")
    }
  }

  private func checkLimits() throws(ZstdError) {
    if totalOutput > maxOutputBytes {
      throw .limitExceeded("decompressed size over \(Self.describe(bytes: maxOutputBytes))")
    }
    if totalOutput > Self.ratioGrace,
      Double(totalOutput) > maxRatio * Double(max(totalInput, 1))
    {
      throw .limitExceeded(
        "compression ratio over \(Self.describe(ratio: maxRatio)):1 "
          + "(\(totalOutput) bytes from \(totalInput) compressed)")
    }
  }

  /// A byte count in the largest binary unit that divides it, e.g. "4 GiB" or "1500 bytes".
  private static func describe(bytes: Int) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")]
    where bytes > 0 && bytes % (1 << shift) == 0 {
      return "\(bytes >> shift) \(unit)"
    }
    return "\(bytes) bytes"
  }

  /// A ratio without a needless ".0", e.g. "200" or "12.5".
  private static func describe(ratio: Double) -> String {
    ratio == ratio.rounded() && abs(ratio) < 1e15 ? String(Int(ratio)) : String(ratio)
  }
}
