/// A 128-bit fingerprint of a record's canonical values, for finding repeated records without
/// keeping the records.
///
/// The values are small integers (pseudonym numbers, days, codes), never raw text, so no
/// delivery can aim at a collision; by chance one is about 2⁻¹²⁷ per pair — at ten million
/// distinct records, about 10⁻²⁵ for the whole run (127 bits are used).
package struct Fingerprint: Hashable, Sendable {
  package private(set) var high: UInt64 = 0x243F_6A88_85A3_08D3
  /// Never 0 (its lowest bit is set), so that an all-zero fingerprint can mark an empty slot.
  package private(set) var low: UInt64 = 0x1319_8A2E_0370_7345

  package init() {}

  private init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// No record's fingerprint: an empty slot.
  static let empty = Fingerprint(high: 0, low: 0)

  /// Mixes in one value; the order of values matters.
  package mutating func add(_ value: Int) {
    let word = UInt64(bitPattern: Int64(value))
    high = ByteInterner.mix(word ^ 0xE703_7ED1_A0B4_28DB, high ^ 0xA076_1D64_78BD_642F)
    low = ByteInterner.mix(word ^ 0x8EBC_6AF0_9C88_C6E3, low ^ 0x5899_65CC_7537_4CC3) | 1
  }

  /// Mixes in an optional value, nil apart from every number.
  package mutating func add(_ value: Int?) {
    if let value {
      add(1)
      add(value)
    } else {
      add(0)
    }
  }
}

/// A set of fingerprints: open addressing with linear probing over 16-byte slots (an all-zero
/// slot is empty).
package struct FingerprintSet: Sendable {
  private var slots: [Fingerprint]
  package private(set) var count = 0

  /// A set with room for `capacity` fingerprints before it grows.
  package init(capacity: Int = 0) {
    slots = Array(repeating: .empty, count: Self.size(for: capacity))
  }

  /// Adds `fingerprint`; false when it was already there.
  package mutating func insert(_ fingerprint: Fingerprint) -> Bool {
    let inserted = slots.withUnsafeMutableBufferPointer { slots in
      var index = Self.slot(of: fingerprint, in: slots.count)
      while slots[index] != .empty {
        if slots[index] == fingerprint { return false }
        index = index + 1 == slots.count ? 0 : index + 1
      }
      slots[index] = fingerprint
      return true
    }
    guard inserted else { return false }
    count += 1
    if count * 3 > slots.count * 2 { grow() }
    return true
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: .empty, count: old.count * 2)
    for fingerprint in old where fingerprint != .empty {
      var index = Self.slot(of: fingerprint, in: slots.count)
      while slots[index] != .empty { index = index + 1 == slots.count ? 0 : index + 1 }
      slots[index] = fingerprint
    }
  }

  /// Slots for `capacity` elements at most two thirds full; any count, not only powers of two,
  /// so that a table sized ahead takes no more memory than it needs.
  static func size(for capacity: Int) -> Int { max(16, capacity + capacity / 2 + 1) }

  /// A fingerprint's first slot: its high bits scaled to the table (Lemire's multiply-shift).
  @inline(__always)
  static func slot(of fingerprint: Fingerprint, in count: Int) -> Int {
    Int(truncatingIfNeeded: fingerprint.low.multipliedFullWidth(by: UInt64(count)).high)
  }
}
