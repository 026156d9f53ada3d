/// A 128-bit fingerprint of a record's canonical values, for finding repeated records without
/// keeping the records.
///
/// The values are small integers (pseudonym numbers, days, codes), never raw text, so no
/// delivery can aim at a collision; by chance one is about 2⁻¹²⁸ per pair — at ten million
/// distinct records, about 10⁻²⁵ for the whole run.
package struct Fingerprint: Hashable, Sendable {
  package private(set) var high: UInt64 = 0x243F_6A88_85A3_08D3
  package private(set) var low: UInt64 = 0x1319_8A2E_0370_7344

  package init() {}

  /// Mixes in one value; the order of values matters.
  package mutating func add(_ value: Int) {
    let word = UInt64(bitPattern: Int64(value))
    high = ByteInterner.mix(word ^ 0xE703_7ED1_A0B4_28DB, high ^ 0xA076_1D64_78BD_642F)
    low = ByteInterner.mix(word ^ 0x8EBC_6AF0_9C88_C6E3, low ^ 0x5899_65CC_7537_4CC3)
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

/// A set of fingerprints, each with a number: open addressing, one slot of 24 bytes holding
/// both, so a probe touches one cache line.
package struct FingerprintSet: Sendable {
  private struct Slot {
    var high: UInt64 = 0
    var low: UInt64 = 0
    /// The number + 1, or 0 when the slot is empty.
    var number: Int32 = 0
  }

  private var slots: [Slot]
  package private(set) var count = 0

  /// A set with room for `capacity` fingerprints before it grows.
  package init(capacity: Int = 0) {
    var size = 16
    while size * 2 < capacity * 3 { size <<= 1 }
    slots = Array(repeating: Slot(), count: size)
  }

  /// Adds `fingerprint`; false when it was already there.
  package mutating func insert(_ fingerprint: Fingerprint) -> Bool {
    number(of: fingerprint, orAdding: 0).added
  }

  /// The number `fingerprint` was added with; when it is new, it is added with `new`.
  package mutating func number(
    of fingerprint: Fingerprint, orAdding new: Int32
  ) -> (number: Int32, added: Bool) {
    let mask = slots.count - 1
    var index = Int(truncatingIfNeeded: fingerprint.low) & mask
    while slots[index].number != 0 {
      if slots[index].high == fingerprint.high && slots[index].low == fingerprint.low {
        return (slots[index].number - 1, false)
      }
      index = (index + 1) & mask
    }
    slots[index] = Slot(high: fingerprint.high, low: fingerprint.low, number: new + 1)
    count += 1
    // At most two thirds full.
    if count * 3 > slots.count * 2 { grow() }
    return (new, true)
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: Slot(), count: old.count * 2)
    let mask = slots.count - 1
    for slot in old where slot.number != 0 {
      var index = Int(truncatingIfNeeded: slot.low) & mask
      while slots[index].number != 0 { index = (index + 1) & mask }
      slots[index] = slot
    }
  }
}
