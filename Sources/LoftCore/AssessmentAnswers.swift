/// A leader's answers in one assessment: a generation per maturity dimension and a current and
/// target level per competence area, each nil where not answered.
///
/// The model gives the number of dimensions and areas. Up to 16 answers in all (the default
/// model has 14) are held inline, so a record is copied without an allocation or reference
/// counting; a larger model's answers are held in one array. The accessors are inlinable: the
/// validator and the statistics, in other modules, call them for every answer.
package struct AssessmentAnswers: Hashable, Sendable {
  /// How many maturity dimensions and competence areas the model has.
  package let dimensions: Int
  package let areas: Int
  @usableFromInline var storage: Storage

  /// The answers by slot: the dimensions in model order, then each area's current and target.
  @usableFromInline enum Storage: Hashable, Sendable {
    case inline(SIMD16<Int16>)
    case spilled([Int16])
  }

  /// An answer's value in a slot where there is none. Model scales lie within −1000…1000
  /// (`ModelLoader.scaleBounds`), so every answer fits in an `Int16` above it.
  @usableFromInline static let unanswered = Int16.min

  /// Answers to a model with `dimensions` dimensions and `areas` areas, none given yet.
  package init(dimensions: Int, areas: Int) {
    self.dimensions = dimensions
    self.areas = areas
    let slots = dimensions + 2 * areas
    storage =
      slots <= SIMD16<Int16>.scalarCount
      ? .inline(SIMD16(repeating: Self.unanswered))
      : .spilled(Array(repeating: Self.unanswered, count: slots))
  }

  /// The generation given for a maturity dimension (by its index in the model).
  @inlinable package subscript(maturity dimension: Int) -> Int? {
    get { self[slot: Self.checked(dimension, below: dimensions)] }
    set { self[slot: Self.checked(dimension, below: dimensions)] = newValue }
  }

  /// The current level given for a competence area (by its index in the model).
  @inlinable package subscript(current area: Int) -> Int? {
    get { self[slot: dimensions + 2 * Self.checked(area, below: areas)] }
    set { self[slot: dimensions + 2 * Self.checked(area, below: areas)] = newValue }
  }

  /// The target level given for a competence area (by its index in the model).
  @inlinable package subscript(target area: Int) -> Int? {
    get { self[slot: dimensions + 2 * Self.checked(area, below: areas) + 1] }
    set { self[slot: dimensions + 2 * Self.checked(area, below: areas) + 1] = newValue }
  }

  @inlinable subscript(slot slot: Int) -> Int? {
    get {
      let value =
        switch storage {
        case .inline(let values): values[slot]
        case .spilled(let values): values[slot]
        }
      return value == Self.unanswered ? nil : Int(value)
    }
    set {
      // Traps for a value beyond `Int16`, which no model's scale allows.
      let value = newValue.map { Int16($0) } ?? Self.unanswered
      precondition(value != Self.unanswered || newValue == nil, "answer out of range")
      switch storage {
      case .inline(var values):
        values[slot] = value
        storage = .inline(values)
      case .spilled(var values):
        // Let go of the storage's reference first, so that the array is changed in place.
        storage = .inline(.zero)
        values[slot] = value
        storage = .spilled(values)
      }
    }
  }

  @inlinable static func checked(_ index: Int, below count: Int) -> Int {
    precondition(index >= 0 && index < count, "no such dimension or area in the model")
    return index
  }
}
