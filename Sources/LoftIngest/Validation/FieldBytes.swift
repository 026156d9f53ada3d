extension UnsafeBufferPointer where Element == UInt8 {
  /// Whether these are exactly the bytes of `word`: a plain loop, since the generic
  /// `elementsEqual` over a buffer and an array cost about 1 % of a national run, per field.
  @inline(__always)
  func equals(_ word: [UInt8]) -> Bool {
    guard count == word.count else { return false }
    for index in 0..<count where self[index] != word[index] { return false }
    return true
  }
}
