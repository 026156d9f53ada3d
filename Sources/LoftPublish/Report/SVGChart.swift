/// An inline SVG chart with its text alternative, and the drawing primitives the charts share.
///
/// Every chart is `role="img"`, named by its `<title>` and described by its `<desc>` through
/// `aria-labelledby`; the same numbers stand in a table beside it. Sizes are in CSS pixels at
/// the chart's natural width; the page lets a chart shrink to the screen (`max-width: 100%`).
struct SVGChart {
  var id: String
  /// A short name: what the chart shows. Plain text.
  var title: String
  /// A longer text alternative: the values, or where to find them. Plain text.
  var description: String
  var width: Double
  var height: Double
  /// The drawing, already markup.
  var body: String

  /// The font size of chart text, in pixels.
  static let fontSize = 14.0

  func html() -> String {
    let e = ReportFormat.escape
    let w = ReportFormat.coordinate(width)
    let h = ReportFormat.coordinate(height)
    return """
      <svg role="img" aria-labelledby="\(e(id))-title \(e(id))-desc" \
      id="\(e(id))" class="chart" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" \
      font-family="system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif" font-size="\(ReportFormat.coordinate(Self.fontSize))">
      <title id="\(e(id))-title">\(e(title))</title>
      <desc id="\(e(id))-desc">\(e(description))</desc>
      \(body)</svg>

      """
  }

  // MARK: - Primitives

  /// The usual text anchors.
  enum Anchor: String {
    case start, middle, end
  }

  /// A line of text; `content` is plain text.
  static func text(
    _ content: String, x: Double, y: Double, anchor: Anchor = .start, bold: Bool = false,
    fill: String = ReportPalette.ink, size: Double? = nil, halo: Bool = false
  ) -> String {
    var attributes = "x=\"\(c(x))\" y=\"\(c(y))\""
    if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
    if bold { attributes += " font-weight=\"bold\"" }
    if let size { attributes += " font-size=\"\(c(size))\"" }
    attributes += " fill=\"\(fill)\""
    if halo {
      attributes +=
        " stroke=\"\(ReportPalette.paper)\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\""
    }
    return "<text \(attributes)>\(ReportFormat.escape(content))</text>\n"
  }

  static func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil
  ) -> String {
    var markup =
      "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"\(fill)\""
    if let stroke { markup += " stroke=\"\(stroke)\"" }
    return markup + "/>\n"
  }

  static func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
    dashed: Bool = false
  ) -> String {
    var markup =
      "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\""
    if width != 1 { markup += " stroke-width=\"\(c(width))\"" }
    if dashed { markup += " stroke-dasharray=\"5 3\"" }
    return markup + "/>\n"
  }

  /// An estimate of a text's width in pixels. Generous (wide fonts such as DejaVu Sans), so
  /// labels never run into bars; SVG text cannot be measured without a browser.
  static func textWidth(_ text: String, size: Double = fontSize, bold: Bool = false) -> Double {
    Double(text.count) * size * (bold ? 0.66 : 0.6)
  }

  /// Splits a label into lines of at most `characters`, at spaces; a longer word keeps its line.
  static func wrap(_ text: String, characters: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= characters {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.isEmpty ? [""] : lines
  }

  private static func c(_ value: Double) -> String { ReportFormat.coordinate(value) }
}
