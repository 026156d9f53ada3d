import LoftCompression
import LoftCore

/// A delivery's content: its raw bytes, or what they decompress to, streamed with limits.
struct DeliveryContent {
  let file: DeliveryFile
  let compressed: Bool
  let limits: Limits

  /// Decides the compression from the name and the magic bytes.
  init(file: DeliveryFile, pathInAgency: String, limits: Limits) throws(DeliveryReader.Quarantine) {
    self.file = file
    self.limits = limits
    let name = pathInAgency.lowercased()
    let prefix = file.prefix
    func starts(with magic: [UInt8]) -> Bool { prefix.starts(with: magic) }
    let unsupported: [(suffix: String, magic: [UInt8], name: String)] = [
      (".gz", [0x1F, 0x8B], "gzip"), (".zip", [0x50, 0x4B, 0x03, 0x04], "zip"),
      (".bz2", [0x42, 0x5A, 0x68], "bzip2"), (".xz", [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz"),
      (".7z", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7z"),
    ]
    let isZstd = Zstd.hasMagic(prefix)
    if name.hasSuffix(".zst") || isZstd {
      guard isZstd else {
        throw DeliveryReader.Quarantine(.corruptCompression, "named .zst but not zstd data")
      }
      compressed = true
      return
    }
    for format in unsupported where name.hasSuffix(format.suffix) || starts(with: format.magic) {
      throw DeliveryReader.Quarantine(
        .unsupportedCompression, "\(format.name) is not supported; deliver plain or zstd (.zst)")
    }
    compressed = false
    guard file.size <= limits.maxDecompressedBytes else {
      throw DeliveryReader.Quarantine(
        .limitExceeded, "the file is larger than max_decompressed_bytes")
    }
  }

  /// Calls `body` with the content in chunks, decompressing as it goes.
  func forEachChunk(_ body: (UnsafeRawBufferPointer) throws(DeliveryReader.Quarantine) -> Void)
    throws(DeliveryReader.Quarantine)
  {
    do {
      if !compressed {
        try file.forEachChunk { chunk in try body(chunk) }
        return
      }
      let stream = try ZstdDecompressionStream(
        maxOutputBytes: limits.maxDecompressedBytes, maxRatio: limits.maxRatio)
      // Each piece zstd produces goes on at once, so memory stays at one buffer of zstd's
      // (about 128 KiB) whatever the ratio: a bomb is refused by the limits, never held.
      try file.forEachChunk { chunk in try stream.decompress(chunk) { try body($0) } }
      try stream.finish()
    } catch let error as DeliveryReader.Quarantine {
      throw error
    } catch let error as DeliveryFile.OpenError {
      switch error {
      case .unreadable(let message): throw DeliveryReader.Quarantine(.unreadable, message)
      case .changed, .notRegular:
        throw DeliveryReader.Quarantine(.changedDuringRead, "the file changed while it was read")
      }
    } catch let error as ZstdError {
      switch error {
      case .limitExceeded(let message): throw DeliveryReader.Quarantine(.limitExceeded, message)
      case .corrupt(let message), .failed(let message):
        throw DeliveryReader.Quarantine(.corruptCompression, message)
      }
    } catch let error as TextError {
      throw DeliveryReader.Quarantine(
        error.reason == "limit_exceeded" ? .limitExceeded : .badEncoding, error.message)
    } catch {
      throw DeliveryReader.Quarantine(.unreadable, "\(error)")
    }
  }

  /// Pass 1: the encoding and line endings, or `bad_encoding`.
  func sniff() throws(DeliveryReader.Quarantine) -> TextProfile {
    var sniffer = TextSniffer()
    try forEachChunk { chunk in sniffer.feed(chunk) }
    guard let profile = sniffer.finish() else {
      throw DeliveryReader.Quarantine(
        .badEncoding, "neither UTF-8 nor UTF-16 with a BOM, and not Windows-1252 text")
    }
    return profile
  }
}
