/// A heat map: rows × columns of cells, each filled by the step of its value on a colour scale
/// and with the value written in it (in the text colour chosen for that fill), and its legend.
struct HeatMap {
  enum Cell: Equatable {
    case value(Double)
    case suppressed
    case missing
  }

  var rowLabels: [String]
  var columnLabels: [String]
  /// `cells[row][column]`.
  var cells: [[Cell]]
  var scale: HeatScale
  var legendTitle: String

  private static let cellHeight = 38.0
  private static let lineHeight = 17.0

  func chart(id: String, title: String, lead: String) -> SVGChart {
    let font = SVGChart.fontSize
    let rowLines = rowLabels.map { SVGChart.wrap($0, characters: 18) }
    let columnLines = columnLabels.map { SVGChart.wrap($0, characters: 12) }
    let left =
      (rowLines.flatMap { $0 }.map { SVGChart.textWidth($0, bold: true) }.max() ?? 0) + 12
    // Every column as wide as the widest header line, so that no two headers touch.
    let cellWidth = max(
      64, (columnLines.flatMap { $0 }.map { SVGChart.textWidth($0, bold: true) }.max() ?? 0) + 12)
    let headerLines = Double(columnLines.map(\.count).max() ?? 1)
    let top = 6 + headerLines * Self.lineHeight + 4
    let gridRight = left + Double(columnLabels.count) * cellWidth
    var body = ""
    for (index, lines) in columnLines.enumerated() {
      let center = left + (Double(index) + 0.5) * cellWidth
      // Bottom-aligned: the last line of every header sits just above the grid.
      let first = top - 6 - Double(lines.count - 1) * Self.lineHeight
      for (number, line) in lines.enumerated() {
        body += SVGChart.text(
          line, x: center, y: first + Double(number) * Self.lineHeight, anchor: .middle, bold: true)
      }
    }
    for (row, lines) in rowLines.enumerated() {
      let y = top + Double(row) * Self.cellHeight
      let first =
        y + Self.cellHeight / 2 - Double(lines.count - 1) * Self.lineHeight / 2 + font * 0.35
      for (number, line) in lines.enumerated() {
        body += SVGChart.text(
          line, x: left - 10, y: first + Double(number) * Self.lineHeight, anchor: .end, bold: true)
      }
      for column in columnLabels.indices {
        let x = left + Double(column) * cellWidth
        let cell = row < cells.count && column < cells[row].count ? cells[row][column] : .missing
        let (fill, ink, text) = Self.appearance(of: cell, on: scale)
        body += SVGChart.rect(
          x: x, y: y, width: cellWidth, height: Self.cellHeight, fill: fill,
          stroke: ReportPalette.paper)
        body += SVGChart.text(
          text, x: x + cellWidth / 2, y: y + Self.cellHeight / 2 + font * 0.35,
          anchor: .middle, bold: true, fill: ink)
      }
    }
    let gridBottom = top + Double(rowLabels.count) * Self.cellHeight
    body += SVGChart.rect(
      x: left, y: top, width: gridRight - left, height: gridBottom - top, fill: "none",
      stroke: ReportPalette.border)

    let width = gridRight + 4
    let height = gridBottom + 4

    var described: [String] = []
    for (row, label) in rowLabels.enumerated() {
      let values = columnLabels.indices.map { column in
        let cell = row < cells.count && column < cells[row].count ? cells[row][column] : .missing
        return "\(columnLabels[column]) \(Self.appearance(of: cell, on: scale).text)"
      }
      described.append("\(label): \(values.joined(separator: ", "))")
    }
    return SVGChart(
      id: id, title: title, description: "\(lead) \(described.joined(separator: "; ")).",
      width: width, height: height, body: body)
  }

  /// The legend, as HTML beside the chart rather than inside it, so that it reflows on a narrow
  /// screen while the grid scrolls: a swatch per step with its range written out, and the
  /// symbol for a suppressed cell.
  func legendHTML() -> String {
    let e = ReportFormat.escape
    var html = "<div class=\"legend\">\n<p class=\"legend-title\">\(e(legendTitle))</p>\n<ul>\n"
    for bin in scale.bins {
      html +=
        "<li><span class=\"swatch\" style=\"background: \(bin.fill)\"></span>\(e(bin.label))</li>\n"
    }
    html +=
      "<li><span class=\"swatch\" style=\"background: \(ReportPalette.suppressedFill)\">:</span>skjult</li>\n"
    return html + "</ul>\n</div>\n"
  }

  /// A cell's fill, text colour and text.
  static func appearance(of cell: Cell, on scale: HeatScale) -> (
    fill: String, ink: String, text: String
  ) {
    switch cell {
    case .value(let value):
      let bin = scale.bin(for: value)
      return (bin.fill, bin.text, ReportFormat.decimal(value))
    case .suppressed: return (ReportPalette.suppressedFill, ReportPalette.ink, ":")
    case .missing: return (ReportPalette.paper, ReportPalette.ink, ".")
    }
  }
}
