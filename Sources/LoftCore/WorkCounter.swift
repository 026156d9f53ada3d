import Synchronization

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
