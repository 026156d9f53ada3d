/// A small vertical bar chart over the steps of a scale: one column per step, its value written
/// above it and its step number below, with a bracket naming a run of steps (the generations
/// that count as transformation), so that the colour only repeats what the text says.
struct ColumnChart {
  struct Column {
    /// The step, printed under the column.
    var label: String
    var value: Double?
    /// The value as printed above the column: `41,8 %`, or `:`.
    var valueText: String
    /// Drawn in the darker colour: inside the bracket.
    var emphasized = false
  }

  /// A line under a run of columns with a label: `transformasjon`.
  struct Bracket {
    var from: Int
    var through: Int
    var label: String
  }

  var columns: [Column]
  /// The top of the axis; the same for every chart of a series, so they compare.
  var maximum: Double
  var ticks: [BarChart.Tick]
  var axisTitle: String
  var bracket: Bracket?
  /// A heading drawn in the chart, for charts shown side by side.
  var heading: String?

  private static let slot = 48.0
  private static let columnWidth = 32.0
  private static let plotHeight = 130.0
  private static let left = 44.0

  func chart(id: String, title: String, lead: String) -> SVGChart {
    var body = ""
    var plotTop = 24.0
    if let heading {
      body += SVGChart.text(heading, x: 4, y: 18, bold: true, size: SVGChart.fontSize + 1)
      plotTop += 26
    }
    let baseY = plotTop + Self.plotHeight
    let plotRight = Self.left + Double(columns.count) * Self.slot
    let width = plotRight + 8
    for tick in ticks {
      let y = baseY - tick.value / maximum * Self.plotHeight
      body += SVGChart.line(x1: Self.left, y1: y, x2: plotRight, y2: y, stroke: ReportPalette.grid)
      body += SVGChart.text(
        tick.label, x: Self.left - 6, y: y + 4, anchor: .end, fill: ReportPalette.muted, size: 12)
    }
    for (index, column) in columns.enumerated() {
      let center = Self.left + (Double(index) + 0.5) * Self.slot
      var valueY = baseY - 5
      if let value = column.value {
        let height = max(0, min(value, maximum)) / maximum * Self.plotHeight
        body += SVGChart.rect(
          x: center - Self.columnWidth / 2, y: baseY - height, width: Self.columnWidth,
          height: height, fill: column.emphasized ? ReportPalette.barStrong : ReportPalette.bar)
        valueY = baseY - height - 5
      }
      body += SVGChart.text(
        column.valueText, x: center, y: valueY, anchor: .middle, size: 12, halo: true)
      body += SVGChart.text(column.label, x: center, y: baseY + 16, anchor: .middle)
    }
    body += SVGChart.line(
      x1: Self.left, y1: baseY, x2: plotRight, y2: baseY, stroke: ReportPalette.ink)
    body += SVGChart.text(
      axisTitle, x: (Self.left + plotRight) / 2, y: baseY + 34, anchor: .middle,
      fill: ReportPalette.muted, size: 12)
    var height = baseY + 42
    if let bracket, bracket.from <= bracket.through, bracket.through < columns.count {
      let x1 = Self.left + Double(bracket.from) * Self.slot + 4
      let x2 = Self.left + Double(bracket.through + 1) * Self.slot - 4
      let y = baseY + 46
      body += SVGChart.line(x1: x1, y1: y, x2: x2, y2: y, stroke: ReportPalette.ink, width: 1.5)
      body += SVGChart.line(x1: x1, y1: y - 5, x2: x1, y2: y, stroke: ReportPalette.ink, width: 1.5)
      body += SVGChart.line(x1: x2, y1: y - 5, x2: x2, y2: y, stroke: ReportPalette.ink, width: 1.5)
      body += SVGChart.text(bracket.label, x: (x1 + x2) / 2, y: y + 16, anchor: .middle, size: 12)
      height = y + 24
    }
    let values = columns.map { "\($0.label): \($0.valueText)" }.joined(separator: "; ")
    return SVGChart(
      id: id, title: title, description: "\(lead) \(values).", width: width, height: height,
      body: body)
  }
}
