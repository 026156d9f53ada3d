import CIntrinsics
import LoftCore

/// Enrolment keys (learner, course, and which of the learner's enrolments in the course; the
/// agency is the fold's) with a number each: open addressing with linear probing over 16-byte
/// slots that hold the key itself.
///
/// The key is exact, so two enrolments are never taken for one; at four slots to a cache line,
/// a large agency's table misses the cache less than one of fingerprints would.
struct EnrolmentMap: Sendable {
  /// An enrolment's key.
  struct Key: Equatable {
    var learner: Int32
    var course: Int32
    /// Which of the learner's enrolments in the course: a CSV enrolment's `enrolled_on` (a day
    /// ordinal); an xAPI enrolment's registration number, or without one, minus its year.
    var instance: Int32

    init(learner: Int32, course: Int32, instance: Int32) {
      self.learner = learner
      self.course = course
      self.instance = instance
    }

    /// The key of a CSV record's enrolment.
    init(_ record: CompletionRecord) {
      self.init(
        learner: record.learner, course: record.course, instance: record.enrolledOn.ordinal)
    }

    /// A hash of the three values, to scatter keys over the slots.
    var hash: UInt64 {
      let learnerAndCourse =
        UInt64(UInt32(bitPattern: learner)) << 32
        | UInt64(UInt32(bitPattern: course))
      return ByteInterner.mix(
        learnerAndCourse ^ 0xE703_7ED1_A0B4_28DB,
        UInt64(UInt32(bitPattern: instance)) ^ 0xA076_1D64_78BD_642F)
    }
  }

  private struct Slot {
    var key: Key
    /// The key's number; -1 in an empty slot.
    var number: Int32
  }

  private static let emptySlot = Slot(
    key: Key(learner: 0, course: 0, instance: 0), number: -1)
  private var slots: [Slot]
  private(set) var count = 0

  /// A map with room for `capacity` keys before it grows.
  init(capacity: Int = 0) {
    slots = Array(repeating: Self.emptySlot, count: FingerprintSet.size(for: capacity))
  }

  /// The number `key` was added with; when it is new, it is added with `new` (not negative).
  mutating func number(of key: Key, orAdding new: Int32) -> (number: Int32, added: Bool) {
    let found: Int32? = slots.withUnsafeMutableBufferPointer { slots in
      var index = Self.slot(of: key, in: slots.count)
      while slots[index].number >= 0 {
        if slots[index].key == key { return slots[index].number }
        index = index + 1 == slots.count ? 0 : index + 1
      }
      slots[index] = Slot(key: key, number: new)
      return nil
    }
    if let found { return (found, false) }
    count += 1
    if count * 3 > slots.count * 2 { grow() }
    return (new, true)
  }

  /// Starts loading the slot where a search for `key` begins into the cache.
  @inline(__always)
  func prefetch(_ key: Key) {
    slots.withUnsafeBufferPointer { slots in
      loft_prefetch(slots.baseAddress! + Self.slot(of: key, in: slots.count))
    }
  }

  private mutating func grow() {
    let old = slots
    slots = Array(repeating: Self.emptySlot, count: old.count * 2)
    for slot in old where slot.number >= 0 {
      var index = Self.slot(of: slot.key, in: slots.count)
      while slots[index].number >= 0 { index = index + 1 == slots.count ? 0 : index + 1 }
      slots[index] = slot
    }
  }

  /// A key's first slot: its hash scaled to the table (Lemire's multiply-shift).
  @inline(__always)
  private static func slot(of key: Key, in count: Int) -> Int {
    Int(truncatingIfNeeded: key.hash.multipliedFullWidth(by: UInt64(count)).high)
  }
}
