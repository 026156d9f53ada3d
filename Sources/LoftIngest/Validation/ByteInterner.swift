/// Numbers for byte strings: equal bytes get the same number, numbers are given 0, 1, 2, … in
/// the order strings are first seen.
///
/// Pseudonyms are numbered this way straight from the field bytes, so no `String` is made per
/// row and the numbers, not the pseudonyms, travel on (they are agency-local: one interner per
/// agency). The table is open addressing over one arena of bytes: a few bytes per string more
/// than the strings themselves.
package struct ByteInterner: Sendable {
  /// The strings' bytes, back to back: number `i` is `arena[starts[i]..<starts[i + 1]]`.
  private var arena: [UInt8] = []
  private var starts: [Int32] = [0]
  /// Each slot holds a number + 1, or 0 when empty; the count is a power of two.
  private var slots: [Int32]
  /// The hash of each number's string, so that growing never hashes again.
  private var hashes: [UInt64] = []

  /// True for an interner that numbers nothing: every string is number 0 and none is kept
  /// (for a reading that only checks records).
  private let discards: Bool

  package init(capacity: Int = 16, discarding: Bool = false) {
    discards = discarding
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: 0, count: size)
  }

  /// How many distinct strings have been numbered.
  package var count: Int { hashes.count }

  /// The number of `bytes`, given now if they are new.
  package mutating func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    if discards { return 0 }
    let hash = Self.hash(bytes)
    let (found, slot) = find(bytes, hash: hash)
    if let found { return found }
    let number = Int32(hashes.count)
    arena.append(contentsOf: bytes)
    starts.append(Int32(arena.count))
    hashes.append(hash)
    slots[slot] = number + 1
    if hashes.count * 2 > slots.count { grow() }
    return number
  }

  /// The number of `text`'s UTF-8 bytes.
  package mutating func number(_ text: String) -> Int32 {
    var text = text
    return text.withUTF8 { number($0) }
  }

  /// Every string numbered, by number (valid UTF-8 or not, as `String(decoding:)` reads it).
  var strings: [String] {
    (0..<count).map {
      String(decoding: arena[Int(starts[$0])..<Int(starts[$0 + 1])], as: UTF8.self)
    }
  }

  /// The number of `bytes` if they have one.
  package func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    find(bytes, hash: Self.hash(bytes)).number
  }

  /// The number of `bytes` if they have one, else the empty slot where they would go.
  @inline(__always)
  private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (
    number: Int32?, slot: Int
  ) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { return (nil, slot) }
      let number = Int(entry - 1)
      if hashes[number] == hash && equals(number, bytes) { return (Int32(number), slot) }
      slot = (slot + 1) & mask
    }
  }

  /// Which of `parts` equal shares `bytes` falls in: the same bytes always give the same part.
  package static func part(of bytes: UnsafeBufferPointer<UInt8>, in parts: Int) -> Int {
    // The high bits, which the table's slot index does not use.
    Int(truncatingIfNeeded: (hash(bytes) >> 32) % UInt64(parts))
  }

  private func equals(_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = Int(starts[number])
    let end = Int(starts[number + 1])
    guard end - start == bytes.count else { return false }
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
    return arena.withUnsafeBufferPointer { arena in
      bytesEqual(
        UnsafeRawPointer(arena.baseAddress! + start), UnsafeRawPointer(base), count: bytes.count)
    }
  }

  private mutating func grow() {
    var grown = [Int32](repeating: 0, count: slots.count * 2)
    let mask = grown.count - 1
    for (number, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while grown[slot] != 0 { slot = (slot + 1) & mask }
      grown[slot] = Int32(number + 1)
    }
    slots = grown
  }

  /// A 64-bit hash of a short byte string: eight bytes at a time, each word mixed by a 128-bit
  /// multiply (as wyhash does), the count mixed in first. Not for adversaries: a collision costs a probe, never a wrong
  /// answer, since strings are compared byte for byte.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    guard let base = bytes.baseAddress else { return mix(state, 0xA076_1D64_78BD_642F) }
    let raw = UnsafeRawPointer(base)
    var offset = 0
    while offset + 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      state = mix(word ^ 0xE703_7ED1_A0B4_28DB, state ^ 0xA076_1D64_78BD_642F)
      offset += 8
    }
    // The last bytes in one or two loads, which may overlap bytes already mixed in: the same
    // bytes still give the same hash.
    var tail: UInt64 = 0
    let count = bytes.count
    if offset < count {
      if count >= 8 {
        tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
      } else if count >= 4 {
        tail =
          UInt64(raw.loadUnaligned(as: UInt32.self))
          | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
      } else {
        for index in 0..<count { tail |= UInt64(base[index]) << (8 * UInt64(index)) }
      }
    }
    return mix(tail ^ 0x8EBC_6AF0_9C88_C6E3, state ^ 0xA076_1D64_78BD_642F)
  }

  @inline(__always)
  static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let product = a.multipliedFullWidth(by: b)
    return product.high ^ product.low
  }
}
