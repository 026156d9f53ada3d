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
