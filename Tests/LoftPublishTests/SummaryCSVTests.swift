import LoftCore
import Testing

@testable import LoftPublish

@Suite struct SummaryCSVTests {
  /// The summary as it was written before it was appended as bytes.
  static func renderedAsBefore(_ table: Table) -> [UInt8] {
    func field(_ text: String) -> String {
      guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
        return text
      }
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    func format(_ value: Value) -> String {
      switch value {
      case .null: ""
      case .integer(let number): String(number)
      case .real(let number): field(SummaryCSV.decimalComma(number))
      case .text(let text): field(text)
      }
    }
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

  @Test("writes the bytes it wrote before: quotes, decimal commas, withheld values")
  func sameBytes() {
    let texts = [
      "", "plain", "a;b", "quote \" here", "line\nbreak", "cr\rhere", "\r\n", "x\r\ny", ";\u{301}",
      "Tromsø", "\u{FEFF}bom",
    ]
    let table = Table(
      name: "maturity", nb: "m", en: "m",
      columns: [
        Column("period", .text, key: true, nb: "p", en: "p"),
        Column("group;key", .text, key: true, nb: "g", en: "g"),
        Column("n", .integer, nb: "n", en: "n"),
        Column("mean", .real, nullable: true, nb: "m", en: "m"),
        Column("suppressed", .text, nullable: true, nb: "s", en: "s"),
      ], rowCount: texts.count * 4,
      row: { index in
        let text = texts[index % texts.count]
        let numbers: [Value] = [.real(2.5), .real(3.0), .real(1e-7), .real(-0.0), .null]
        return [
          .text(String(2020 + index)), .text(text), index % 3 == 0 ? .null : .int(index - 20),
          numbers[index % numbers.count], index % 4 == 0 ? .text("primary") : .null,
        ]
      })
    #expect(SummaryCSV.render(table) == Self.renderedAsBefore(table))
  }
}
