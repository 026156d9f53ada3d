import LoftAggregate
import LoftCore

extension ReportPage {
  /// Competence gaps (target − current level): a heat map of areas by sector and the same
  /// numbers in a table for the latest period, the levels for the whole country, and the
  /// whole country's gaps for every period.
  func gapSection() -> String {
    var html = sectionStart("kompetansegap")
    let rows = tables.competenceGap.filter { isSummary($0.cell) }
    guard let latest = rows.map(\.cell.period).max() else {
      return html + paragraph("Ingen ledere har oppgitt både nåværende og ønsket kompetanse.")
        + "</section>\n"
    }
    let scale = model.competence.scale
    html += paragraph(
      "Gapet er ønsket minus nåværende nivå på DigComp-skalaen (\(scale.min)–\(scale.max)), "
        + "i snitt for ledere som oppga begge, i \(latest.description). Et stort gap betyr at lederne "
        + "selv ser et stort behov for mer kompetanse. Mørkere farge er større gap; tallet står i hver rute. "
        + "På en smal skjerm kan varmekartet rulles sidelengs.")
    let groups = orderedGroups(rows.filter { $0.cell.period == latest }.map(\.cell))
    let areas = model.competence.areas
    let find = { (group: CellKey, area: String) in
      rows.first { $0.cell == group && $0.area == area }
    }
    let heatCells = areas.map { area in
      groups.map { group -> HeatMap.Cell in
        guard let row = find(group, area.code) else { return .missing }
        if let gap = row.meanGap { return .value(gap) }
        return row.suppressed != nil ? .suppressed : .missing
      }
    }
    let heatMap = HeatMap(
      rowLabels: areas.map(\.nb), columnLabels: groups.map(groupName), cells: heatCells,
      scale: ReportPalette.heatScale, legendTitle: "Fargeskala: gap i nivåer")
    let chart = heatMap.chart(
      id: "fig-kompetansegap",
      title: "Varmekart: kompetansegap per område og sektor i \(latest.description)",
      lead: "Gjennomsnittlig gap, ønsket minus nåværende nivå.")
    let figureHTML =
      "<figure>\n<figcaption>\(ReportFormat.escape("Kompetansegap per område og sektor, \(latest.description)"))</figcaption>\n"
      + "<div class=\"chart-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Varmekart, kan rulles sidelengs\">\n"
      + chart.html() + "</div>\n" + heatMap.legendHTML() + "</figure>\n"
    let table = HTMLTable(
      id: "tab-kompetansegap",
      caption: "Gjennomsnittlig kompetansegap per område og sektor, \(latest.description)",
      columns: ["Område"] + groups.map(groupName),
      rows: areas.map { area in
        HTMLTable.Row(
          headers: [area.nb],
          cells: groups.map { group in
            let row = find(group, area.code)
            return cell(row?.meanGap, suppressed: row?.suppressed != nil, format: Self.decimal)
          })
      })
    html += pair(figure: figureHTML, table: table.html())

    let national = rows.filter { $0.cell.period == latest && $0.cell.grouping == .national }
    if !national.isEmpty {
      html += "<h3>Nåværende og ønsket nivå, hele landet</h3>\n"
      html += HTMLTable(
        id: "tab-kompetansenivaa",
        caption: "Nåværende og ønsket kompetansenivå, hele landet, \(latest.description)",
        columns: [
          "Område", "Ledere som svarte", "Nåværende nivå", "Ønsket nivå", "Gap",
          "Andel under ønsket nivå",
        ],
        rows: areas.compactMap { area in
          guard let row = national.first(where: { $0.area == area.code }) else { return nil }
          let hidden = row.suppressed != nil
          return HTMLTable.Row(
            headers: [area.nb],
            cells: [
              .number(ReportFormat.integer(row.n)),
              cell(row.meanCurrent, suppressed: hidden, format: Self.decimal),
              cell(row.meanTarget, suppressed: hidden, format: Self.decimal),
              cell(row.meanGap, suppressed: hidden, format: Self.decimal),
              cell(row.shareBelowTarget, suppressed: hidden, format: Self.percent),
            ])
        }
      ).html()
    }

    let allNational = rows.filter { $0.cell.grouping == .national }
    let periods = Array(Set(allNational.map(\.cell.period))).sorted()
    if periods.count > 1 {
      html += "<h3>Alle perioder</h3>\n"
      html += HTMLTable(
        id: "tab-kompetansegap-perioder",
        caption: "Gjennomsnittlig kompetansegap, hele landet, per periode",
        columns: ["Område"] + periods.map(\.description),
        rows: areas.map { area in
          HTMLTable.Row(
            headers: [area.nb],
            cells: periods.map { period in
              let row = allNational.first { $0.cell.period == period && $0.area == area.code }
              return cell(row?.meanGap, suppressed: row?.suppressed != nil, format: Self.decimal)
            })
        }
      ).html()
    }
    return html + "</section>\n"
  }
}
