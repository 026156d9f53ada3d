import LoftAggregate
import LoftCore

extension ReportPage {
  /// The latest period's headline numbers for the whole country, with the period before.
  func keyFiguresSection() -> String {
    var html = sectionStart("hovedtall")
    guard let latest = tables.periods.max() else {
      return html + paragraph("Ingen svar eller kursdata er godkjent ennå.") + "</section>\n"
    }
    let previous = tables.periods.filter { $0 < latest }.max()
    html += paragraph(
      "Hele landet i \(latest.description)\(isOpen(latest) ? " (perioden pågår)" : "").")
    var figures: [(label: String, value: String, detail: String)] = []

    if let row = tables.coverage.first(where: {
      $0.cell.period == latest && $0.cell.grouping == .national
    }) {
      figures.append(
        (
          "Ledere som svarte", ReportFormat.integer(row.respondents),
          "\(ReportFormat.percent(row.responseRate)) av \(ReportFormat.integer(row.leaders)) ledere i registeret"
        ))
      figures.append(
        (
          "Virksomheter som svarte", ReportFormat.integer(row.agenciesDelivered),
          "av \(ReportFormat.integer(row.agenciesRegistered)) registrerte virksomheter"
        ))
    }
    let overall = { (period: Period?) in
      self.tables.maturity.first {
        $0.cell.period == period && $0.cell.grouping == .national && $0.dimension == "overall"
      }
    }
    if let row = overall(latest) {
      var detail =
        "gjennomsnittlig generasjon på trappen \(model.maturity.scale.min)–\(model.maturity.scale.max)"
      if let before = overall(previous)?.mean, let previous {
        detail += "; \(previous.description): \(ReportFormat.decimal(before))"
      }
      figures.append(("Digital modenhet", row.mean.map(Self.decimal) ?? ":", detail))
      var share = "på generasjon \(model.maturity.transformationFrom) eller høyere (samlet)"
      if let before = overall(previous)?.shareTransforming, let previous {
        share += "; \(previous.description): \(ReportFormat.percent(before))"
      }
      figures.append(
        ("I digital transformasjon", row.shareTransforming.map(Self.percent) ?? ":", share))
    }
    let gaps = model.competence.areas.compactMap { area -> (String, Double)? in
      guard
        let row = tables.competenceGap.first(where: {
          $0.cell.period == latest && $0.cell.grouping == .national && $0.area == area.code
        }), let gap = row.meanGap
      else { return nil }
      return (area.nb, gap)
    }
    // `max(by:)` keeps the first of equal gaps: ties go to the model's order.
    if let largest = gaps.max(by: { $0.1 < $1.1 }) {
      figures.append(
        (
          "Største kompetansegap", ReportFormat.decimal(largest.1),
          "\(largest.0): ønsket minus nåværende nivå (skala \(model.competence.scale.min)–\(model.competence.scale.max))"
        ))
    }
    let reach = { (period: Period?) in
      self.tables.reach.first { $0.cell.period == period && $0.cell.grouping == .national }
    }
    if let row = reach(latest) {
      var detail = "av lederne i virksomheter som leverte kursdata har fullført minst ett kurs"
      if let before = reach(previous)?.reach, let previous {
        detail += "; \(previous.description): \(ReportFormat.percent(before))"
      }
      figures.append(("Rekkevidde", row.reach.map(Self.percent) ?? ":", detail))
    }

    if figures.isEmpty {
      return html + paragraph("Ingen tall for \(latest.description).") + "</section>\n"
    }
    html += "<dl class=\"key-figures\">\n"
    for figure in figures {
      let e = ReportFormat.escape
      html += "<div><dt>\(e(figure.label))</dt><dd class=\"value\">\(e(figure.value))</dd>"
      html += "<dd class=\"detail\">\(e(figure.detail))</dd></div>\n"
    }
    return html + "</dl>\n</section>\n"
  }

  /// What the numbers mean, and how individuals are protected.
  func aboutSection() -> String {
    let e = ReportFormat.escape
    var html = sectionStart("om-tallene")
    html += "<dl class=\"terms\">\n"
    let terms: [(String, String)] = [
      (
        "Periode",
        "En vurdering hører til perioden den ble besvart i, og hver leder telles én gang per periode, med sitt siste svar. En kurspåmelding hører til perioden den ble gjort i."
      ),
      (
        "Modenhet",
        "Lederne plasserer virksomheten på modenhetstrappen (generasjon \(model.maturity.scale.min)–\(model.maturity.scale.max)) i hver dimensjon. «Samlet» er hver leders snitt over dimensjonene de svarte på. Generasjon \(model.maturity.transformationFrom) og høyere regnes som digital transformasjon."
      ),
      (
        "Kompetansegap",
        "Ønsket minus nåværende nivå på DigComp-skalaen (\(model.competence.scale.min)–\(model.competence.scale.max)), blant ledere som oppga begge."
      ),
      (
        "Rekkevidde",
        "Ledere med minst ett fullført kurs, delt på antall ledere i virksomhetene som leverte kursdata for perioden."
      ),
      (
        "Skjulte tall («:»)",
        "Ingen enkeltleder skal kunne kjennes igjen. Et tall bygget på \(fewerThanK) personer skjules (primær skjuling), og flere tall skjules der det trengs for at et skjult tall ikke kan regnes ut fra tall som er publisert (sekundær skjuling). Antallet svar vises likevel."
      ),
      (
        "Kilde",
        "Anonymiserte uttrekk levert av virksomhetene. Hele tabellene finnes i øyeblikksbildet (snapshot.sqlite.zst) og som CSV-filer i mappen summary."
      ),
    ]
    for term in terms {
      html += "<dt>\(e(term.0))</dt><dd>\(e(term.1))</dd>\n"
    }
    return html + "</dl>\n</section>\n"
  }
}
