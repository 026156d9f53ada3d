import LoftIngest
import Testing

@Suite struct ArrayByteSourceTests {
  @Test("hands out the bytes in chunks of the given size, then nil")
  func chunks() {
    var source = ArrayByteSource([1, 2, 3, 4, 5], chunkSize: 2)
    #expect(source.nextChunk() == [1, 2])
    #expect(source.nextChunk() == [3, 4])
    #expect(source.nextChunk() == [5])
    #expect(source.nextChunk() == nil)
    var empty = ArrayByteSource([])
    #expect(empty.nextChunk() == nil)
  }
}
