import LoftAggregate
import LoftCore

extension ReportPage {
  /// The model's dimensions and `overall`, as (code, Norwegian name).
  var maturityItems: [(code: String, name: String)] {
    model.maturity.dimensions.map { ($0.code, $0.nb) } + [("overall", "Samlet")]
  }

  /// Mean maturity by sector and dimension: a chart per dimension and a table for the latest
  /// period, the spread for the whole country, and every period in a table.
  func maturitySection() -> String {
    var html = sectionStart("modenhet")
    let rows = tables.maturity.filter { isSummary($0.cell) }
    guard let latest = rows.map(\.cell.period).max() else {
      return html + paragraph("Ingen godkjente vurderinger.") + "</section>\n"
    }
    let scale = model.maturity.scale
    let from = model.maturity.transformationFrom
    html += paragraph(
      "Gjennomsnittlig generasjon på modenhetstrappen (\(scale.min)–\(scale.max)) i \(latest.description), "
        + "per dimensjon og sektor. Den stiplede linjen viser generasjon \(from), der digital transformasjon begynner."
    )
    let groups = orderedGroups(rows.filter { $0.cell.period == latest }.map(\.cell))
    let row = { (group: CellKey, item: String) in
      rows.first { $0.cell == group && $0.dimension == item }
    }

    var charts: [SVGChart] = []
    for (index, item) in maturityItems.enumerated() {
      let bars = groups.map { group in
        let found = row(group, item.code)
        return BarChart.Bar(
          label: groupName(group), value: found?.mean,
          valueText: chartText(
            found?.mean, suppressed: found?.suppressed != nil, format: Self.decimal),
          emphasized: group.grouping == .national)
      }
      charts.append(
        BarChart(
          bars: bars, maximum: Double(scale.max),
          ticks: (0...scale.max).map { BarChart.Tick(value: Double($0), label: String($0)) },
          reference: BarChart.Reference(value: Double(from), label: "Transformasjon (\(from))"),
          heading: item.name
        ).chart(
          id: "fig-modenhet-\(index + 1)",
          title: "\(item.name): gjennomsnittlig generasjon per sektor i \(latest.description)",
          lead: "Stolpediagram, skala 0 til \(scale.max)."))
    }
    let figureHTML = figure(
      "Gjennomsnittlig generasjon per dimensjon og sektor, \(latest.description)", charts)

    var tableRows: [HTMLTable.Row] = []
    for group in groups {
      var cells: [HTMLTable.Cell] = [
        .number(row(group, "overall").map { ReportFormat.integer($0.n) })
      ]
      for item in maturityItems {
        let found = row(group, item.code)
        cells.append(cell(found?.mean, suppressed: found?.suppressed != nil, format: Self.decimal))
      }
      tableRows.append(
        HTMLTable.Row(
          headers: [groupName(group)], cells: cells, emphasized: group.grouping == .national))
    }
    let table = HTMLTable(
      id: "tab-modenhet",
      caption: "Gjennomsnittlig generasjon per dimensjon og sektor, \(latest.description)",
      columns: ["Gruppe", "Ledere som svarte"] + maturityItems.map(\.name), rows: tableRows)
    html += figureHTML + table.html()

    html += spreadTable(rows: rows, period: latest)

    let periods = Array(Set(rows.map(\.cell.period))).sorted()
    if periods.count > 1 {
      html += "<h3>Alle perioder</h3>\n"
      var all: [HTMLTable.Row] = []
      for period in periods {
        for group in orderedGroups(rows.filter { $0.cell.period == period }.map(\.cell)) {
          let cells = maturityItems.map { item -> HTMLTable.Cell in
            let found = rows.first { $0.cell == group && $0.dimension == item.code }
            return cell(found?.mean, suppressed: found?.suppressed != nil, format: Self.decimal)
          }
          all.append(
            HTMLTable.Row(
              headers: [period.description, groupName(group)], cells: cells,
              emphasized: group.grouping == .national))
        }
      }
      html += HTMLTable(
        id: "tab-modenhet-perioder",
        caption: "Gjennomsnittlig generasjon per periode, sektor og dimensjon",
        columns: ["Periode", "Gruppe"] + maturityItems.map(\.name), rows: all
      ).html()
    }
    return html + "</section>\n"
  }

  /// The whole country's spread and uncertainty per dimension in one period.
  private func spreadTable(rows: [MaturityRow], period: Period) -> String {
    let national = rows.filter { $0.cell.period == period && $0.cell.grouping == .national }
    guard !national.isEmpty else { return "" }
    var html = "<h3>Spredning og usikkerhet, hele landet</h3>\n"
    html += paragraph(
      "Konfidensintervallet sier hvor sikkert snittet er. Kvartilene er generasjonen som en firedel "
        + "av lederne er under og over. Det vektede snittet veier hver virksomhet etter antall ledere, "
        + "slik at virksomheter der mange svarte ikke teller mer enn de er store.")
    var tableRows: [HTMLTable.Row] = []
    for item in maturityItems {
      guard let row = national.first(where: { $0.dimension == item.code }) else { continue }
      let hidden = row.suppressed != nil
      let interval = { (low: Double?, high: Double?) -> HTMLTable.Cell in
        if let low, let high {
          return .number("\(ReportFormat.decimal(low))–\(ReportFormat.decimal(high))")
        }
        return hidden ? .suppressed : .missing
      }
      tableRows.append(
        HTMLTable.Row(
          headers: [item.name],
          cells: [
            .number(ReportFormat.integer(row.n)),
            cell(row.mean, suppressed: hidden, format: Self.decimal),
            interval(row.ci95Low, row.ci95High),
            cell(row.median, suppressed: hidden, format: Self.decimal),
            interval(row.p25, row.p75),
            cell(row.shareTransforming, suppressed: hidden, format: Self.percent),
            cell(
              row.weightedMean, suppressed: hidden || row.weightedMeanWithheld, format: Self.decimal
            ),
          ], emphasized: item.code == "overall"))
    }
    html += HTMLTable(
      id: "tab-modenhet-spredning",
      caption:
        "Modenhet i hele landet, \(period.description): snitt, spredning og andel i transformasjon",
      columns: [
        "Dimensjon", "Ledere som svarte", "Snitt", "95\u{00A0}% konfidensintervall", "Median",
        "Kvartiler (25–75\u{00A0}%)",
        "Andel på generasjon \(model.maturity.transformationFrom) eller høyere", "Vektet snitt",
      ],
      rows: tableRows
    ).html()
    return html
  }

  /// How the whole country's leaders spread over the generations: a small chart per dimension
  /// and a table for the latest period, the share in transformation for every period.
  func stageSection() -> String {
    var html = sectionStart("generasjoner")
    let rows = tables.maturityStage.filter { $0.cell.grouping == .national }
    guard let latest = rows.map(\.cell.period).max() else {
      return html + paragraph("Ingen godkjente vurderinger.") + "</section>\n"
    }
    let steps = model.maturity.steps.sorted { $0.value < $1.value }
    let from = model.maturity.transformationFrom
    html += paragraph(
      "Andelen ledere i hele landet som plasserer virksomheten på hver generasjon, i \(latest.description). "
        + "De mørke søylene er generasjon \(from) og høyere, som regnes som digital transformasjon."
    )
    html += "<p>Generasjonene på modenhetstrappen:</p>\n<ol class=\"steps\">\n"
    for step in steps {
      html += "<li value=\"\(step.value)\">\(ReportFormat.escape(step.nb))</li>\n"
    }
    html += "</ol>\n"

    let current = rows.filter { $0.cell.period == latest }
    let share = { (dimension: String, stage: Int) in
      current.first { $0.dimension == dimension && $0.stage == stage }
    }
    let maximum = Self.niceMaximumPercent(current.compactMap(\.share))
    var charts: [SVGChart] = []
    let firstInBracket = steps.firstIndex { $0.value >= from }
    for (index, dimension) in model.maturity.dimensions.enumerated() {
      let columns = steps.map { step in
        let row = share(dimension.code, step.value)
        return ColumnChart.Column(
          label: String(step.value), value: row?.share,
          valueText: row?.share.map(Self.percent) ?? (row?.suppressed != nil ? ":" : "."),
          emphasized: step.value >= from)
      }
      charts.append(
        ColumnChart(
          columns: columns, maximum: Double(maximum) / 100,
          ticks: Self.percentTicks(maximumPercent: maximum).enumerated().filter {
            $0.offset % 2 == 0
          }.map(\.element),
          axisTitle: "Generasjon",
          bracket: firstInBracket.map {
            ColumnChart.Bracket(from: $0, through: steps.count - 1, label: "transformasjon")
          },
          heading: dimension.nb
        ).chart(
          id: "fig-generasjoner-\(index + 1)",
          title: "\(dimension.nb): andel ledere per generasjon i \(latest.description)",
          lead: "Søylediagram, andel av lederne som svarte, per generasjon."))
    }
    let figureHTML = figure(
      "Andel ledere per generasjon, hele landet, \(latest.description)", charts)

    var tableRows: [HTMLTable.Row] = []
    for dimension in model.maturity.dimensions {
      let n = tables.maturity.first {
        $0.cell.period == latest && $0.cell.grouping == .national && $0.dimension == dimension.code
      }?.n
      var cells: [HTMLTable.Cell] = [.number(n.map(ReportFormat.integer))]
      for step in steps {
        let row = share(dimension.code, step.value)
        cells.append(cell(row?.share, suppressed: row?.suppressed != nil, format: Self.percent))
      }
      tableRows.append(HTMLTable.Row(headers: [dimension.nb], cells: cells))
    }
    let table = HTMLTable(
      id: "tab-generasjoner",
      caption: "Andel ledere per generasjon, hele landet, \(latest.description)",
      columns: ["Dimensjon", "Ledere som svarte"] + steps.map { "Generasjon \($0.value)" },
      rows: tableRows)
    html += figureHTML + table.html()

    let maturity = tables.maturity.filter { $0.cell.grouping == .national }
    let periods = Array(Set(maturity.map(\.cell.period))).sorted()
    if periods.count > 1 {
      html += "<h3>Andel i transformasjon over tid</h3>\n"
      let all = maturityItems.map { item in
        HTMLTable.Row(
          headers: [item.name],
          cells: periods.map { period in
            let row = maturity.first { $0.cell.period == period && $0.dimension == item.code }
            return cell(
              row?.shareTransforming, suppressed: row?.suppressed != nil, format: Self.percent)
          }, emphasized: item.code == "overall")
      }
      html += HTMLTable(
        id: "tab-generasjoner-perioder",
        caption: "Andel ledere på generasjon \(from) eller høyere, hele landet, per periode",
        columns: ["Dimensjon"] + periods.map(\.description), rows: all
      ).html()
    }
    return html + "</section>\n"
  }
}
