import CSHA256

/// A streaming SHA-256 (FIPS 180-4), written here so the core needs no dependency.
///
/// Feed bytes with `update` in chunks of any size, then call `finalize` once for the
/// 32-byte digest. Whole 64-byte blocks are compressed straight from the caller's buffer;
/// only a partial block at the end of a chunk is copied aside until more bytes arrive.
/// Blocks go to the CPU's SHA extensions where it has them (our C target `CSHA256`), and to
/// the compression function in Swift below everywhere else; both give the same state.
package struct SHA256: Sendable {
  /// Whether this CPU has the SHA extensions, asked once per process.
  ///
  /// True only on x86-64 with SHA, SSSE3 and SSE4.1; a hash then uses them by default.
  package static let hardwareAvailable = loft_sha256_hardware_available()

  /// The eight working words of the hash.
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
    0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
  /// Bytes of an unfinished block, waiting for the rest of it.
  private var pending: [UInt8] = []
  /// Bytes fed so far.
  private var length: UInt64 = 0
  /// Whether blocks go to the CPU's SHA extensions rather than to `compressInSwift`.
  private let useHardware: Bool

  /// A hash of no bytes yet, using the CPU's SHA extensions where it has them.
  package init() {
    self.init(useHardware: SHA256.hardwareAvailable)
  }

  /// A hash of no bytes yet that compresses with the CPU's SHA extensions or with the Swift
  /// code, so tests and benchmarks can compare the two.
  ///
  /// `useHardware: true` needs `hardwareAvailable`; without it the process stops.
  package init(useHardware: Bool) {
    precondition(
      !useHardware || SHA256.hardwareAvailable, "this CPU has no SHA extensions to use")
    self.useHardware = useHardware
    pending.reserveCapacity(SHA256.blockSize)
  }

  /// Adds bytes to the message.
  package mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var base = bytes.baseAddress, bytes.count > 0 else { return }
    var remaining = bytes.count
    length &+= UInt64(remaining)

    if !pending.isEmpty {
      let take = min(SHA256.blockSize - pending.count, remaining)
      pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take))
      base += take
      remaining -= take
      guard pending.count == SHA256.blockSize else { return }
      pending.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: 1) }
      pending.removeAll(keepingCapacity: true)
    }

    let blocks = remaining / SHA256.blockSize
    if blocks > 0 {
      compress(blocks: base, count: blocks)
      base += blocks * SHA256.blockSize
      remaining -= blocks * SHA256.blockSize
    }
    if remaining > 0 {
      pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: remaining))
    }
  }

  /// Adds bytes to the message.
  package mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// The 32-byte digest of everything fed so far; the hash itself is left unchanged.
  package func finalize() -> [UInt8] {
    var copy = self
    let bitLength = length &* 8
    // Padding: a 1 bit, zeros up to 56 bytes into a block, then the bit length big-endian.
    var tail: [UInt8] = [0x80]
    let used = (copy.pending.count + 1) % SHA256.blockSize
    let zeros = used <= 56 ? 56 - used : 64 + 56 - used
    tail.append(contentsOf: repeatElement(0, count: zeros))
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    copy.update(tail)

    var digest: [UInt8] = []
    digest.reserveCapacity(32)
    let s = copy.state
    for word in [s.0, s.1, s.2, s.3, s.4, s.5, s.6, s.7] {
      digest.append(UInt8(truncatingIfNeeded: word >> 24))
      digest.append(UInt8(truncatingIfNeeded: word >> 16))
      digest.append(UInt8(truncatingIfNeeded: word >> 8))
      digest.append(UInt8(truncatingIfNeeded: word))
    }
    return digest
  }

  /// The 32-byte digest of `bytes`.
  package static func hash(_ bytes: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// A digest written as lowercase hexadecimal, two characters a byte.
  package static func hex(_ digest: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(digest.count * 2)
    for byte in digest {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  private static let blockSize = 64

  /// Runs the compression function over `count` consecutive 64-byte blocks at `blocks`.
  private mutating func compress(blocks: UnsafeRawPointer, count: Int) {
    guard useHardware else {
      compressInSwift(blocks: blocks, count: count)
      return
    }
    withUnsafeMutablePointer(to: &state) { tuple in
      // A tuple of eight UInt32 is laid out as a C array of them, a..h: what the C code takes.
      tuple.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
        loft_sha256_compress_hardware(words, blocks, count)
      }
    }
  }

  /// The compression function in Swift, for CPUs without the SHA extensions.
  private mutating func compressInSwift(blocks: UnsafeRawPointer, count: Int) {
    var (h0, h1, h2, h3, h4, h5, h6, h7) = state
    // K[0..63], from the one table the C code uses too.
    let k = UnsafeBufferPointer(start: loft_sha256_round_constants(), count: 64)
    // The 64-word message schedule lives on the stack, reused for every block.
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      for block in 0..<count {
        let input = blocks + block * SHA256.blockSize
        for t in 0..<16 {
          // The input is big-endian and may be unaligned.
          w[t] = UInt32(bigEndian: input.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
        }
        for t in 16..<64 {
          let x = w[t - 15]
          let y = w[t - 2]
          let s0 = x.rotatedRight(7) ^ x.rotatedRight(18) ^ (x >> 3)
          let s1 = y.rotatedRight(17) ^ y.rotatedRight(19) ^ (y >> 10)
          w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }

        var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
        // Eight rounds at a time with the roles of the words rotated, instead of moving all
        // eight words every round.
        var t = 0
        while t < 64 {
          SHA256.round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
          SHA256.round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1])
          SHA256.round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2])
          SHA256.round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w[t + 3])
          SHA256.round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w[t + 4])
          SHA256.round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w[t + 5])
          SHA256.round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w[t + 6])
          SHA256.round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w[t + 7])
          t += 8
        }
        h0 &+= a
        h1 &+= b
        h2 &+= c
        h3 &+= d
        h4 &+= e
        h5 &+= f
        h6 &+= g
        h7 &+= h
      }
    }
    state = (h0, h1, h2, h3, h4, h5, h6, h7)
  }

  /// One round: `h` becomes the new `a` and `d` the new `e`; the caller rotates the roles.
  @inline(__always)
  private static func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32,
    _ g: UInt32, _ h: inout UInt32, _ constantAndWord: UInt32
  ) {
    let sum1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
    // Ch and Maj in their equivalent forms with one operation fewer.
    let choice = g ^ (e & (f ^ g))
    let temp1 = h &+ sum1 &+ choice &+ constantAndWord
    let sum0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
    let majority = (a & b) | (c & (a | b))
    d = d &+ temp1
    h = temp1 &+ sum0 &+ majority
  }
}

extension UInt32 {
  /// The bits rotated right by `count` places.
  @inline(__always)
  fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
    (self >> count) | (self << (32 &- count))
  }
}
