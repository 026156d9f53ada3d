import LoftAggregate
import LoftCore

/// The ministry report: one self-contained HTML page in Norwegian (Bokmål).
///
/// Sections: key figures, coverage, maturity by sector, the generation distribution,
/// competence gaps, completion and reach, suppressed cells, quarantined deliveries. Each chart
/// is inline SVG with a text alternative and the same numbers in a table beside it; the latest
/// period is shown first and earlier periods in tables below. Written to WCAG 2.1 AA, as
/// Norwegian public web pages must be: contrast (every colour pair is in `ReportPalette`),
/// text alternatives, headings in order, a skip link and a table of contents, table headers,
/// nothing told by colour alone, reflow down to 320 px, `lang="nb"`. Nothing is fetched from
/// the network, no date but the as-of date is printed, and the output depends only on the
/// input (no dictionary order, no clock), so the same snapshot gives the same bytes.
package struct ReportPage {
  package let tables: StatisticTables
  /// The published tables: their order and Norwegian names label the suppression counts.
  package let rendered: [Table]
  package let inputs: [InputFile]
  package let model: Model
  package let asOf: Day
  /// The pipeline definition's name.
  package let name: String
  /// The course catalogue, for course titles; without it courses are named by their id.
  package let courses: [Course]
  /// The disclosure threshold, for the explanations; without it they say "too few".
  package let k: Int?

  package init(
    tables: StatisticTables, rendered: [Table], inputs: [InputFile], model: Model, asOf: Day,
    name: String, courses: [Course] = [], k: Int? = nil
  ) {
    self.tables = tables
    self.rendered = rendered
    self.inputs = inputs
    self.model = model
    self.asOf = asOf
    self.name = name
    self.courses = courses
    self.k = k
  }

  /// The sections in page order: id (the fragment the table of contents links to) and title.
  static let sections: [(id: String, title: String)] = [
    ("hovedtall", "Hovedtall"),
    ("dekning", "Dekning: hvem som svarte"),
    ("modenhet", "Digital modenhet per sektor"),
    ("generasjoner", "Fordeling på generasjoner"),
    ("kompetansegap", "Kompetansegap"),
    ("gjennomforing", "Gjennomføring og rekkevidde"),
    ("skjulte-celler", "Skjulte tall"),
    ("karantene", "Leveranser i karantene"),
    ("om-tallene", "Om tallene"),
  ]

  /// The whole page.
  package func html() -> String {
    let e = ReportFormat.escape
    var body = ""
    body += keyFiguresSection()
    body += coverageSection()
    body += maturitySection()
    body += stageSection()
    body += gapSection()
    body += completionSection()
    body += suppressionSection()
    body += quarantineSection()
    body += aboutSection()
    let title = "Digital modenhet og kompetanse blant ledere i offentlig sektor"
    return """
      <!DOCTYPE html>
      <html lang="nb">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(e(title)) – Løft, \(e(ReportFormat.date(asOf)))</title>
      <style>
      \(ReportStyle.css)</style>
      </head>
      <body>
      <a class="skip" href="#innhold">Hopp til hovedinnholdet</a>
      <header>
      <p class="kicker">Løft – nasjonal statistikk</p>
      <h1>\(e(title))</h1>
      \(introduction())</header>
      \(tableOfContents())<main id="innhold" tabindex="-1">
      \(body)</main>
      <footer>
      <p>Laget av Løft fra pipeline «\(e(name))» med målemodellen «\(e(model.name))», \
      versjon \(e(model.version)). Tall per \(e(ReportFormat.date(asOf))).</p>
      </footer>
      </body>
      </html>

      """
  }

  // MARK: - Header

  private func introduction() -> String {
    let e = ReportFormat.escape
    var html = "<p class=\"lead\">Rapporten viser hvor langt ledere i statlige virksomheter, "
    html += "kommuner og fylkeskommuner er kommet i digital omstilling, hvilke kompetansegap de "
    html +=
      "selv oppgir, og hvor mange som har fullført kurs i den felles kompetansesatsingen.</p>\n"
    html += "<p>Tall per <strong>\(e(ReportFormat.date(asOf)))</strong>."
    if let latest = tables.periods.max() {
      html += " Siste periode er <strong>\(e(latest.description))</strong>"
      html += isOpen(latest) ? ", som ikke er avsluttet: tallene kan endre seg." : "."
      let earlier = tables.periods.filter { $0 < latest }.sorted()
      if !earlier.isEmpty {
        html +=
          " Tidligere perioder (\(e(earlier.map(\.description).joined(separator: ", ")))) står i tabeller under hvert avsnitt."
      }
    } else {
      html += " Ingen svar eller kursdata er godkjent ennå."
    }
    html += "</p>\n"
    html += "<p class=\"note\">Tegn i tabellene: «:» skjult for å verne enkeltpersoner, "
    html += "«.» ingen tall. Tall med desimalkomma.</p>\n"
    return html
  }

  private func tableOfContents() -> String {
    var html =
      "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">Innhold</h2>\n<ol>\n"
    for section in Self.sections {
      html += "<li><a href=\"#\(section.id)\">\(ReportFormat.escape(section.title))</a></li>\n"
    }
    return html + "</ol>\n</nav>\n"
  }

  /// Opens a section: `<section>` named by its `<h2>`.
  func sectionStart(_ id: String) -> String {
    let title = Self.sections.first { $0.id == id }?.title ?? id
    return
      "<section aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">\(ReportFormat.escape(title))</h2>\n"
  }

  /// A chart and its table side by side (stacked on a narrow screen).
  func pair(figure: String, table: String) -> String {
    "<div class=\"pair\">\n\(figure)<div class=\"pair-table\">\n\(table)</div>\n</div>\n"
  }

  /// A chart in a `<figure>` with a visible caption.
  func figure(_ caption: String, _ charts: [SVGChart]) -> String {
    var html = "<figure>\n<figcaption>\(ReportFormat.escape(caption))</figcaption>\n"
    if charts.count > 1 { html += "<div class=\"charts\">\n" }
    for chart in charts { html += chart.html() }
    if charts.count > 1 { html += "</div>\n" }
    return html + "</figure>\n"
  }

  /// A plain paragraph.
  func paragraph(_ text: String, note: Bool = false) -> String {
    "<p\(note ? " class=\"note\"" : "")>\(ReportFormat.escape(text))</p>\n"
  }

  // MARK: - Groups and periods

  /// Whether a period had not ended by the as-of date.
  func isOpen(_ period: Period) -> Bool { !(period.end < asOf) }

  /// The rows of the whole country and of the sectors: what the ministry reads.
  func isSummary(_ cell: CellKey) -> Bool { cell.grouping == .national || cell.grouping == .sector }

  /// The distinct groups among cells, the whole country first, then the sectors in the
  /// register's order (state, municipality, county municipality, other), then any other key
  /// bytewise.
  func orderedGroups(_ cells: [CellKey]) -> [CellKey] {
    var seen: [CellKey] = []
    for cell in cells.sorted(by: groupPrecedes) where !seen.contains(where: { sameGroup($0, cell) })
    {
      seen.append(cell)
    }
    return seen
  }

  func sameGroup(_ a: CellKey, _ b: CellKey) -> Bool {
    a.grouping == b.grouping && a.groupKey == b.groupKey
  }

  func groupPrecedes(_ a: CellKey, _ b: CellKey) -> Bool {
    if a.grouping != b.grouping { return a.grouping < b.grouping }
    let rankA =
      Sector(rawValue: a.groupKey).flatMap { Sector.allCases.firstIndex(of: $0) }
      ?? Sector.allCases.count
    let rankB =
      Sector(rawValue: b.groupKey).flatMap { Sector.allCases.firstIndex(of: $0) }
      ?? Sector.allCases.count
    if rankA != rankB { return rankA < rankB }
    if a.groupKey != b.groupKey {
      return a.groupKey.utf8.lexicographicallyPrecedes(b.groupKey.utf8)
    }
    return a.period < b.period
  }

  /// A group's name in Norwegian, plain text.
  func groupName(_ cell: CellKey) -> String {
    switch cell.grouping {
    case .national: return "Hele landet"
    case .sector:
      switch Sector(rawValue: cell.groupKey) {
      case .state: return "Statlige virksomheter"
      case .municipality: return "Kommuner"
      case .countyMunicipality: return "Fylkeskommuner"
      case .other: return "Andre virksomheter"
      case nil: return cell.groupKey
      }
    default: return cell.groupKey.isEmpty ? "Uten gruppe" : cell.groupKey
    }
  }

  /// A course's name: its id and, from the catalogue, its title.
  func courseName(_ id: String) -> String {
    guard let course = courses.first(where: { $0.id == id }), !course.title.isEmpty else {
      return id
    }
    return "\(id) \(course.title)"
  }

  /// "fewer than k", for the explanations.
  var fewerThanK: String { k.map { "færre enn \($0)" } ?? "for få" }

  // MARK: - Cells

  /// A value as a table cell: the number, `:` when suppressed, `.` when there is none.
  func cell(_ value: Double?, suppressed: Bool, format: (Double) -> String) -> HTMLTable.Cell {
    if let value { return .number(format(value)) }
    return suppressed ? .suppressed : .missing
  }

  /// A value as printed in a chart.
  func chartText(_ value: Double?, suppressed: Bool, format: (Double) -> String) -> String {
    if let value { return format(value) }
    return suppressed ? ": skjult" : ". ingen tall"
  }

  static func decimal(_ value: Double) -> String { ReportFormat.decimal(value) }
  static func percent(_ value: Double) -> String { ReportFormat.percent(value) }

  /// Ticks for a percentage axis from 0 to `maximumPercent`, in four steps.
  static func percentTicks(maximumPercent: Int) -> [BarChart.Tick] {
    (0...4).map { step in
      let percent = Double(maximumPercent * step) / 4
      let whole = percent == percent.rounded()
      return BarChart.Tick(
        value: percent / 100,
        label: ReportFormat.decimal(percent, digits: whole ? 0 : 1) + ReportFormat.noBreakSpace
          + "%")
    }
  }

  /// The smallest round percentage at or above every share, so that bars use the width.
  static func niceMaximumPercent(_ shares: [Double]) -> Int {
    let largest = shares.max() ?? 0
    return [10, 20, 40, 50, 60, 80, 100].first { largest <= Double($0) / 100 } ?? 100
  }
}
