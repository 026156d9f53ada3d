import LoftCompression
import Testing

@Suite struct ZstdDecompressionStreamTests {
  @Test("decodes chunks fed a few bytes at a time", arguments: [1, 7, 4096])
  func chunked(chunkSize: Int) throws {
    let original = ZstdTests.sample(lines: 2000)
    let compressed = try Zstd.compress(original, level: 3) + Zstd.compress([1, 2, 3], level: 3)
    let stream = try ZstdDecompressionStream(maxOutputBytes: 1 << 20, maxRatio: 1000)
    var output: [UInt8] = []
    for start in stride(from: 0, to: compressed.count, by: chunkSize) {
      let chunk = Array(compressed[start..<min(start + chunkSize, compressed.count)])
      try stream.decompress(chunk, into: &output)
    }
    try stream.finish()
    #expect(output == original + [1, 2, 3])
    #expect(stream.totalInput == compressed.count)
  }

  @Test("stops a bomb at the ratio limit without holding its output")
  func bombRatioLimit() throws {
    let bomb = try Zstd.compress([UInt8](repeating: 0, count: 64 << 20), level: 3)
    let stream = try ZstdDecompressionStream(maxOutputBytes: 4 << 30, maxRatio: 200)
    var output: [UInt8] = []
    #expect {
      for start in stride(from: 0, to: bomb.count, by: 256) {
        try stream.decompress(Array(bomb[start..<min(start + 256, bomb.count)]), into: &output)
        output.removeAll(keepingCapacity: true)
      }
    } throws: { error in
      guard case .limitExceeded(let detail) = error as? ZstdError else { return false }
      return detail.hasPrefix("compression ratio over 200:1")
    }
    // It stopped soon after the 1 MiB grace, far from the 64 MiB the bomb holds.
    #expect(stream.totalOutput < 2 << 20)
  }

  @Test("lets a small, very compressible file through the ratio limit")
  func smallFileWithinGrace() throws {
    let zeros = [UInt8](repeating: 0, count: 512 << 10)
    let stream = try ZstdDecompressionStream(maxOutputBytes: 1 << 20, maxRatio: 10)
    var output: [UInt8] = []
    try stream.decompress(try Zstd.compress(zeros, level: 3), into: &output)
    try stream.finish()
    #expect(output == zeros)
  }

  @Test("accepts empty chunks between and after frames")
  func emptyChunks() throws {
    let original = [UInt8](repeating: 7, count: 256 << 10)
    let stream = try ZstdDecompressionStream(maxOutputBytes: 1 << 20, maxRatio: 10_000)
    var output: [UInt8] = []
    try stream.decompress([], into: &output)
    try stream.decompress(try Zstd.compress(original, level: 3), into: &output)
    try stream.decompress([], into: &output)
    try stream.finish()
    #expect(output == original)
  }
}

@Suite struct ZstdDecompressionPiecesTests {
  @Test("hands a bomb's output over in pieces of one zstd buffer, whatever the ratio")
  func bombInPieces() throws {
    let frame = try Zstd.compress([UInt8](repeating: 0, count: 16 << 20), level: 1)
    let bomb = (0..<16).flatMap { _ in frame }  // 256 MiB of zeros
    let stream = try ZstdDecompressionStream(maxOutputBytes: 64 << 20, maxRatio: .infinity)
    var largestPiece = 0
    var total = 0
    #expect {
      try bomb.withUnsafeBytes { input in
        try stream.decompress(input) { piece in
          largestPiece = max(largestPiece, piece.count)
          total += piece.count
        }
      }
    } throws: { error in
      guard case .limitExceeded(let detail) = error as? ZstdError else { return false }
      return detail == "decompressed size over 64 MiB"
    }
    #expect(largestPiece <= 256 << 10)
    #expect(total <= 64 << 20)
  }

  @Test("pieces add up to what was compressed, and what the body throws comes back")
  func piecesAndErrors() throws {
    let original = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let compressed = try Zstd.compress(original, level: 3)
    let stream = try ZstdDecompressionStream(maxOutputBytes: 1 << 20, maxRatio: 1000)
    var output: [UInt8] = []
    try compressed.withUnsafeBytes { try stream.decompress($0) { output += $0 } }
    try stream.finish()
    #expect(output == original)

    struct Stop: Error {}
    let again = try ZstdDecompressionStream(maxOutputBytes: 1 << 20, maxRatio: 1000)
    #expect(throws: Stop.self) {
      try compressed.withUnsafeBytes { try again.decompress($0) { _ in throw Stop() } }
    }
  }
}
