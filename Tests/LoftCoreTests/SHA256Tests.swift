import LoftCore
import Testing

@Suite struct SHA256Tests {
  /// Published test vectors: FIPS 180-4 examples and the NIST long messages.
  static let vectors: [(message: String, digest: String)] = [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
        + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ]

  /// The Swift code everywhere, and the CPU's SHA extensions too where it has them.
  static let paths: [Bool] = SHA256.hardwareAvailable ? [false, true] : [false]

  /// The digest of `bytes` in hex, compressed by the given path.
  static func hexDigest(_ bytes: [UInt8], useHardware: Bool) -> String {
    var hasher = SHA256(useHardware: useHardware)
    hasher.update(bytes)
    return SHA256.hex(hasher.finalize())
  }

  @Test("hashes the NIST vectors", arguments: paths, 0..<vectors.count)
  func nistVector(useHardware: Bool, index: Int) {
    let (message, digest) = Self.vectors[index]
    #expect(Self.hexDigest(Array(message.utf8), useHardware: useHardware) == digest)
  }

  @Test("hashes with the default path as with the explicit ones", arguments: 0..<vectors.count)
  func defaultPath(index: Int) {
    let (message, digest) = Self.vectors[index]
    #expect(SHA256.hex(SHA256.hash(Array(message.utf8))) == digest)
  }

  @Test("gives the same digest however the message is split", arguments: 0..<vectors.count)
  func splitAnywhere(index: Int) {
    let (message, digest) = Self.vectors[index]
    let bytes = Array(message.utf8)
    for cut in 0...bytes.count {
      var hasher = SHA256()
      hasher.update(Array(bytes[..<cut]))
      hasher.update(Array(bytes[cut...]))
      #expect(SHA256.hex(hasher.finalize()) == digest)
    }
  }

  @Test("hashes one million 'a' fed in uneven chunks", arguments: paths)
  func millionA(useHardware: Bool) {
    let chunkSizes = [1, 7, 63, 64, 65, 1000, 4096, 3, 129]
    var hasher = SHA256(useHardware: useHardware)
    var fed = 0
    var turn = 0
    while fed < 1_000_000 {
      let size = min(chunkSizes[turn % chunkSizes.count], 1_000_000 - fed)
      hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: size))
      fed += size
      turn += 1
    }
    #expect(
      SHA256.hex(hasher.finalize())
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test(
    "the SHA extensions and the Swift code agree on every length and split",
    .enabled(if: SHA256.hardwareAvailable))
  func hardwareMatchesSwift() throws {
    var random = HashCounterGenerator()
    let lengths = Array(0...300) + [4096, 65_536 + 17, 262_144 + 5]
    for length in lengths {
      let message = random.bytes(length)
      var hardware = SHA256(useHardware: true)
      var swift = SHA256(useHardware: false)
      try message.withUnsafeBytes { all in
        var start = 0
        // Random chunks from one buffer, so blocks start at every alignment.
        while start < length {
          let end = min(length, start + Int.random(in: 1...200, using: &random))
          let chunk = UnsafeRawBufferPointer(rebasing: all[start..<end])
          hardware.update(chunk)
          swift.update(chunk)
          start = end
          // The digest is the state after padding; finalize leaves both hashes usable. The
          // first difference stops the test: the ones after it say nothing new.
          try #require(hardware.finalize() == swift.finalize(), "length \(length), at \(end)")
        }
      }
      // The empty message has no chunks; the others were compared after their last one.
      if length == 0 { #expect(hardware.finalize() == swift.finalize()) }
    }
  }

  @Test("finalize leaves the hash usable for more bytes")
  func finalizeIsNotDestructive() {
    var hasher = SHA256()
    hasher.update(Array("ab".utf8))
    _ = hasher.finalize()
    hasher.update(Array("c".utf8))
    #expect(SHA256.hex(hasher.finalize()) == Self.vectors[1].digest)
  }

  @Test("writes a digest as 64 lowercase hex characters")
  func hexIsLowercase() {
    let hex = SHA256.hex(SHA256.hash([]))
    #expect(hex.count == 64)
    #expect(hex == hex.lowercased())
    #expect(SHA256.hex([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
  }
}

/// Seeded test bytes: the Swift code's SHA-256 of a counter, so every run sees the same
/// inputs and a failure can be replayed.
struct HashCounterGenerator: RandomNumberGenerator {
  private var counter: UInt64 = 0

  mutating func next() -> UInt64 {
    counter += 1
    var hasher = SHA256(useHardware: false)
    withUnsafeBytes(of: counter) { hasher.update($0) }
    return hasher.finalize().prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
  }

  /// `count` bytes, eight from each number.
  mutating func bytes(_ count: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 8)
    while bytes.count < count {
      withUnsafeBytes(of: next()) { bytes.append(contentsOf: $0) }
    }
    return Array(bytes.prefix(count))
  }
}
