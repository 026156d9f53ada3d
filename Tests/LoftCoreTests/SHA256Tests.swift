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

  @Test("hashes the NIST vectors", arguments: 0..<vectors.count)
  func nistVector(index: Int) {
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

  @Test("hashes one million 'a' fed in uneven chunks")
  func millionA() {
    let chunkSizes = [1, 7, 63, 64, 65, 1000, 4096, 3, 129]
    var hasher = SHA256()
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
