import Testing

@testable import LoftIngest

@Suite struct ByteInternerTests {
  @Test("equal bytes get one number, first seen first, across growth") func numbers() {
    var interner = ByteInterner()
    let words = (0..<10_000).map { "pseudonym-\($0 * 7919 % 10_007)" }
    var numbers: [Int32] = []
    for word in words { numbers.append(interner.number(word)) }
    #expect(numbers == (0..<10_000).map { Int32($0) })
    var again: [Int32] = []
    for word in words { again.append(interner.number(word)) }
    #expect(again == numbers)
    #expect(interner.count == 10_000)
    let empty = (interner.number(""), interner.number(""))
    #expect(empty == (10_000, 10_000))
  }

  @Test("lookup finds numbered strings only") func lookup() {
    var interner = ByteInterner()
    _ = interner.number("DL101")
    _ = interner.number("DL102")
    func find(_ text: String) -> Int32? {
      Array(text.utf8).withUnsafeBufferPointer { interner.lookup($0) }
    }
    #expect(find("DL102") == 1)
    #expect(find("DL10") == nil)
    #expect(find("dl101") == nil)
  }

  @Test("every byte of a string counts in its hash, whatever its length", arguments: 0...20)
  func everyByteHashed(length: Int) {
    let base = [UInt8](repeating: UInt8(ascii: "a"), count: length)
    let hash = base.withUnsafeBufferPointer(ByteInterner.hash)
    for position in 0..<length {
      var changed = base
      changed[position] = UInt8(ascii: "b")
      #expect(changed.withUnsafeBufferPointer(ByteInterner.hash) != hash, "byte \(position)")
    }
    let longer = base + [UInt8(ascii: "a")]
    #expect(longer.withUnsafeBufferPointer(ByteInterner.hash) != hash)
  }

  @Test("bytes compare equal only when every byte is", arguments: 0...20)
  func sameBytes(length: Int) {
    let base = (0..<length).map { UInt8(truncatingIfNeeded: 0x41 + $0) }
    func same(_ other: [UInt8]) -> Bool {
      base.withUnsafeBytes { a in
        other.withUnsafeBytes { b in
          bytesEqual(a.baseAddress ?? b.baseAddress!, b.baseAddress!, count: length)
        }
      }
    }
    #expect(same(base + [0]))
    for position in 0..<length {
      var changed = base
      changed[position] ^= 0x20
      #expect(!same(changed + [0]), "byte \(position)")
    }
  }

  @Test("a string's part is the same every time and parts are used evenly") func parts() {
    var counts = [0, 0, 0, 0]
    for index in 0..<40_000 {
      let bytes = Array("l\(index)".utf8)
      let part = bytes.withUnsafeBufferPointer { ByteInterner.part(of: $0, in: 4) }
      #expect(part == bytes.withUnsafeBufferPointer { ByteInterner.part(of: $0, in: 4) })
      counts[part] += 1
    }
    #expect(counts.allSatisfy { (9_000...11_000).contains($0) })
  }
}

@Suite struct FingerprintSetTests {
  func fingerprint(_ values: [Int?]) -> Fingerprint {
    var fingerprint = Fingerprint()
    for value in values { fingerprint.add(value) }
    return fingerprint
  }

  @Test("a repeated fingerprint is refused, across growth") func insert() {
    var set = FingerprintSet()
    var new = 0
    for index in 0..<50_000 where set.insert(fingerprint([index, nil, 3])) { new += 1 }
    var repeated = 0
    for index in stride(from: 0, to: 50_000, by: 97)
    where !set.insert(fingerprint([index, nil, 3])) {
      repeated += 1
    }
    #expect(new == 50_000)
    #expect(repeated == 516)
    #expect(set.count == 50_000)
  }

  @Test("nil, zero, order and length all tell records apart") func distinct() {
    let records: [[Int?]] = [
      [nil], [0], [1], [nil, nil], [0, 1], [1, 0], [], [1, nil], [nil, 1],
    ]
    #expect(Set(records.map(fingerprint)).count == records.count)
  }
}
