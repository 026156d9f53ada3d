import CIntrinsics

/// Finds, in one buffer, the next byte equal to any of four: a mask of 64 bytes at a time
/// (SIMD), so that a run of ordinary bytes is skipped without looking at each one.
///
/// The tokenizer uses it for the end of an unquoted run: the delimiter, a quote, a newline or a
/// CR. Positions may be asked for in any order; asked in increasing order (as the tokenizer
/// does, give or take one step back), each byte is masked about once.
struct ByteFinder {
  private let bytes: UnsafePointer<UInt8>
  private let count: Int
  private let targets: (UInt8, UInt8, UInt8, UInt8)
  /// The bytes the mask covers: `[maskStart, maskEnd)`.
  private var maskStart = 0
  private var maskEnd = 0
  /// Bit i set: the byte at `maskStart + i` is one of the targets.
  private var mask: UInt64 = 0

  init(
    _ bytes: UnsafePointer<UInt8>, count: Int, targets: (UInt8, UInt8, UInt8, UInt8)
  ) {
    self.bytes = bytes
    self.count = count
    self.targets = targets
  }

  /// The first position at or after `start` that holds a target, or `count` when none does.
  @inline(__always)
  mutating func next(from start: Int) -> Int {
    var position = start
    while position < count {
      if position >= maskEnd || position < maskStart { load(at: position) }
      let ahead = mask >> UInt64(position - maskStart)
      if ahead != 0 { return position + ahead.trailingZeroBitCount }
      position = maskEnd
    }
    return count
  }

  /// Masks the 64 bytes from `position`, or the fewer left before `count`.
  private mutating func load(at position: Int) {
    maskStart = position
    if position + 64 <= count {
      mask = loft_find_bytes64(bytes + position, targets.0, targets.1, targets.2, targets.3)
      maskEnd = position + 64
      return
    }
    mask = 0
    for offset in 0..<(count - position) {
      let byte = bytes[position + offset]
      if byte == targets.0 || byte == targets.1 || byte == targets.2 || byte == targets.3 {
        mask |= 1 << UInt64(offset)
      }
    }
    maskEnd = count
  }
}
