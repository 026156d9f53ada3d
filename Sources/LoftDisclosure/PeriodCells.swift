import LoftAggregate
import LoftCore

/// The cells of one period's rows in a table, numbered in key order: a cell's number is its
/// index in `cells`, so ordering numbers orders cells.
///
/// A table's rows come sorted by cell, so rows are numbered by comparing each row's cell with
/// the one before rather than by hashing `CellKey` (its group key is a `String`) for every row.
struct PeriodCells {
  let period: Period
  /// The distinct cells, in key order.
  let cells: [CellKey]

  init<Row>(_ table: [Row], period: Period, cell: (Row) -> CellKey) {
    var cells: [CellKey] = []
    for row in table {
      let key = cell(row)
      guard key.period == period, key != cells.last else { continue }
      precondition(cells.last.map { $0 < key } ?? true, "rows are not in key order")
      cells.append(key)
    }
    self.period = period
    self.cells = cells
  }

  var count: Int { cells.count }

  /// Each of the period's rows of `table` (by its index there) with its cell's number. The
  /// table must be in key order and its cells among `cells`.
  func rows<Row>(of table: [Row], cell: (Row) -> CellKey) -> [(index: Int, cell: Int)] {
    var result: [(index: Int, cell: Int)] = []
    var number = 0
    for index in table.indices {
      let key = cell(table[index])
      guard key.period == period else { continue }
      while number < cells.count && cells[number] != key { number += 1 }
      precondition(number < cells.count, "a row's cell is not among the period's cells")
      result.append((index, number))
    }
    return result
  }
}

/// Cell numbers in candidate order, the most wanted published first: larger `n` first, then
/// key order — national, sector, county, size class, role, agency, then group key bytewise.
func orderedCandidates(_ n: [(cell: Int, n: Int)]) -> [Int] {
  n.sorted { $0.n != $1.n ? $0.n > $1.n : $0.cell < $1.cell }.map(\.cell)
}
