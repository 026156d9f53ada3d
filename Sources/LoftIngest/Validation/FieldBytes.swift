extension UnsafeBufferPointer where Element == UInt8 {
  /// Whether these are exactly the bytes of `word`.
  @inline(__always)
  func equals(_ word: [UInt8]) -> Bool {
    guard count == word.count else { return false }
    guard let base = baseAddress, count > 0 else { return true }
    return word.withUnsafeBytes {
      bytesEqual(UnsafeRawPointer(base), $0.baseAddress!, count: count)
    }
  }

  /// Whether every byte is ASCII: then equal bytes are exactly equal strings, without
  /// `String`'s canonical equivalence to mind.
  var isASCII: Bool { allSatisfy { $0 < 0x80 } }
}

/// Whether `count` bytes at `a` and `b` are equal: eight at a time, the last eight perhaps
/// overlapping. Inline, since the fields and pseudonyms compared are short: a call to `memcmp`
/// cost more than the comparing, and the generic `elementsEqual` about 1 % of a national run.
@inline(__always)
func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
  guard count >= 8 else {
    for offset in 0..<count
    where a.load(fromByteOffset: offset, as: UInt8.self)
      != b.load(fromByteOffset: offset, as: UInt8.self)
    {
      return false
    }
    return true
  }
  var offset = 0
  while offset + 8 <= count {
    if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
    {
      return false
    }
    offset += 8
  }
  return offset == count
    || a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
      == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
}
