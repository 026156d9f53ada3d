import Synchronization
import Testing

@testable import LoftCore

@Suite struct ConcurrentMapTests {
  @Test("every index once, results by index, at any number of threads; in the order given")
  func map() {
    for threads in [1, 2, 8] {
      #expect(concurrentMap(100, threads: threads) { $0 * $0 } == (0..<100).map { $0 * $0 })
      let taken = Mutex<[Int]>([])
      let order = [3, 0, 4, 1, 2]
      let results = concurrentMap(5, threads: threads, order: order) { index in
        taken.withLock { $0.append(index) }
        return "\(index)"
      }
      #expect(results == ["0", "1", "2", "3", "4"])
      let seen = taken.withLock { $0 }
      #expect(seen.sorted() == [0, 1, 2, 3, 4])
      if threads == 1 { #expect(seen == order) }
    }
    #expect(concurrentMap(0, threads: 4) { $0 }.isEmpty)
  }
}
