import Synchronization
import Testing

@testable import LoftCore

@Suite struct SideBySideTests {
  @Test("runs every job once, at any number of threads; in order with one")
  func jobs() {
    for threads in [1, 2, 8] {
      let ran = Mutex<[Int]>([])
      let jobs: [@Sendable () -> Void] = (0..<5).map { job in
        { ran.withLock { $0.append(job) } }
      }
      runSideBySide(jobs, threads: threads)
      let order = ran.withLock { $0 }
      #expect(order.sorted() == [0, 1, 2, 3, 4], "threads \(threads)")
      if threads == 1 { #expect(order == [0, 1, 2, 3, 4]) }
    }
    runSideBySide([], threads: 2)
  }
}
