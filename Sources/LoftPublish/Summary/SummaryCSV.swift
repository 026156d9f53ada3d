import LoftCore

/// The ministry tables as Norwegian Excel opens them: UTF-8 with BOM, `;`, decimal comma, and
/// `:` (Statistics Norway's symbol) for suppressed values.
package enum SummaryCSV {
  /// The CSV bytes of a table, every row it is given: the caller chooses them (the snapshot
  /// shows national and sector rows, `StatisticTables.keeping`).
  package static func render(_ table: Table) -> [UInt8] {
    let suppressed = table.columnIndex("suppressed")
    let keys = Set(table.columns.indices.filter { table.columns[$0].isKey })
    var text = "\u{FEFF}" + table.columns.map { field($0.name) }.joined(separator: ";") + "\r\n"
    table.forEachRow { row in
      let isSuppressed = suppressed.map { row[$0] != .null } ?? false
      var fields: [String] = []
      for (index, value) in row.enumerated() {
        let withheld =
          isSuppressed && value == .null && !keys.contains(index) && index != suppressed
        fields.append(withheld ? ":" : format(value))
      }
      text += fields.joined(separator: ";") + "\r\n"
    }
    return Array(text.utf8)
  }

  /// The table's rows sorted for reading; the CSV keeps the snapshot's key order.
  static func format(_ value: Value) -> String {
    switch value {
    case .null: ""
    case .integer(let number): String(number)
    case .real(let number): field(decimalComma(number))
    case .text(let text): field(text)
    }
  }

  /// A number with a decimal comma, written in full (Excel reads 15 significant digits).
  static func decimalComma(_ number: Double) -> String {
    var text = "\(number)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    // Byte by byte: a number's text is ASCII, and Foundation's replacingOccurrences took a
    // third of the summaries' time.
    return String(
      decoding: text.utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: ",") : $0 }, as: UTF8.self)
  }

  /// A field, quoted when it holds `;`, a quote or a line break.
  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
