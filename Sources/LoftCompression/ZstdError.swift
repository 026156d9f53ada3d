/// A zstd failure: bad input, a safety limit reached, or the library itself failing.
package enum ZstdError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The input is not valid zstd: garbage, a truncated frame, or a checksum mismatch.
  case corrupt(String)
  /// Decompression stopped because a limit was reached; the text names the limit.
  case limitExceeded(String)
  /// The library could not do its work (out of memory, a rejected parameter).
  case failed(String)

  /// One line saying what went wrong and what it likely means.
  package var description: String {
    switch self {
    case .corrupt(let detail):
      "corrupt zstd data: \(detail); the file is damaged or not zstd-compressed"
    case .limitExceeded(let detail):
      "zstd decompression stopped: \(detail); the file may be a decompression bomb"
    case .failed(let detail):
      "zstd failed: \(detail)"
    }
  }
}
