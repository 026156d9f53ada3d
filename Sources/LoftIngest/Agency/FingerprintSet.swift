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

/// A set of fingerprints: open addressing over two words a slot, about 24 bytes an element.
package struct FingerprintSet: Sendable {
  private var highs: [UInt64]
  private var lows: [UInt64]
  private var used: [Bool]
  package private(set) var count = 0

  /// A set with room for `capacity` fingerprints before it grows.
  package init(capacity: Int = 0) {
    var size = 16
    while size * 2 < capacity * 3 { size <<= 1 }
    highs = Array(repeating: 0, count: size)
    lows = Array(repeating: 0, count: size)
    used = Array(repeating: false, count: size)
  }

  /// Adds `fingerprint`; false when it was already there.
  package mutating func insert(_ fingerprint: Fingerprint) -> Bool {
    let mask = highs.count - 1
    var slot = Int(truncatingIfNeeded: fingerprint.low) & mask
    while used[slot] {
      if highs[slot] == fingerprint.high && lows[slot] == fingerprint.low { return false }
      slot = (slot + 1) & mask
    }
    used[slot] = true
    highs[slot] = fingerprint.high
    lows[slot] = fingerprint.low
    count += 1
    // At most two thirds full.
    if count * 3 > highs.count * 2 { grow() }
    return true
  }

  private mutating func grow() {
    let oldHighs = highs
    let oldLows = lows
    let oldUsed = used
    highs = Array(repeating: 0, count: oldHighs.count * 2)
    lows = Array(repeating: 0, count: oldHighs.count * 2)
    used = Array(repeating: false, count: oldHighs.count * 2)
    let mask = highs.count - 1
    for index in oldHighs.indices where oldUsed[index] {
      var slot = Int(truncatingIfNeeded: oldLows[index]) & mask
      while used[slot] { slot = (slot + 1) & mask }
      used[slot] = true
      highs[slot] = oldHighs[index]
      lows[slot] = oldLows[index]
    }
  }
}
