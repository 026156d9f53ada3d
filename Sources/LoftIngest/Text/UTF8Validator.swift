/// Checks that bytes are well-formed UTF-8, one byte at a time, across chunk boundaries.
///
/// Follows the Unicode table of well-formed byte sequences: no overlong forms, no
/// surrogates, nothing above U+10FFFF. NUL is valid.
struct UTF8Validator: Sendable {
  /// Continuation bytes the current scalar still needs.
  private var needed: UInt8 = 0
  /// The range the next continuation byte must fall in; narrower right after E0, ED, F0, F4.
  private var low: UInt8 = 0x80
  private var high: UInt8 = 0xBF

  /// True between scalars, false inside a multi-byte sequence.
  var isAtBoundary: Bool { needed == 0 }

  /// Takes one byte; false when it makes the text ill-formed (then the validator is spent).
  @inline(__always)
  mutating func consume(_ byte: UInt8) -> Bool {
    if needed == 0 {
      if byte < 0x80 { return true }
      return start(byte)
    }
    guard byte >= low && byte <= high else { return false }
    low = 0x80
    high = 0xBF
    needed &-= 1
    return true
  }

  /// Takes the lead byte of a multi-byte sequence.
  private mutating func start(_ byte: UInt8) -> Bool {
    switch byte {
    case 0xC2...0xDF: needed = 1
    case 0xE0:
      needed = 2
      low = 0xA0
    case 0xE1...0xEC, 0xEE, 0xEF: needed = 2
    case 0xED:
      needed = 2
      high = 0x9F
    case 0xF0:
      needed = 3
      low = 0x90
    case 0xF1...0xF3: needed = 3
    case 0xF4:
      needed = 3
      high = 0x8F
    default: return false
    }
    return true
  }

  /// Takes a run of bytes; returns the offset of the first byte that makes them ill-formed,
  /// or nil. Runs of ASCII are checked eight bytes at a time.
  mutating func validate(_ bytes: UnsafeRawBufferPointer) -> Int? {
    let count = bytes.count
    var index = 0
    while index < count {
      if needed == 0 && index + 8 <= count {
        let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        if word & 0x8080_8080_8080_8080 == 0 {
          index += 8
          continue
        }
      }
      guard consume(bytes[index]) else { return index }
      index += 1
    }
    return nil
  }
}
