import LoftAggregate
import LoftCore

extension ReportPage {
  /// How many agencies and leaders answered: the response rate by sector in the latest period
  /// as a chart and a table, then every period in a table.
  func coverageSection() -> String {
    var html = sectionStart("dekning")
    let rows = tables.coverage.filter { isSummary($0.cell) }
    guard let latest = rows.map(\.cell.period).max() else {
      return html + paragraph("Ingen perioder med godkjente svar.") + "</section>\n"
    }
    html += paragraph(
      "Svarandelen er antall ledere som svarte, delt på antall ledere i virksomhetene i registeret. "
        + "Ledere telles én gang per periode.")
    let current = orderedGroups(rows.filter { $0.cell.period == latest }.map(\.cell)).compactMap {
      group in
      rows.first { $0.cell == group }
    }
    let maximum = Self.niceMaximumPercent(current.map(\.responseRate))
    let chart = BarChart(
      bars: current.map { row in
        BarChart.Bar(
          label: groupName(row.cell), value: row.responseRate,
          valueText: ReportFormat.percent(row.responseRate),
          emphasized: row.cell.grouping == .national)
      },
      maximum: Double(maximum) / 100, ticks: Self.percentTicks(maximumPercent: maximum)
    ).chart(
      id: "fig-dekning", title: "Svarandel per sektor i \(latest.description)",
      lead: "Stolpediagram over andelen ledere som svarte i \(latest.description).")
    let table = HTMLTable(
      id: "tab-dekning", caption: "Dekning per sektor i \(latest.description)",
      columns: [
        "Gruppe", "Registrerte virksomheter", "Virksomheter som svarte", "Ledere i registeret",
        "Ledere som svarte", "Svarandel",
      ],
      rows: current.map { row in
        HTMLTable.Row(
          headers: [groupName(row.cell)],
          cells: [
            .number(ReportFormat.integer(row.agenciesRegistered)),
            .number(ReportFormat.integer(row.agenciesDelivered)),
            .number(ReportFormat.integer(row.leaders)),
            .number(ReportFormat.integer(row.respondents)),
            .number(ReportFormat.percent(row.responseRate)),
          ], emphasized: row.cell.grouping == .national)
      })
    html += pair(
      figure: figure("Svarandel per sektor, \(latest.description)", [chart]), table: table.html())

    let periods = Array(Set(rows.map(\.cell.period))).sorted()
    if periods.count > 1 {
      html += "<h3>Alle perioder</h3>\n"
      let all = periods.flatMap { period in
        orderedGroups(rows.filter { $0.cell.period == period }.map(\.cell)).compactMap { group in
          rows.first { $0.cell == group }
        }
      }
      html += HTMLTable(
        id: "tab-dekning-perioder", caption: "Dekning per periode og sektor",
        columns: [
          "Periode", "Gruppe", "Registrerte virksomheter", "Virksomheter som svarte",
          "Ledere som svarte", "Svarandel",
        ],
        rows: all.map { row in
          HTMLTable.Row(
            headers: [row.cell.period.description, groupName(row.cell)],
            cells: [
              .number(ReportFormat.integer(row.agenciesRegistered)),
              .number(ReportFormat.integer(row.agenciesDelivered)),
              .number(ReportFormat.integer(row.respondents)),
              .number(ReportFormat.percent(row.responseRate)),
            ], emphasized: row.cell.grouping == .national)
        }
      ).html()
    }
    return html + "</section>\n"
  }
}
