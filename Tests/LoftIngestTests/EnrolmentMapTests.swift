import Testing

@testable import LoftIngest

@Suite struct EnrolmentMapTests {
  func key(_ learner: Int32, _ course: Int32, _ instance: Int32) -> EnrolmentMap.Key {
    EnrolmentMap.Key(learner: learner, course: course, instance: instance)
  }

  @Test("a key keeps the number it was added with, across growth") func numbers() {
    var map = EnrolmentMap()
    for number in 0..<30_000 {
      let added = map.number(
        of: key(Int32(number / 10), Int32(number % 10), 20_000), orAdding: Int32(number))
      #expect(added == (Int32(number), true))
    }
    #expect(map.count == 30_000)
    #expect(map.number(of: key(1234, 5, 20_000), orAdding: -7) == (12_345, false))
    #expect(map.number(of: key(2999, 9, 20_000), orAdding: -7) == (29_999, false))
    #expect(map.count == 30_000)
  }

  @Test("keys differing in any one value, zero or negative, are apart") func distinct() {
    var map = EnrolmentMap(capacity: 4)
    let keys = [
      key(0, 0, 0), key(1, 0, 0), key(0, 1, 0), key(0, 0, 1), key(-1, 0, 0), key(0, 0, -1),
      key(Int32.max, Int32.min, 0),
    ]
    for (number, key) in keys.enumerated() {
      #expect(map.number(of: key, orAdding: Int32(number)) == (Int32(number), true))
    }
    for (number, key) in keys.enumerated() {
      #expect(map.number(of: key, orAdding: 99) == (Int32(number), false))
    }
    #expect(map.count == keys.count)
  }
}
