import Testing

@testable import LoftIngest

@Suite struct TextSetTests {
  /// Whether each string was new to the set, inserted in order.
  func inserted(_ texts: [String], into set: inout TextSet) -> [Bool] {
    texts.map { set.insert($0) }
  }

  @Test("finds ASCII strings again by their bytes") func ascii() {
    var set = TextSet()
    let ids = (0..<5_000).map { "5bc2e0f4-0167-443d-9fe0-\($0 * 7919 % 5_003)" }
    let first = inserted(ids, into: &set)
    let second = inserted(ids, into: &set)
    #expect(first.allSatisfy { $0 })
    #expect(second.allSatisfy { !$0 })
    let others = inserted(["5BC2E0F4-0167-443d-9fe0-0", "", ""], into: &set)
    #expect(others == [true, true, false])
    #expect(set.count == 5_002)
  }

  @Test("finds strings equal as String finds them, once one is not ASCII") func canonical() {
    var set = TextSet()
    // The Kelvin sign is canonically `K`; `é` precomposed and decomposed are one string.
    let found = inserted(
      ["s-1", "K-1", "\u{212A}-1", "s-1", "caf\u{E9}", "cafe\u{301}", "cafe"], into: &set)
    #expect(found == [true, true, false, false, true, false, true])
    #expect(set.count == 4)
  }
}
