import Dispatch
import LoftCore
import Synchronization

/// Runs the aggregation over partitions in parallel: each worker owns its state, and the
/// states are merged once, in partition order, so any thread count gives the same result.
package enum Aggregator {
  package static func aggregate(
    _ partitions: [AgencyRecords], model: Model, granularity: PeriodGranularity, threads: Int
  ) -> AggregationState {
    let workers = max(1, min(threads, partitions.count))
    let states = WorkerSlots<AggregationState>(count: workers)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var state = AggregationState()
      for index in stride(from: worker, to: partitions.count, by: workers) {
        state.add(partitions[index], model: model, granularity: granularity)
      }
      states[worker] = state
    }
    var result = AggregationState()
    for state in states.values { result.merge(state) }
    return result
  }
}

/// One result slot per worker: each worker writes only its own slot, read after all finish.
///
/// The slots live in one buffer allocated up front, so writes to different slots never touch
/// shared state (a Swift array would check its uniqueness on every write).
package final class WorkerSlots<Element>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Element?>

  package init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  deinit {
    _ = slots.deinitialize()
    slots.deallocate()
  }

  package subscript(index: Int) -> Element? {
    get { slots[index] }
    set { slots[index] = newValue }
  }

  /// Every slot's value, in slot order; each worker must have written its slot.
  package var values: [Element] { slots.map { $0! } }
}

/// Hands out work items one at a time to whichever worker asks first.
package final class WorkCounter: Sendable {
  private let next = Atomic<Int>(0)

  package init() {}

  /// The next item below `limit`, or nil when all are taken.
  package func take(below limit: Int) -> Int? {
    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
    return index < limit ? index : nil
  }
}
