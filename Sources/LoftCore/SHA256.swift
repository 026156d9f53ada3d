/// A streaming SHA-256 (FIPS 180-4), written here so the core needs no dependency.
///
/// Feed bytes with `update` in chunks of any size, then call `finalize` once for the
/// 32-byte digest. Whole 64-byte blocks are compressed straight from the caller's buffer;
/// only a partial block at the end of a chunk is copied aside until more bytes arrive.
package struct SHA256: Sendable {
  /// The eight working words of the hash.
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
    0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
  /// Bytes of an unfinished block, waiting for the rest of it.
  private var pending: [UInt8] = []
  /// Bytes fed so far.
  private var length: UInt64 = 0

  /// A hash of no bytes yet.
  package init() {
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
    var (h0, h1, h2, h3, h4, h5, h6, h7) = state
    // The 64-word message schedule lives on the stack, reused for every block.
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
      SHA256.roundConstants.withUnsafeBufferPointer { k in
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

  /// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]
}

extension UInt32 {
  /// The bits rotated right by `count` places.
  @inline(__always)
  fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
    (self >> count) | (self << (32 &- count))
  }
}
