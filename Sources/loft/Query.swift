import ArgumentParser
import Foundation
import LoftCore
import LoftPublish

struct Query: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run read-only SQL over a snapshot.",
    discussion: """
      SNAPSHOT is a snapshot folder, its snapshot.sqlite.zst, or the `latest` link in an output folder. The database is decompressed into memory and opened read-only: writes are refused.

      Example: loft query .loft/demo/latest "SELECT period, dimension, n, mean FROM maturity WHERE grouping = 'national'"
      """)

  enum Format: String, ExpressibleByArgument { case table, csv, json }

  @Argument(help: "The snapshot: a folder, a .sqlite.zst file, or a `latest` link.")
  var snapshot: String

  @Argument(help: "The SQL to run.")
  var sql: String

  @Option(help: "table, csv or json.")
  var format: Format = .table

  func run() throws {
    try runReportingErrors {
      let database = try SnapshotReader(locating: snapshot).open()
      let result: (columns: [String], rows: [[Value]])
      do throws(SQLiteError) {
        result = try database.query(sql)
      } catch {
        throw LoftError(.runtime, code: "query.failed", "the query failed: \(error.message)")
      }
      print(QueryOutput.render(result, format: format), terminator: "")
    }
  }
}

/// Prints query results as an aligned table, CSV or JSON.
enum QueryOutput {
  static func render(_ result: (columns: [String], rows: [[Value]]), format: Query.Format) -> String
  {
    switch format {
    case .csv:
      let lines =
        [result.columns.map(csvField)] + result.rows.map { $0.map { csvField(text($0, null: "")) } }
      return lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    case .json:
      let objects: [[String: Any]] = result.rows.map { row in
        var object: [String: Any] = [:]
        for (column, value) in zip(result.columns, row) {
          switch value {
          case .null: object[column] = NSNull()
          case .integer(let number): object[column] = number
          case .real(let number): object[column] = number
          case .text(let string): object[column] = string
          }
        }
        return object
      }
      let data =
        (try? JSONSerialization.data(
          withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])) ?? Data()
      return String(decoding: data, as: UTF8.self) + "\n"
    case .table:
      let cells = [result.columns] + result.rows.map { $0.map { text($0, null: "NULL") } }
      var widths = Array(repeating: 0, count: result.columns.count)
      for row in cells {
        for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
      }
      var lines: [String] = []
      for (number, row) in cells.enumerated() {
        lines.append(
          row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            .joined(separator: "  "))
        if number == 0 {
          lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        }
      }
      return lines.joined(separator: "\n") + "\n(\(result.rows.count) rows)\n"
    }
  }

  static func text(_ value: Value, null: String) -> String {
    switch value {
    case .null: null
    case .integer(let number): String(number)
    case .real(let number): String(number)
    case .text(let string): string
    }
  }

  static func csvField(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
