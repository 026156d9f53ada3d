/// A vector over the prime field with few non-zero entries, sorted by column.
package struct SparseVector: Sendable, Equatable {
  package private(set) var columns: [Int32] = []
  package private(set) var values: [UInt64] = []

  package init() {}

  /// A vector from (column, value) pairs; zeros are dropped, columns must not repeat.
  package init(_ entries: [(column: Int32, value: UInt64)]) {
    for entry in entries.sorted(by: { $0.column < $1.column }) where entry.value != 0 {
      columns.append(entry.column)
      values.append(entry.value)
    }
  }

  /// A vector from its non-zero entries, already in ascending column order.
  init(sortedColumns columns: [Int32], values: [UInt64]) {
    assert(columns.count == values.count && zip(columns, columns.dropFirst()).allSatisfy(<))
    assert(!values.contains(0))
    self.columns = columns
    self.values = values
  }

  package var isZero: Bool { columns.isEmpty }
  package var count: Int { columns.count }

  /// The entry at a column (0 when absent).
  package func value(at column: Int32) -> UInt64 {
    var low = 0
    var high = columns.count
    while low < high {
      let middle = (low + high) / 2
      if columns[middle] < column { low = middle + 1 } else { high = middle }
    }
    return low < columns.count && columns[low] == column ? values[low] : 0
  }

  /// self − factor · other.
  package func subtracting(_ other: SparseVector, times factor: UInt64) -> SparseVector {
    var result = SparseVector()
    result.columns.reserveCapacity(count + other.count)
    result.values.reserveCapacity(count + other.count)
    var i = 0
    var j = 0
    while i < count || j < other.count {
      if j == other.count || (i < count && columns[i] < other.columns[j]) {
        result.columns.append(columns[i])
        result.values.append(values[i])
        i += 1
      } else {
        let scaled = PrimeField.multiply(other.values[j], factor)
        let value: UInt64
        let column = other.columns[j]
        if i < count && columns[i] == column {
          value = PrimeField.subtract(values[i], scaled)
          i += 1
        } else {
          value = PrimeField.subtract(0, scaled)
        }
        j += 1
        if value != 0 {
          result.columns.append(column)
          result.values.append(value)
        }
      }
    }
    return result
  }
}
