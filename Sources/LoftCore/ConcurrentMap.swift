import Dispatch

/// `body(index)` for every index in `0..<count`, on up to `threads` workers that each take the
/// next index as they finish one, in the order `order` lists them when given (the longest jobs
/// first, so that no worker is left alone with a long one at the end). The results come back
/// by index, the same whatever the number of threads.
package func concurrentMap<Output>(
  _ count: Int, threads: Int, order: [Int]? = nil, _ body: @Sendable (Int) -> Output
) -> [Output] {
  precondition(order == nil || order!.count == count, "the order lists every index once")
  let results = WorkerSlots<Output>(count: count)
  let next = WorkCounter()
  DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
    while let taken = next.take(below: count) {
      let index = order?[taken] ?? taken
      results[index] = body(index)
    }
  }
  return results.values
}
