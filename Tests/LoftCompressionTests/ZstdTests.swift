import LoftCompression
import Testing

@Suite struct ZstdTests {
  /// Repeatable sample bytes: text lines with a pseudo-random number in each.
  static func sample(lines: Int) -> [UInt8] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var text = ""
    for line in 0..<lines {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      text += "\(line);9\(state >> 40);some repeated words,\"quoted\"\n"
    }
    return Array(text.utf8)
  }

  @Test("reports the library version")
  func version() {
    #expect(Zstd.versionString.hasPrefix("1."))
  }

  @Test("recognises the frame magic")
  func magic() throws {
    let compressed = try Zstd.compress(Array("hello".utf8), level: 3)
    #expect(Zstd.hasMagic(compressed))
    #expect(Zstd.hasMagic(compressed.prefix(4)))
    #expect(!Zstd.hasMagic(compressed.prefix(3)))
    #expect(!Zstd.hasMagic(Array("PK\u{3}\u{4}".utf8)))
    #expect(!Zstd.hasMagic([UInt8]()))
  }

  @Test("round-trips bytes", arguments: [0, 1, 100, 50_000])
  func roundTrip(lines: Int) throws {
    let original = Self.sample(lines: lines)
    let compressed = try Zstd.compress(original, level: 3)
    let restored = try Zstd.decompress(compressed, maxOutputBytes: original.count)
    #expect(restored == original)
  }

  @Test("compresses the same input to the same bytes", arguments: [1, 3, 19])
  func deterministic(level: Int32) throws {
    let original = Self.sample(lines: 20_000)
    let first = try Zstd.compress(original, level: level)
    let second = try Zstd.compress(original, level: level)
    #expect(first == second)
    #expect(first.count < original.count)
  }

  @Test(
    "compresses in frames: the same bytes at any number of threads, each frame on its own",
    arguments: [0, 1, 4000, 4096, 50_000])
  func frames(size: Int) throws {
    let original = Array(Self.sample(lines: 2000).prefix(size))
    func framed(_ frameSize: Int, threads: Int) throws -> [UInt8] {
      try original.withUnsafeBytes { bytes throws(ZstdError) in
        try Zstd.compress(bytes, level: 3, frameSize: frameSize, threads: threads)
      }
    }
    let one = try framed(4096, threads: 1)
    for threads in [2, 3, 16] { #expect(try framed(4096, threads: threads) == one) }
    // Each frame is what one-shot compression makes of its bytes, in order.
    var expected: [UInt8] = []
    for start in stride(from: 0, to: original.count, by: 4096) {
      expected += try Zstd.compress(
        Array(original[start..<min(start + 4096, original.count)]), level: 3)
    }
    if original.isEmpty { expected = try Zstd.compress([], level: 3) }
    #expect(one == expected)
    #expect(try Zstd.decompress(one, maxOutputBytes: original.count) == original)
    // Input that fits one frame is exactly the one-shot frame.
    #expect(try framed(original.count + 1, threads: 2) == Zstd.compress(original, level: 3))
  }

  @Test("refuses a truncated frame as corrupt")
  func truncated() throws {
    let compressed = try Zstd.compress(Self.sample(lines: 1000), level: 3)
    for cut in [1, 4, 10, compressed.count / 2, compressed.count - 1] {
      #expect {
        _ = try Zstd.decompress(Array(compressed[..<cut]), maxOutputBytes: 1 << 30)
      } throws: { error in
        guard case .corrupt(let detail) = error as? ZstdError else { return false }
        return detail.contains("truncated")
      }
    }
  }

  @Test("refuses garbage and empty input as corrupt")
  func garbage() {
    let inputs: [[UInt8]] = [
      Array("name;count\nOslo;12\n".utf8),
      [0x28, 0xB5, 0x2F, 0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
      [],
    ]
    for input in inputs {
      #expect {
        _ = try Zstd.decompress(input, maxOutputBytes: 1 << 20)
      } throws: { error in
        guard case .corrupt = error as? ZstdError else { return false }
        return true
      }
    }
  }

  @Test("notices a damaged byte through the checksum")
  func damaged() throws {
    var compressed = try Zstd.compress(Self.sample(lines: 1000), level: 3)
    compressed[compressed.count - 2] ^= 0x01
    #expect {
      _ = try Zstd.decompress(compressed, maxOutputBytes: 1 << 30)
    } throws: { error in
      guard case .corrupt = error as? ZstdError else { return false }
      return true
    }
  }

  @Test("decodes concatenated frames as one stream")
  func concatenated() throws {
    let first = Self.sample(lines: 300)
    let second = Array("and a second frame\n".utf8)
    let joined = try Zstd.compress(first, level: 3) + Zstd.compress(second, level: 9)
    #expect(try Zstd.decompress(joined, maxOutputBytes: 1 << 20) == first + second)
  }

  @Test("stops a bomb at the output limit")
  func bombOutputLimit() throws {
    let bomb = try Zstd.compress([UInt8](repeating: 0, count: 64 << 20), level: 3)
    #expect(throws: ZstdError.limitExceeded("decompressed size over 1 MiB")) {
      _ = try Zstd.decompress(bomb, maxOutputBytes: 1 << 20)
    }
  }

  @Test("describes errors in words")
  func descriptions() {
    let error = ZstdError.limitExceeded("decompressed size over 4 GiB")
    #expect(error.description.contains("decompressed size over 4 GiB"))
    #expect(ZstdError.corrupt("x").description.hasPrefix("corrupt zstd data: x"))
  }
}
