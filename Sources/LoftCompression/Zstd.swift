import CZstd
import LoftCore

/// libzstd, wrapped once: deterministic one-shot compression and bounded decompression.
package enum Zstd {
  /// The version of the linked libzstd, e.g. "1.5.4".
  package static var versionString: String {
    String(cString: ZSTD_versionString())
  }

  /// The first four bytes of every zstd frame, 0xFD2FB528 little-endian.
  package static let magic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

  /// Whether `prefix` starts with the zstd frame magic number.
  package static func hasMagic(_ prefix: some Collection<UInt8>) -> Bool {
    prefix.starts(with: magic)
  }

  /// Compresses `bytes` into one zstd frame with a content size and a checksum.
  ///
  /// The same input and level always give the same bytes: compression runs single-threaded
  /// with every parameter that shapes the output set explicitly.
  package static func compress(_ bytes: [UInt8], level: Int32) throws(ZstdError) -> [UInt8] {
    let result = bytes.withUnsafeBytes { input in
      Result { () throws(ZstdError) in try compress(input, level: level) }
    }
    return try result.get()
  }

  /// `compress(_:level:)` on bytes in place, without copying them first.
  package static func compress(
    _ bytes: UnsafeRawBufferPointer, level: Int32
  ) throws(ZstdError) -> [UInt8] {
    guard let context = ZSTD_createCCtx() else {
      throw .failed("could not create a compression context")
    }
    defer { ZSTD_freeCCtx(context) }

    let parameters: [(ZSTD_cParameter, Int32, String)] = [
      (ZSTD_c_compressionLevel, level, "compression level \(level)"),
      (ZSTD_c_checksumFlag, 1, "checksum flag"),
      (ZSTD_c_contentSizeFlag, 1, "content size flag"),
      (ZSTD_c_nbWorkers, 0, "single-threaded mode"),
    ]
    for (parameter, value, name) in parameters {
      try check(ZSTD_CCtx_setParameter(context, parameter, value), as: ZstdError.failed, name)
    }

    // Not zero-filled first: the bound is about the input's size (tens of megabytes), and
    // zstd writes only the few it needs.
    var written = 0
    let output = [UInt8](unsafeUninitializedCapacity: ZSTD_compressBound(bytes.count)) {
      out, count in
      written = ZSTD_compress2(context, out.baseAddress, out.count, bytes.baseAddress, bytes.count)
      count = ZSTD_isError(written) == 0 ? written : 0
    }
    try check(written, as: ZstdError.failed, "compression")
    return output
  }

  /// Compresses `bytes` as independent frames of `frameSize` bytes each (the last one
  /// shorter), each as `compress(_:level:)` makes it, concatenated in order. Every zstd decoder
  /// reads concatenated frames as one stream, and input of at most `frameSize` bytes gives
  /// exactly `compress(_:level:)`'s one frame.
  ///
  /// The frames are compressed on up to `threads` workers; the bytes depend on `frameSize`
  /// only, never on `threads`.
  package static func compress(
    _ bytes: UnsafeRawBufferPointer, level: Int32, frameSize: Int, threads: Int
  ) throws(ZstdError) -> [UInt8] {
    precondition(frameSize > 0, "a frame holds at least one byte")
    let frames = max(1, (bytes.count + frameSize - 1) / frameSize)
    let input = SharedBytes(bytes: bytes)
    let compressed = concurrentMap(frames, threads: threads) { frame in
      let start = frame * frameSize
      let slice = UnsafeRawBufferPointer(
        rebasing: input.bytes[start..<min(start + frameSize, input.bytes.count)])
      return Result { () throws(ZstdError) in try compress(slice, level: level) }
    }
    var output: [UInt8] = []
    for result in compressed { output += try result.get() }
    return output
  }

  /// Decompresses one or more concatenated zstd frames held in memory.
  ///
  /// Fails with `.limitExceeded` as soon as the output passes `maxOutputBytes`, before it
  /// is all allocated, and with `.corrupt` for garbage or a truncated frame.
  package static func decompress(
    _ bytes: [UInt8], maxOutputBytes: Int
  ) throws(ZstdError) -> [UInt8] {
    let stream = try ZstdDecompressionStream(maxOutputBytes: maxOutputBytes, maxRatio: .infinity)
    var output: [UInt8] = []
    try stream.decompress(bytes, into: &output)
    try stream.finish()
    return output
  }

  /// Throws `error("context: zstd's error name")` when `result` is a zstd error code.
  static func check(
    _ result: Int, as error: (String) -> ZstdError, _ context: String
  ) throws(ZstdError) {
    if ZSTD_isError(result) != 0 {
      throw error("\(context): \(String(cString: ZSTD_getErrorName(result)))")
    }
  }
}

/// Bytes the workers of one call read, never write, and that outlive the call's workers.
private struct SharedBytes: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer
}
