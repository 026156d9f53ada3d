import LoftCore

/// How one file's header maps onto canonical columns.
package struct HeaderMapping: Sendable, Equatable {
  /// The canonical column at each position of the header, nil for an unknown column.
  package var columns: [CanonicalColumn?]
  /// The header names that map to no canonical column, as written.
  package var unknown: [String]

  /// Why a header cannot be used: `missing_column` or `ambiguous_column`, with a message.
  package struct Problem: Error, Equatable {
    package var reason: QuarantineReason
    package var message: String
  }

  /// Maps a header; two names for one canonical column, or a required column absent, fail.
  package init(header: [String], vocabulary: ColumnVocabulary, model: Model) throws(Problem) {
    var columns: [CanonicalColumn?] = []
    var unknown: [String] = []
    var firstPosition: [CanonicalColumn: Int] = [:]
    for (position, name) in header.enumerated() {
      guard let column = vocabulary.column(forHeader: name) else {
        if !name.isEmpty { unknown.append(name) }
        columns.append(nil)
        continue
      }
      if let earlier = firstPosition[column] {
        throw Problem(
          reason: .ambiguousColumn,
          message: "columns \(earlier + 1) (`\(header[earlier])`) and \(position + 1) (`\(name)`) "
            + "both mean `\(column.name(in: model))`")
      }
      firstPosition[column] = position
      columns.append(column)
    }
    let missing = vocabulary.required.filter { firstPosition[$0] == nil }
    guard missing.isEmpty else {
      let names = missing.map { "`\($0.name(in: model))`" }.joined(separator: ", ")
      throw Problem(reason: .missingColumn, message: "the required column \(names) is missing")
    }
    self.columns = columns
    self.unknown = unknown
  }

  /// The position of a canonical column, if the file has it.
  package func position(of column: CanonicalColumn) -> Int? {
    columns.firstIndex { $0 == column }
  }
}
