/// Decides, one candidate at a time, whether publishing a cell would make a protected vector
/// computable from the published ones: Gaussian elimination over a prime field, in one pass.
///
/// The published cells are kept as a basis in echelon form (each with a pivot column where
/// later basis vectors are zero). Each protected vector is kept reduced against the basis: it
/// is exposed exactly when its residual becomes zero. A candidate already in the span is
/// published for free; otherwise it gets a pivot where it disturbs the fewest residuals.
package struct GaussianEliminator: Sendable {
  /// The basis of the published span, in insertion order, with each vector's pivot column.
  private var basis: [(pivot: Int32, inverse: UInt64, vector: SparseVector)] = []
  /// Protected vectors, reduced against the basis.
  private var residuals: [SparseVector] = []
  /// For each column (the index), which residuals have a non-zero entry there, ascending; the
  /// array ends after the last column any residual has used.
  private var residualsByColumn: [[Int]] = []
  /// The largest column of any basis vector (the width `reduce` works in).
  private var widestColumn: Int32 = 0
  /// `reduce`'s dense working vector: all zeros between calls, so it is reused rather than
  /// allocated (and scanned) at the full width for every vector.
  private var scratch: [UInt64] = []
  /// The columns `reduce` made non-zero in `scratch` (some twice), to read and clear after.
  private var touched: [Int32] = []

  package init() {}

  /// A vector reduced against the published basis: zero when it is already computable.
  ///
  /// Reduced in a dense array: a sparse cell that meets the pivot of a large one (the
  /// national cell) becomes large itself, and subtracting sparse vectors allocated a new one
  /// for every basis vector. The arithmetic is the same, step for step. The array is kept
  /// between calls and only the columns written are read back, so a small vector costs
  /// little however wide the basis.
  package mutating func reduce(_ vector: SparseVector) -> SparseVector {
    guard let last = vector.columns.last, !basis.isEmpty else { return vector }
    let width = Int(max(last, widestColumn)) + 1
    if scratch.count < width {
      scratch.append(contentsOf: repeatElement(0, count: width - scratch.count))
    }
    touched.removeAll(keepingCapacity: true)
    for (column, value) in zip(vector.columns, vector.values) {
      scratch[Int(column)] = value
      touched.append(column)
    }
    var nonZero = vector.count
    var changed = false
    for entry in basis {
      guard nonZero > 0 else { break }
      let value = scratch[Int(entry.pivot)]
      guard value != 0 else { continue }
      changed = true
      let factor = PrimeField.multiply(value, entry.inverse)
      for (column, entryValue) in zip(entry.vector.columns, entry.vector.values) {
        let old = scratch[Int(column)]
        let new = PrimeField.subtract(old, PrimeField.multiply(entryValue, factor))
        scratch[Int(column)] = new
        if old == 0 {
          nonZero += 1
          touched.append(column)
        }
        if new == 0 { nonZero -= 1 }
      }
    }
    // A vector that met no pivot (often an agency's cell, on a column no published cell took)
    // comes back as it is, without building a new one.
    guard changed else {
      for column in vector.columns { scratch[Int(column)] = 0 }
      return vector
    }
    return collectTouched(count: nonZero)
  }

  /// The `count` non-zero entries of `scratch` in column order, leaving it all zeros again.
  private mutating func collectTouched(count: Int) -> SparseVector {
    var columns: [Int32] = []
    var values: [UInt64] = []
    columns.reserveCapacity(count)
    values.reserveCapacity(count)
    // Sorting costs more than a scan once most of the columns up to the last were written.
    let highest = Int(touched.max() ?? 0)
    if touched.count * 8 < highest {
      touched.sort()
      // A column written, zeroed and written again is listed twice: the first visit clears it.
      for column in touched where scratch[Int(column)] != 0 {
        columns.append(column)
        values.append(scratch[Int(column)])
        scratch[Int(column)] = 0
      }
    } else {
      for column in 0...highest where scratch[column] != 0 {
        columns.append(Int32(column))
        values.append(scratch[column])
        scratch[column] = 0
      }
    }
    return SparseVector(sortedColumns: columns, values: values)
  }

  /// Adds a vector that must stay hidden. Returns false when it is already exposed.
  @discardableResult
  package mutating func protect(_ vector: SparseVector) -> Bool {
    let residual = reduce(vector)
    guard !residual.isZero else { return false }
    let index = residuals.count
    residuals.append(residual)
    // The newest residual has the highest index: appending keeps every list ascending.
    for column in residual.columns { addResidual(index, at: column) }
    return true
  }

  /// The residuals with a non-zero entry in `column`, ascending.
  private func residuals(at column: Int32) -> [Int] {
    Int(column) < residualsByColumn.count ? residualsByColumn[Int(column)] : []
  }

  /// Lists residual `index` at `column`, keeping the list ascending.
  private mutating func addResidual(_ index: Int, at column: Int32) {
    let column = Int(column)
    if column >= residualsByColumn.count {
      residualsByColumn.append(
        contentsOf: repeatElement([], count: column + 1 - residualsByColumn.count))
    }
    let position = Self.position(of: index, in: residualsByColumn[column])
    residualsByColumn[column].insert(index, at: position)
  }

  /// Removes residual `index` from the list of `column`.
  private mutating func removeResidual(_ index: Int, at column: Int32) {
    let position = Self.position(of: index, in: residualsByColumn[Int(column)])
    residualsByColumn[Int(column)].remove(at: position)
  }

  /// Where `index` is, or would be inserted, in an ascending list.
  private static func position(of index: Int, in list: [Int]) -> Int {
    var low = 0
    var high = list.count
    while low < high {
      let middle = (low + high) / 2
      if list[middle] < index { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The outcome of trying a candidate.
  package struct Trial: Sendable {
    /// The candidate reduced against the basis.
    package var reduced: SparseVector
    /// The pivot it would take, or nil when it is already in the published span.
    package var pivot: Int32?
    /// The inverse of the reduced vector's entry at the pivot (0 without a pivot).
    fileprivate var inversePivot: UInt64
    /// Publishing it would expose a protected vector.
    package var exposes: Bool
    /// The residuals it would change, and their new values.
    fileprivate var updates: [(index: Int, residual: SparseVector)]
  }

  /// What publishing a cell's vector would do, without doing it.
  package mutating func trial(_ vector: SparseVector) -> Trial {
    let reduced = reduce(vector)
    guard !reduced.isZero else {
      return Trial(reduced: reduced, pivot: nil, inversePivot: 0, exposes: false, updates: [])
    }
    // The pivot where the fewest protected residuals are non-zero: often none at all.
    var pivot = reduced.columns[0]
    var fewest = Int.max
    for column in reduced.columns {
      let touched = Int(column) < residualsByColumn.count ? residualsByColumn[Int(column)].count : 0
      if touched < fewest {
        fewest = touched
        pivot = column
        if touched == 0 { break }
      }
    }
    let inversePivot = PrimeField.inverse(reduced.value(at: pivot))
    var updates: [(index: Int, residual: SparseVector)] = []
    var exposes = false
    for index in residuals(at: pivot) {
      let residual = residuals[index]
      let factor = PrimeField.multiply(residual.value(at: pivot), inversePivot)
      let updated = residual.subtracting(reduced, times: factor)
      if updated.isZero {
        exposes = true
        break
      }
      updates.append((index, updated))
    }
    return Trial(
      reduced: reduced, pivot: pivot, inversePivot: inversePivot, exposes: exposes,
      updates: updates)
  }

  /// Publishes a candidate whose trial exposed nothing.
  package mutating func publish(_ trial: Trial) {
    precondition(!trial.exposes, "publishing would expose a protected vector")
    guard let pivot = trial.pivot else { return }
    for (index, updated) in trial.updates {
      // Only the columns where the residual became zero or non-zero change lists: most keep it.
      let old = residuals[index].columns
      let new = updated.columns
      var (i, j) = (0, 0)
      while i < old.count || j < new.count {
        if j == new.count || (i < old.count && old[i] < new[j]) {
          removeResidual(index, at: old[i])
          i += 1
        } else if i == old.count || new[j] < old[i] {
          addResidual(index, at: new[j])
          j += 1
        } else {
          i += 1
          j += 1
        }
      }
      residuals[index] = updated
    }
    basis.append((pivot, trial.inversePivot, trial.reduced))
    widestColumn = max(widestColumn, trial.reduced.columns.last ?? 0)
  }

}
