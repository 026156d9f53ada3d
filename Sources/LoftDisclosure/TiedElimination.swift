import LoftAggregate
import LoftCore

/// The elimination for one table and period over one or more items (dimensions, an area, a
/// course) whose decisions are tied: a cell is suppressed in every item or in none.
///
/// Each item has its own inner cells (an inner cell without contributors in an item is a known
/// zero there), so each item is its own elimination. The items are run one after another with
/// the cells suppressed so far protected from the start; whatever any item had to suppress is
/// added, and the round repeats until no item suppresses anything new. Then every suppressed
/// cell is protected in every item at once.
struct TiedElimination {
  /// Per item: the contributors of each non-empty inner cell, by column.
  let contributors: [[Int32: Int]]
  let k: Int
  /// The published basis and protected vectors of every item, after the last round.
  private(set) var eliminators: [GaussianEliminator] = []
  /// Every suppressed cell: those given as protected, and those chosen.
  private(set) var suppressed: Set<CellKey> = []

  init(contributors: [[Int32: Int]], k: Int) {
    self.contributors = contributors
    self.k = k
  }

  /// A cell's vector in one item: 1 for each of its inner cells that has contributors.
  func vector(item: Int, members: [Int32]) -> SparseVector {
    let counts = contributors[item]
    return SparseVector(members.compactMap { counts[$0] != nil ? ($0, 1) : nil })
  }

  /// Decides which candidates are published: the cells in `protected` stay hidden, and so
  /// does every inner cell with fewer than k contributors.
  ///
  /// Cells are numbered once (the candidates, then any other protected cell), and their
  /// members and vectors found once, so the rounds work on numbers rather than hashing keys.
  mutating func run(
    protected: Set<CellKey>, candidates: [CellKey], members: (CellKey) -> [Int32]
  ) {
    var cells: [CellKey] = []
    var number: [CellKey: Int] = [:]
    let candidateNumbers = candidates.map { cell in
      if let known = number[cell] { return known }
      number[cell] = cells.count
      cells.append(cell)
      return cells.count - 1
    }
    for cell in protected.sorted() where number[cell] == nil {
      number[cell] = cells.count
      cells.append(cell)
    }
    let cellMembers = cells.map(members)
    let vectors = contributors.indices.map { item in
      cellMembers.map { vector(item: item, members: $0) }
    }
    var suppressed = cells.map(protected.contains)
    while true {
      // The suppressed cells, in the key order they are protected in.
      let suppressedByKey = cells.indices.filter { suppressed[$0] }
        .sorted { cells[$0] < cells[$1] }
      var chosen = suppressed
      var round: [GaussianEliminator] = []
      for item in contributors.indices {
        round.append(
          runItem(
            item, vectors: vectors[item], candidates: candidateNumbers,
            suppressedByKey: suppressedByKey, suppressed: suppressed, chosen: &chosen))
      }
      eliminators = round
      // One item needs no second round: a cell chosen in the pass lies outside the span of
      // the cells published before it (else it would have been published for free), and those
      // after it were checked against it, so protecting it from the start changes no
      // decision. Only a choice made in another item can.
      if chosen == suppressed || contributors.count == 1 {
        suppressed = chosen
        break
      }
      suppressed = chosen
    }
    self.suppressed = Set(cells.indices.lazy.filter { suppressed[$0] }.map { cells[$0] })
  }

  /// One item's pass: marks in `chosen` the candidates it has to suppress.
  private func runItem(
    _ item: Int, vectors: [SparseVector], candidates: [Int], suppressedByKey: [Int],
    suppressed: [Bool], chosen: inout [Bool]
  ) -> GaussianEliminator {
    var eliminator = GaussianEliminator()
    let counts = contributors[item]
    for column in counts.keys.sorted() where counts[column]! < k {
      eliminator.protect(SparseVector([(column, 1)]))
    }
    for cell in suppressedByKey {
      eliminator.protect(vectors[cell])
    }
    for cell in candidates where !suppressed[cell] {
      let trial = eliminator.trial(vectors[cell])
      if trial.exposes {
        chosen[cell] = true
        eliminator.protect(trial.reduced)
      } else {
        eliminator.publish(trial)
      }
    }
    return eliminator
  }

  /// Tries to publish a weighted combination in one item; false when it would expose.
  mutating func publishCombination(item: Int, _ vector: SparseVector) -> Bool {
    let trial = eliminators[item].trial(vector)
    guard !trial.exposes else { return false }
    eliminators[item].publish(trial)
    return true
  }
}

/// The cells of `n` in `candidateOrder(n)`, each count looked up once rather than in every
/// comparison (the order is total, so any sort gives the same sequence).
func orderedCandidates(_ n: [CellKey: Int]) -> [CellKey] {
  n.map { (cell: $0.key, n: $0.value) }
    .sorted { lhs, rhs in
      if lhs.n != rhs.n { return lhs.n > rhs.n }
      if lhs.cell.grouping != rhs.cell.grouping { return lhs.cell.grouping < rhs.cell.grouping }
      return lhs.cell.groupKey.utf8.lexicographicallyPrecedes(rhs.cell.groupKey.utf8)
    }
    .map(\.cell)
}

/// The order candidates are considered in: the most wanted published first — larger `n`
/// first, then national, sector, county, size class, role, agency, then group key bytewise.
func candidateOrder(_ n: [CellKey: Int]) -> (CellKey, CellKey) -> Bool {
  { lhs, rhs in
    let left = n[lhs] ?? 0
    let right = n[rhs] ?? 0
    if left != right { return left > right }
    if lhs.grouping != rhs.grouping { return lhs.grouping < rhs.grouping }
    return lhs.groupKey.utf8.lexicographicallyPrecedes(rhs.groupKey.utf8)
  }
}
