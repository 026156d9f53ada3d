import LoftCore

/// The ministry tables as Norwegian Excel opens them: UTF-8 with BOM, `;`, decimal comma, and
/// `:` (Statistics Norway's symbol) for suppressed values.
package enum SummaryCSV {
  /// The CSV bytes of a table, every row it is given: the caller chooses them (the snapshot
  /// shows national and sector rows, `StatisticTables.keeping`).
  package static func render(_ table: Table) -> [UInt8] {
    let suppressed = table.columnIndex("suppressed")
    let keys = Set(table.columns.indices.filter { table.columns[$0].isKey })
    let header = "\u{FEFF}" + table.columns.map { field($0.name) }.joined(separator: ";") + "\r\n"
    // Appended as bytes, a field at a time: no array of strings and no joining per row.
    var bytes = Array(header.utf8)
    bytes.reserveCapacity(table.rowCount * table.columns.count * 8)
    table.forEachRow { row in
      let isSuppressed = suppressed.map { row[$0] != .null } ?? false
      for (index, value) in row.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ";")) }
        let withheld =
          isSuppressed && value == .null && !keys.contains(index) && index != suppressed
        if withheld {
          bytes.append(UInt8(ascii: ":"))
        } else {
          bytes.append(contentsOf: format(value).utf8)
        }
      }
      bytes.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
    }
    return bytes
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
    // The bytes first: most fields hold none of these, and a character equal to one of them
    // holds its byte; the characters decide the rest ("\r\n" is one character, equal to neither).
    let special = text.utf8.contains { byte in
      byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
        || byte == UInt8(ascii: "\r")
    }
    guard
      special && text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" })
    else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
