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
  /// For each column, which residuals have a non-zero entry there.
  private var residualsByColumn: [Int32: Set<Int>] = [:]
  /// The largest column of any basis vector (the width `reduce` works in).
  private var widestColumn: Int32 = 0

  package init() {}

  /// A vector reduced against the published basis: zero when it is already computable.
  ///
  /// Reduced in a dense array: a sparse cell that meets the pivot of a large one (the
  /// national cell) becomes large itself, and subtracting sparse vectors allocated a new one
  /// for every basis vector. The arithmetic is the same, step for step.
  package func reduce(_ vector: SparseVector) -> SparseVector {
    guard let last = vector.columns.last, !basis.isEmpty else { return vector }
    var dense = [UInt64](repeating: 0, count: Int(max(last, widestColumn)) + 1)
    for (column, value) in zip(vector.columns, vector.values) { dense[Int(column)] = value }
    var nonZero = vector.count
    for entry in basis {
      guard nonZero > 0 else { break }
      let value = dense[Int(entry.pivot)]
      guard value != 0 else { continue }
      let factor = PrimeField.multiply(value, entry.inverse)
      for (column, entryValue) in zip(entry.vector.columns, entry.vector.values) {
        let old = dense[Int(column)]
        let new = PrimeField.subtract(old, PrimeField.multiply(entryValue, factor))
        dense[Int(column)] = new
        if old == 0 { nonZero += 1 }
        if new == 0 { nonZero -= 1 }
      }
    }
    return SparseVector(dense: dense)
  }

  /// Adds a vector that must stay hidden. Returns false when it is already exposed.
  @discardableResult
  package mutating func protect(_ vector: SparseVector) -> Bool {
    let residual = reduce(vector)
    guard !residual.isZero else { return false }
    let index = residuals.count
    residuals.append(residual)
    for column in residual.columns { residualsByColumn[column, default: []].insert(index) }
    return true
  }

  /// The outcome of trying a candidate.
  package struct Trial: Sendable {
    /// The candidate reduced against the basis.
    package var reduced: SparseVector
    /// The pivot it would take, or nil when it is already in the published span.
    package var pivot: Int32?
    /// Publishing it would expose a protected vector.
    package var exposes: Bool
    /// The residuals it would change, and their new values.
    fileprivate var updates: [(index: Int, residual: SparseVector)]
  }

  /// What publishing a cell's vector would do, without doing it.
  package func trial(_ vector: SparseVector) -> Trial {
    let reduced = reduce(vector)
    guard !reduced.isZero else {
      return Trial(reduced: reduced, pivot: nil, exposes: false, updates: [])
    }
    // The pivot where the fewest protected residuals are non-zero: often none at all.
    var pivot = reduced.columns[0]
    var fewest = Int.max
    for column in reduced.columns {
      let touched = residualsByColumn[column]?.count ?? 0
      if touched < fewest {
        fewest = touched
        pivot = column
        if touched == 0 { break }
      }
    }
    var updates: [(index: Int, residual: SparseVector)] = []
    var exposes = false
    if let touched = residualsByColumn[pivot] {
      let inversePivot = PrimeField.inverse(reduced.value(at: pivot))
      for index in touched.sorted() {
        let residual = residuals[index]
        let factor = PrimeField.multiply(residual.value(at: pivot), inversePivot)
        let updated = residual.subtracting(reduced, times: factor)
        if updated.isZero {
          exposes = true
          break
        }
        updates.append((index, updated))
      }
    }
    return Trial(reduced: reduced, pivot: pivot, exposes: exposes, updates: updates)
  }

  /// Publishes a candidate whose trial exposed nothing.
  package mutating func publish(_ trial: Trial) {
    precondition(!trial.exposes, "publishing would expose a protected vector")
    guard let pivot = trial.pivot else { return }
    for (index, updated) in trial.updates {
      for column in residuals[index].columns { residualsByColumn[column]?.remove(index) }
      residuals[index] = updated
      for column in updated.columns { residualsByColumn[column, default: []].insert(index) }
    }
    basis.append((pivot, PrimeField.inverse(trial.reduced.value(at: pivot)), trial.reduced))
    widestColumn = max(widestColumn, trial.reduced.columns.last ?? 0)
  }

}
