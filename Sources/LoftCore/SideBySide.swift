import Dispatch

/// Runs `jobs` at once, each on a worker of its own, when there is more than one thread; with
/// one, one after the other in their order. Returns when every job has returned.
package func runSideBySide(_ jobs: [@Sendable () -> Void], threads: Int) {
  if threads > 1 {
    DispatchQueue.concurrentPerform(iterations: jobs.count) { jobs[$0]() }
  } else {
    for job in jobs { job() }
  }
}
