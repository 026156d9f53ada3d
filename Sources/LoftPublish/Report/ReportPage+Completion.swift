import LoftAggregate
import LoftCore

extension ReportPage {
  /// Reach by sector and completion per course in the latest period, each as a chart and a
  /// table, then every period in tables.
  func completionSection() -> String {
    var html = sectionStart("gjennomforing")
    let reach = tables.reach.filter { isSummary($0.cell) }
    let courses = tables.courseCompletion.filter { $0.cell.grouping == .national }
    guard let latest = (reach.map(\.cell.period) + courses.map(\.cell.period)).max() else {
      return html + paragraph("Ingen godkjente kursdata.") + "</section>\n"
    }
    html += paragraph(
      "Kurs i den felles katalogen over åpne læringsressurser. En påmelding hører til perioden den ble "
        + "gjort i; tallene for \(latest.description) gjelder påmeldinger i \(latest.description).")

    html += "<h3>Rekkevidde</h3>\n"
    let currentReach = orderedGroups(reach.filter { $0.cell.period == latest }.map(\.cell))
      .compactMap { group in
        reach.first { $0.cell == group }
      }
    if currentReach.isEmpty {
      html += paragraph("Ingen kursdata for \(latest.description).")
    } else {
      html += paragraph(
        "Andelen av lederne i virksomhetene som leverte kursdata, som har fullført minst ett kurs.")
      let maximum = Self.niceMaximumPercent(currentReach.compactMap(\.reach))
      let chart = BarChart(
        bars: currentReach.map { row in
          BarChart.Bar(
            label: groupName(row.cell), value: row.reach,
            valueText: chartText(
              row.reach, suppressed: row.suppressed != nil, format: Self.percent),
            emphasized: row.cell.grouping == .national)
        },
        maximum: Double(maximum) / 100, ticks: Self.percentTicks(maximumPercent: maximum)
      ).chart(
        id: "fig-rekkevidde", title: "Rekkevidde per sektor i \(latest.description)",
        lead: "Stolpediagram over andelen ledere med minst ett fullført kurs.")
      let table = HTMLTable(
        id: "tab-rekkevidde", caption: "Rekkevidde per sektor, \(latest.description)",
        columns: ["Gruppe", "Ledere", "Deltakere", "Fullført minst ett kurs", "Rekkevidde"],
        rows: currentReach.map(reachRow))
      html += pair(
        figure: figure("Rekkevidde per sektor, \(latest.description)", [chart]), table: table.html()
      )
    }

    html += "<h3>Gjennomføring per kurs</h3>\n"
    let currentCourses = courses.filter { $0.cell.period == latest }
      .sorted { $0.courseID.utf8.lexicographicallyPrecedes($1.courseID.utf8) }
    if currentCourses.isEmpty {
      html += paragraph("Ingen kurspåmeldinger i \(latest.description).")
    } else {
      html += paragraph(
        "Andelen deltakere i hele landet som har fullført kurset. Kurs med \(fewerThanK) deltakere "
          + "vises uten andel («:»).")
      let chart = BarChart(
        bars: currentCourses.map { row in
          BarChart.Bar(
            label: courseName(row.courseID), value: row.completionRate,
            valueText: chartText(
              row.completionRate, suppressed: row.suppressed != nil, format: Self.percent))
        },
        maximum: 1, ticks: Self.percentTicks(maximumPercent: 100)
      ).chart(
        id: "fig-kurs", title: "Andel fullført per kurs, hele landet, \(latest.description)",
        lead: "Stolpediagram over andelen deltakere som fullførte.")
      let table = HTMLTable(
        id: "tab-kurs", caption: "Gjennomføring per kurs, hele landet, \(latest.description)",
        columns: [
          "Kurs", "Deltakere", "Fullført", "Andel fullført", "95\u{00A0}% konfidensintervall",
          "Median dager til fullført",
        ],
        rows: currentCourses.map { row in
          let hidden = row.suppressed != nil
          var interval = HTMLTable.Cell.missing
          if let low = row.ci95Low, let high = row.ci95High {
            interval = .number("\(ReportFormat.percent(low))–\(ReportFormat.percent(high))")
          } else if hidden {
            interval = .suppressed
          }
          return HTMLTable.Row(
            headers: [courseName(row.courseID)],
            cells: [
              .number(ReportFormat.integer(row.learners)),
              row.completed.map { .number(ReportFormat.integer($0)) }
                ?? (hidden ? .suppressed : .missing),
              cell(row.completionRate, suppressed: hidden, format: Self.percent),
              interval,
              cell(row.medianDaysToComplete, suppressed: hidden) {
                ReportFormat.decimal($0, digits: 1)
              },
            ])
        })
      html += pair(
        figure: figure("Andel fullført per kurs, \(latest.description)", [chart]),
        table: table.html())
    }

    let reachPeriods = Array(Set(reach.map(\.cell.period))).sorted()
    let coursePeriods = Array(Set(courses.map(\.cell.period))).sorted()
    if reachPeriods.count > 1 || coursePeriods.count > 1 {
      html += "<h3>Alle perioder</h3>\n"
    }
    if reachPeriods.count > 1 {
      let all = reachPeriods.flatMap { period in
        orderedGroups(reach.filter { $0.cell.period == period }.map(\.cell)).compactMap { group in
          reach.first { $0.cell == group }
        }
      }
      html += HTMLTable(
        id: "tab-rekkevidde-perioder", caption: "Rekkevidde per periode og sektor",
        columns: [
          "Periode", "Gruppe", "Ledere", "Deltakere", "Fullført minst ett kurs", "Rekkevidde",
        ],
        rows: all.map { row in
          var tableRow = reachRow(row)
          tableRow.headers.insert(row.cell.period.description, at: 0)
          return tableRow
        }
      ).html()
    }
    if coursePeriods.count > 1 {
      let ids = Array(Set(courses.map(\.courseID))).sorted {
        $0.utf8.lexicographicallyPrecedes($1.utf8)
      }
      html += HTMLTable(
        id: "tab-kurs-perioder", caption: "Andel fullført per kurs og periode, hele landet",
        columns: ["Kurs"] + coursePeriods.map(\.description),
        rows: ids.map { id in
          HTMLTable.Row(
            headers: [courseName(id)],
            cells: coursePeriods.map { period in
              let row = courses.first { $0.cell.period == period && $0.courseID == id }
              return cell(
                row?.completionRate, suppressed: row?.suppressed != nil, format: Self.percent)
            })
        },
        note: "Antall deltakere per kurs og periode står i summary/course_completion.csv."
      ).html()
    }
    return html + "</section>\n"
  }

  private func reachRow(_ row: ReachRow) -> HTMLTable.Row {
    let hidden = row.suppressed != nil
    return HTMLTable.Row(
      headers: [groupName(row.cell)],
      cells: [
        .number(ReportFormat.integer(row.leaders)),
        .number(ReportFormat.integer(row.learners)),
        row.completers.map { .number(ReportFormat.integer($0)) }
          ?? (hidden ? .suppressed : .missing),
        cell(row.reach, suppressed: hidden, format: Self.percent),
      ], emphasized: row.cell.grouping == .national)
  }
}
