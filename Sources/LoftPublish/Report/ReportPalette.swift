/// The report's colours, all in one place so that a test can check every pair numerically.
///
/// WCAG 2.1 AA asks for a contrast ratio of at least 4.5:1 between text and its background
/// (1.4.3) and 3:1 between a chart's graphic objects and what is around them (1.4.11). The
/// colours are `#rrggbb`, lower case; the page uses no colour that is not listed here.
enum ReportPalette {
  /// Body text, table text, chart labels.
  static let ink = "#1a1a1a"
  /// Secondary text: notes, axis ticks, units.
  static let muted = "#595959"
  /// The page background.
  static let paper = "#ffffff"
  /// Links.
  static let link = "#0b57a4"
  /// Table header cells and key-figure panels.
  static let headerFill = "#e8eef5"
  /// Zebra rows and the panels around the key figures.
  static let panel = "#f3f6f9"
  /// Headings' rule, the skip link, focus outlines: a dark blue.
  static let accent = "#1f4e79"
  /// Table borders.
  static let border = "#767676"
  /// Light grid lines in charts; decoration only, the values are written beside each bar.
  static let grid = "#cccccc"
  /// The bar of the whole country, and of stages counted as transformation.
  static let barStrong = "#1f4e79"
  /// Every other bar.
  static let bar = "#4a7fb0"
  /// A suppressed heat-map cell.
  static let suppressedFill = "#f2f2f2"

  /// One colour drawn on another, and what the pair is used for.
  struct Pair: Sendable, Equatable {
    var use: String
    var foreground: String
    var background: String
  }

  /// Every text colour on every background it is drawn on (WCAG 1.4.3: at least 4.5:1).
  static let textPairs: [Pair] =
    [
      Pair(use: "brødtekst", foreground: ink, background: paper),
      Pair(use: "merknader og akser", foreground: muted, background: paper),
      Pair(use: "lenker", foreground: link, background: paper),
      Pair(use: "tabelloverskrifter", foreground: ink, background: headerFill),
      Pair(use: "tekst i paneler og annenhver rad", foreground: ink, background: panel),
      Pair(use: "merknader i paneler", foreground: muted, background: panel),
      Pair(use: "lenker i paneler", foreground: link, background: panel),
      Pair(use: "hopp-til-lenken", foreground: paper, background: accent),
      Pair(use: "skjult celle i varmekartet", foreground: ink, background: suppressedFill),
    ]
    + heatScale.bins.map { bin in
      Pair(use: "varmekart \(bin.label)", foreground: bin.text, background: bin.fill)
    }

  /// Graphic objects on their background (WCAG 1.4.11: at least 3:1).
  static let graphicPairs: [Pair] = [
    Pair(use: "søyle", foreground: bar, background: paper),
    Pair(use: "fremhevet søyle", foreground: barStrong, background: paper),
    Pair(use: "akse og referanselinje", foreground: ink, background: paper),
    Pair(use: "tabellrammer", foreground: border, background: paper),
    Pair(use: "fokusmarkering", foreground: accent, background: paper),
  ]

  /// The heat map's colours: a light-to-dark blue scale (ColorBrewer "Blues"), each step with
  /// the text colour that reads on it.
  static let heatScale = HeatScale(
    bins: [
      HeatScale.Bin(below: 0.25, label: "under 0,25", fill: "#eff3ff", text: ink),
      HeatScale.Bin(below: 0.50, label: "0,25–0,49", fill: "#deebf7", text: ink),
      HeatScale.Bin(below: 0.75, label: "0,50–0,74", fill: "#c6dbef", text: ink),
      HeatScale.Bin(below: 1.00, label: "0,75–0,99", fill: "#9ecae1", text: ink),
      HeatScale.Bin(below: 1.25, label: "1,00–1,24", fill: "#6baed6", text: ink),
      HeatScale.Bin(below: 1.50, label: "1,25–1,49", fill: "#4292c6", text: ink),
      HeatScale.Bin(below: 1.75, label: "1,50–1,74", fill: "#2171b5", text: paper),
      HeatScale.Bin(below: .infinity, label: "1,75 og over", fill: "#08519c", text: paper),
    ])

  /// Every colour the page may use.
  static var all: [String] {
    var colours = [
      ink, muted, paper, link, headerFill, panel, accent, border, grid, barStrong, bar,
      suppressedFill,
    ]
    colours += heatScale.bins.flatMap { [$0.fill, $0.text] }
    return colours
  }
}

/// Steps of colour for the competence-gap heat map, from the smallest gap to the largest.
struct HeatScale: Sendable, Equatable {
  /// One step: values below `below` (and at or above the previous step's) take its colours.
  struct Bin: Sendable, Equatable {
    var below: Double
    var label: String
    var fill: String
    var text: String
  }

  var bins: [Bin]

  /// The step of a value, judged on the value as printed (two decimals), so a cell never shows a
  /// number that its legend entry excludes.
  func bin(for value: Double) -> Bin {
    let printed = (value * 100).rounded() / 100
    return bins.first { printed < $0.below } ?? bins[bins.count - 1]
  }
}
