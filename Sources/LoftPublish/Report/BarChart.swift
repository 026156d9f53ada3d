/// A horizontal bar chart: one bar per group, its name on a line above it and its value written
/// at its end, so that nothing is told by colour alone. Bars start at zero.
///
/// Names above the bars keep the chart narrow (about 330 px), so it needs no shrinking on a
/// phone and several fit side by side on a wide screen.
struct BarChart {
  /// One bar. A bar without a value (suppressed, or no data) draws only its text.
  struct Bar {
    var label: String
    var value: Double?
    /// The value as printed: `3,41`, `35,3 %`, `: skjult`.
    var valueText: String
    /// Drawn darker and labelled in bold: the whole country.
    var emphasized = false
  }

  /// A value on the axis and its printed label.
  struct Tick {
    var value: Double
    var label: String
  }

  /// A dashed line across the bars at a value that means something (the transformation step).
  struct Reference {
    var value: Double
    var label: String
  }

  var bars: [Bar]
  /// The value at the right end of the axis.
  var maximum: Double
  var ticks: [Tick]
  var reference: Reference?
  /// A heading drawn in the chart, for charts shown side by side.
  var heading: String?
  /// The width of the bars' area at the chart's natural size.
  var plotWidth = 240.0

  private static let barHeight = 18.0
  private static let lineHeight = 18.0
  private static let left = 4.0

  /// The chart, described by `lead` followed by every bar's label and value.
  func chart(id: String, title: String, lead: String) -> SVGChart {
    let font = SVGChart.fontSize
    let valueWidth =
      (bars.map { SVGChart.textWidth($0.valueText, bold: $0.emphasized) }.max() ?? 0) + 10
    let width = (Self.left + plotWidth + valueWidth).rounded(.up)
    let charactersPerLine = max(12, Int((width - Self.left) / (font * 0.6)))
    var top = 4.0
    var body = ""
    if let heading {
      body += SVGChart.text(heading, x: Self.left, y: top + font, bold: true, size: font + 1)
      top += font + 10
    }
    let referenceY = top + 12
    if reference != nil { top += 20 }

    var y = top
    var rects = ""
    var texts = ""
    for bar in bars {
      let lines = SVGChart.wrap(bar.label, characters: charactersPerLine)
      for (index, line) in lines.enumerated() {
        texts += SVGChart.text(
          line, x: Self.left + 2, y: y + Double(index + 1) * Self.lineHeight - 4,
          bold: bar.emphasized,
          halo: true)
      }
      let barTop = y + Double(lines.count) * Self.lineHeight
      let baseline = barTop + Self.barHeight / 2 + font * 0.35
      if let value = bar.value {
        let length = max(0, min(value, maximum)) / maximum * plotWidth
        rects += SVGChart.rect(
          x: Self.left, y: barTop, width: length, height: Self.barHeight,
          fill: bar.emphasized ? ReportPalette.barStrong : ReportPalette.bar)
        texts += SVGChart.text(
          bar.valueText, x: Self.left + length + 5, y: baseline, bold: bar.emphasized, halo: true)
      } else {
        texts += SVGChart.text(bar.valueText, x: Self.left + 5, y: baseline, halo: true)
      }
      y = barTop + Self.barHeight + 10
    }
    let axisY = y - 4

    // The grid under the bars; the reference line over them and under the values, which have a
    // halo of the background colour so that the line never crosses a digit.
    for tick in ticks {
      let x = Self.left + tick.value / maximum * plotWidth
      body += SVGChart.line(x1: x, y1: top, x2: x, y2: axisY, stroke: ReportPalette.grid)
      let anchor: SVGChart.Anchor = tick.value == 0 ? .start : .middle
      body += SVGChart.text(
        tick.label, x: tick.value == 0 ? x - 1 : x, y: axisY + 17, anchor: anchor,
        fill: ReportPalette.muted, size: font - 1)
    }
    body += rects
    if let reference {
      let x = Self.left + reference.value / maximum * plotWidth
      body += SVGChart.line(
        x1: x, y1: referenceY + 5, x2: x, y2: axisY, stroke: ReportPalette.ink, width: 1.5,
        dashed: true)
      let labelWidth = SVGChart.textWidth(reference.label, size: font - 1)
      let labelX = min(max(x, labelWidth / 2 + 2), width - labelWidth / 2 - 2)
      body += SVGChart.text(
        reference.label, x: labelX, y: referenceY, anchor: .middle, size: font - 1)
    }
    body += texts
    body += SVGChart.line(
      x1: Self.left, y1: top, x2: Self.left, y2: axisY, stroke: ReportPalette.ink)
    body += SVGChart.line(
      x1: Self.left, y1: axisY, x2: Self.left + plotWidth, y2: axisY, stroke: ReportPalette.ink)
    let values = bars.map { "\($0.label): \($0.valueText)" }.joined(separator: "; ")
    return SVGChart(
      id: id, title: title, description: "\(lead) \(values).", width: width, height: axisY + 24,
      body: body)
  }
}
