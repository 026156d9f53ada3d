import Dispatch
import LoftCore

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
