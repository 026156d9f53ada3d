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
  /// Per item: the contributors of each inner cell, by column (0 where it has none).
  let contributors: [[Int]]
  let k: Int
  /// The published basis and protected vectors of every item, after the last round.
  private(set) var eliminators: [GaussianEliminator] = []
  /// Per cell (by number): suppressed, as given protected or as chosen.
  private(set) var suppressed: [Bool] = []

  init(contributors: [[Int]], k: Int) {
    self.contributors = contributors
    self.k = k
  }

  /// A cell's vector in one item: 1 for each of its inner cells that has contributors.
  ///
  /// `members` come in column order (`InnerCells`), so the vector is made as it is, without
  /// sorting pairs: one of these per cell, course and round was a tenth of the disclosure
  /// stage.
  func vector(item: Int, members: [Int32]) -> SparseVector {
    let counts = contributors[item]
    let columns = members.filter { counts[Int($0)] > 0 }
    return SparseVector(
      sortedColumns: columns, values: [UInt64](repeating: 1, count: columns.count))
  }

  /// Decides which candidates are published: the cells marked `protected` stay hidden, and so
  /// does every inner cell with fewer than k contributors.
  ///
  /// Cells are numbers, `0..<members.count` in key order (`PeriodCells`), each with its inner
  /// cells in `members`; a cell neither candidate nor protected takes no part.
  mutating func run(protected: [Bool], candidates: [Int], members: [[Int32]]) {
    var taking = protected
    for cell in candidates { taking[cell] = true }
    let vectors = contributors.indices.map { item in
      members.indices.map { taking[$0] ? vector(item: item, members: members[$0]) : SparseVector() }
    }
    var suppressed = protected
    while true {
      // The suppressed cells, in the key order they are protected in.
      let suppressedByKey = suppressed.indices.filter { suppressed[$0] }
      var chosen = suppressed
      var round: [GaussianEliminator] = []
      for item in contributors.indices {
        round.append(
          runItem(
            item, vectors: vectors[item], candidates: candidates,
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
    self.suppressed = suppressed
  }

  /// One item's pass: marks in `chosen` the candidates it has to suppress.
  private func runItem(
    _ item: Int, vectors: [SparseVector], candidates: [Int], suppressedByKey: [Int],
    suppressed: [Bool], chosen: inout [Bool]
  ) -> GaussianEliminator {
    var eliminator = GaussianEliminator()
    let counts = contributors[item]
    for column in counts.indices where counts[column] > 0 && counts[column] < k {
      eliminator.protect(SparseVector(sortedColumns: [Int32(column)], values: [1]))
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
