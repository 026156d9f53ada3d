import Foundation
import LoftAggregate
import LoftCore

/// The ministry report: one self-contained HTML page in Norwegian, charts as inline SVG with
/// the same numbers in a table beside each, written to WCAG 2.1 AA (contrast, text
/// alternatives, headings, table headers, `lang="nb"`).
package struct ReportPage {
  package let tables: StatisticTables
  package let rendered: [Table]
  package let inputs: [InputFile]
  package let model: Model
  package let asOf: Day
  package let name: String

  package init(
    tables: StatisticTables, rendered: [Table], inputs: [InputFile], model: Model, asOf: Day,
    name: String
  ) {
    self.tables = tables
    self.rendered = rendered
    self.inputs = inputs
    self.model = model
    self.asOf = asOf
    self.name = name
  }

  package func html() -> String {
    var body = ""
    body += "<h1>Løft: digital modenhet og kompetanse blant ledere i offentlig sektor</h1>\n"
    body += "<p>Øyeblikksbilde for pipeline <strong>\(escape(name))</strong>, per \(asOf). "
    body += "Celler med færre enn k bidragsytere vises som «:» (skjult).</p>\n"
    body += coverageSection()
    body += maturitySection()
    body += stageSection()
    body += gapSection()
    body += completionSection()
    body += suppressionSection()
    body += quarantineSection()
    return """
      <!DOCTYPE html>
      <html lang="nb">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Løft – rapport per \(asOf)</title>
      <style>
      body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; max-width: 72rem; margin: 0 auto; padding: 1rem; line-height: 1.5; }
      h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #1f4e79; }
      table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
      th, td { border: 1px solid #767676; padding: 0.25rem 0.5rem; text-align: right; }
      th[scope=row], td.text { text-align: left; }
      thead th { background: #e8eef5; }
      caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
      .pair { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
      svg text { font-size: 12px; fill: #1a1a1a; }
      </style>
      </head>
      <body>
      <main>
      \(body)</main>
      </body>
      </html>

      """
  }

  // MARK: - Sections

  private func coverageSection() -> String {
    let rows = tables.coverage.filter { $0.cell.grouping == .national || $0.cell.grouping == .sector }
    var html = "<h2>Dekning</h2>\n<table>\n<caption>Virksomheter og ledere som svarte, per periode og sektor</caption>\n"
    html += "<thead><tr><th scope=\"col\">Periode</th><th scope=\"col\">Gruppe</th><th scope=\"col\">Registrerte virksomheter</th><th scope=\"col\">Leverte</th><th scope=\"col\">Respondenter</th><th scope=\"col\">Ledere</th><th scope=\"col\">Svarandel</th></tr></thead>\n<tbody>\n"
    for row in rows {
      html += "<tr><td class=\"text\">\(row.cell.period)</td><th scope=\"row\">\(groupName(row.cell))</th><td>\(row.agenciesRegistered)</td><td>\(row.agenciesDelivered)</td><td>\(row.respondents)</td><td>\(row.leaders)</td><td>\(percent(row.responseRate))</td></tr>\n"
    }
    return html + "</tbody>\n</table>\n"
  }

  private func maturitySection() -> String {
    var html = "<h2>Modenhet per sektor</h2>\n"
    guard let period = tables.periods.last(where: { p in tables.maturity.contains { $0.cell.period == p } }) else {
      return html + "<p>Ingen godkjente vurderinger.</p>\n"
    }
    let items = model.maturity.dimensions.map { ($0.code, $0.nb) } + [("overall", "Samlet")]
    let rows = tables.maturity.filter { $0.cell.period == period && ($0.cell.grouping == .national || $0.cell.grouping == .sector) }
    let groups = Array(Set(rows.map(\.cell))).sorted()
    html += "<p>Gjennomsnittlig generasjon (\(model.maturity.scale.min)–\(model.maturity.scale.max)) i \(period), per dimensjon og sektor.</p>\n<div class=\"pair\">\n"
    // A grouped bar chart: one group of bars per dimension, one bar per sector.
    let palette = ["#1f4e79", "#2e7d32", "#8e3b00", "#6a1b9a", "#00695c"]
    let barWidth = 14
    let groupWidth = groups.count * barWidth + 16
    let width = 60 + items.count * groupWidth
    let height = 220
    let maxValue = Double(model.maturity.scale.max)
    var svg = "<svg role=\"img\" aria-labelledby=\"mat-title\" width=\"\(width)\" height=\"\(height + 60)\" viewBox=\"0 0 \(width) \(height + 60)\">\n<title id=\"mat-title\">Søylediagram: gjennomsnittlig modenhet i \(period) per dimensjon og sektor. Tallene står i tabellen ved siden av.</title>\n"
    svg += "<line x1=\"50\" y1=\"10\" x2=\"50\" y2=\"\(height)\" stroke=\"#1a1a1a\"/>\n"
    for tick in model.maturity.scale.min...model.maturity.scale.max {
      let y = Double(height) - Double(tick) / maxValue * Double(height - 10)
      svg += "<text x=\"40\" y=\"\(Int(y) + 4)\" text-anchor=\"end\">\(tick)</text><line x1=\"46\" y1=\"\(Int(y))\" x2=\"\(width)\" y2=\"\(Int(y))\" stroke=\"#d0d0d0\"/>\n"
    }
    for (itemIndex, item) in items.enumerated() {
      let x0 = 60 + itemIndex * groupWidth
      for (groupIndex, group) in groups.enumerated() {
        guard let row = rows.first(where: { $0.cell == group && $0.dimension == item.0 }), let mean = row.mean else { continue }
        let barHeight = mean / maxValue * Double(height - 10)
        svg += "<rect x=\"\(x0 + groupIndex * barWidth)\" y=\"\(Double(height) - barHeight)\" width=\"\(barWidth - 2)\" height=\"\(barHeight)\" fill=\"\(palette[groupIndex % palette.count])\"><title>\(escape(item.1)), \(groupName(group)): \(decimal(mean))</title></rect>\n"
      }
      svg += "<text x=\"\(x0 + groupWidth / 2 - 8)\" y=\"\(height + 16)\" text-anchor=\"middle\">\(escape(item.1))</text>\n"
    }
    for (groupIndex, group) in groups.enumerated() {
      let y = height + 34 + (groupIndex / 3) * 14
      let x = 60 + (groupIndex % 3) * 170
      svg += "<rect x=\"\(x)\" y=\"\(y - 10)\" width=\"10\" height=\"10\" fill=\"\(palette[groupIndex % palette.count])\"/><text x=\"\(x + 14)\" y=\"\(y)\">\(groupName(group))</text>\n"
    }
    svg += "</svg>\n"
    html += svg
    html += "<table>\n<caption>Gjennomsnitt i \(period)</caption>\n<thead><tr><th scope=\"col\">Gruppe</th>"
    for item in items { html += "<th scope=\"col\">\(escape(item.1))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for group in groups {
      html += "<tr><th scope=\"row\">\(groupName(group))</th>"
      for item in items {
        let row = rows.first { $0.cell == group && $0.dimension == item.0 }
        html += "<td>\(row.map { $0.mean.map(decimal) ?? ":" } ?? "")</td>"
      }
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n</div>\n"
  }

  private func stageSection() -> String {
    var html = "<h2>Fordeling på generasjoner (nasjonalt)</h2>\n"
    let rows = tables.maturityStage.filter { $0.cell.grouping == .national }
    guard let period = rows.map(\.cell.period).max() else { return html + "<p>Ingen data.</p>\n" }
    html += "<table>\n<caption>Andel respondenter per generasjon i \(period)</caption>\n<thead><tr><th scope=\"col\">Dimensjon</th>"
    for step in model.maturity.steps { html += "<th scope=\"col\">\(step.value): \(escape(step.nb))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for dimension in model.maturity.dimensions {
      html += "<tr><th scope=\"row\">\(escape(dimension.nb))</th>"
      for step in model.maturity.steps {
        let row = rows.first { $0.cell.period == period && $0.dimension == dimension.code && $0.stage == step.value }
        html += "<td>\(row.map { $0.share.map(percent) ?? ":" } ?? "")</td>"
      }
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n"
  }

  private func gapSection() -> String {
    var html = "<h2>Kompetansegap</h2>\n"
    let rows = tables.competenceGap.filter { $0.cell.grouping == .national || $0.cell.grouping == .sector }
    guard let period = rows.map(\.cell.period).max() else { return html + "<p>Ingen data.</p>\n" }
    let groups = Array(Set(rows.filter { $0.cell.period == period }.map(\.cell))).sorted()
    html += "<table>\n<caption>Gjennomsnittlig gap (ønsket − nåværende nivå) i \(period); mørkere farge er større gap</caption>\n<thead><tr><th scope=\"col\">Område</th>"
    for group in groups { html += "<th scope=\"col\">\(groupName(group))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for area in model.competence.areas {
      html += "<tr><th scope=\"row\">\(escape(area.nb))</th>"
      for group in groups {
        guard let row = rows.first(where: { $0.cell == group && $0.area == area.code }) else { html += "<td></td>"; continue }
        guard let gap = row.meanGap else { html += "<td>:</td>"; continue }
        // A light-to-dark blue scale; text switches to white where the background is dark.
        let strength = max(0, min(1, gap / 3))
        let lightness = Int(95 - strength * 60)
        let color = lightness < 60 ? "#fff" : "#1a1a1a"
        html += "<td style=\"background: hsl(210, 60%, \(lightness)%); color: \(color)\">\(decimal(gap))</td>"
      }
      html += "</tr>\n"
    }
    return html + "</tbody>\n</table>\n"
  }

  private func completionSection() -> String {
    var html = "<h2>Gjennomføring og rekkevidde</h2>\n"
    let reach = tables.reach.filter { $0.cell.grouping == .national || $0.cell.grouping == .sector }
    html += "<table>\n<caption>Rekkevidde: ledere med minst ett fullført kurs</caption>\n<thead><tr><th scope=\"col\">Periode</th><th scope=\"col\">Gruppe</th><th scope=\"col\">Ledere</th><th scope=\"col\">Deltakere</th><th scope=\"col\">Fullført</th><th scope=\"col\">Rekkevidde</th></tr></thead>\n<tbody>\n"
    for row in reach {
      html += "<tr><td class=\"text\">\(row.cell.period)</td><th scope=\"row\">\(groupName(row.cell))</th><td>\(row.leaders)</td><td>\(row.learners)</td><td>\(row.completers.map(String.init) ?? ":")</td><td>\(row.reach.map(percent) ?? ":")</td></tr>\n"
    }
    html += "</tbody>\n</table>\n"
    let courses = tables.courseCompletion.filter { $0.cell.grouping == .national }
    html += "<table>\n<caption>Gjennomføring per kurs (nasjonalt)</caption>\n<thead><tr><th scope=\"col\">Periode</th><th scope=\"col\">Kurs</th><th scope=\"col\">Deltakere</th><th scope=\"col\">Fullført</th><th scope=\"col\">Andel</th><th scope=\"col\">Median dager</th></tr></thead>\n<tbody>\n"
    for row in courses {
      html += "<tr><td class=\"text\">\(row.cell.period)</td><th scope=\"row\">\(escape(row.courseID))</th><td>\(row.learners)</td><td>\(row.completed.map(String.init) ?? ":")</td><td>\(row.completionRate.map(percent) ?? ":")</td><td>\(row.medianDaysToComplete.map(decimal) ?? (row.suppressed == nil ? "" : ":"))</td></tr>\n"
    }
    return html + "</tbody>\n</table>\n"
  }

  private func suppressionSection() -> String {
    var counts: [String: Int] = [:]
    for entry in tables.suppression { counts["\(entry.table) (\(entry.reason))", default: 0] += 1 }
    var html = "<h2>Skjulte celler</h2>\n<p>Ingen enkeltleder skal kunne identifiseres. Celler med færre enn k bidragsytere skjules (primær), og flere celler skjules der det trengs for at de ikke kan regnes ut fra andre (sekundær).</p>\n"
    html += "<table>\n<caption>Antall skjulte celler per tabell og grunn</caption>\n<thead><tr><th scope=\"col\">Tabell (grunn)</th><th scope=\"col\">Celler</th></tr></thead>\n<tbody>\n"
    for key in counts.keys.sorted() { html += "<tr><th scope=\"row\">\(escape(key))</th><td>\(counts[key]!)</td></tr>\n" }
    return html + "</tbody>\n</table>\n"
  }

  private func quarantineSection() -> String {
    let quarantined = inputs.filter { $0.status == .quarantined }
    var html = "<h2>Leveranser i karantene</h2>\n"
    guard !quarantined.isEmpty else { return html + "<p>Ingen leveranser ble satt i karantene.</p>\n" }
    html += "<table>\n<caption>\(quarantined.count) filer kunne ikke brukes</caption>\n<thead><tr><th scope=\"col\">Fil</th><th scope=\"col\">Grunn</th></tr></thead>\n<tbody>\n"
    for file in quarantined {
      html += "<tr><th scope=\"row\">\(escape(file.path))</th><td class=\"text\">\(file.reason?.rawValue ?? "")</td></tr>\n"
    }
    return html + "</tbody>\n</table>\n"
  }

  // MARK: - Formatting

  private func groupName(_ cell: CellKey) -> String {
    switch cell.grouping {
    case .national: "Hele landet"
    case .sector:
      switch cell.groupKey {
      case "state": "Statlig"
      case "municipality": "Kommuner"
      case "county_municipality": "Fylkeskommuner"
      default: "Andre"
      }
    default: escape(cell.groupKey)
    }
  }

  private func decimal(_ value: Double) -> String {
    String(format: "%.2f", value).replacingOccurrences(of: ".", with: ",")
  }

  private func percent(_ value: Double) -> String {
    String(format: "%.1f", value * 100).replacingOccurrences(of: ".", with: ",") + " %"
  }

  private func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
