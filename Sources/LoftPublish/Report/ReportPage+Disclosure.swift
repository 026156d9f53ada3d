import LoftAggregate
import LoftCore

extension ReportPage {
  /// How many cells were suppressed, per table and reason.
  func suppressionSection() -> String {
    var html = sectionStart("skjulte-celler")
    html += paragraph(
      "Ingen enkeltleder skal kunne kjennes igjen. Tall bygget på \(fewerThanK) personer skjules "
        + "(primær skjuling). Flere tall skjules der det trengs for at et skjult tall ikke kan regnes ut "
        + "ved å trekke publiserte tall fra hverandre (sekundær skjuling). Et vektet snitt holdes "
        + "tilbake når det ville avsløre en skjult celle. Antallet svar i en skjult celle vises likevel. "
        + "Tellingen gjelder alle grupperinger i øyeblikksbildet, også fylker, størrelsesklasser, roller "
        + "og enkeltvirksomheter, som ikke vises i denne rapporten.")
    let entries = tables.suppression
    guard !entries.isEmpty else {
      return html + paragraph("Ingen tall er skjult.") + "</section>\n"
    }

    // Tables in the order they are published, reasons in a fixed order; anything else after,
    // bytewise, so the page never depends on hashing order.
    let published = rendered.map(\.name)
    let names = Array(Set(entries.map(\.table))).sorted { a, b in
      let rankA = published.firstIndex(of: a) ?? published.count
      let rankB = published.firstIndex(of: b) ?? published.count
      return rankA != rankB ? rankA < rankB : a.utf8.lexicographicallyPrecedes(b.utf8)
    }
    let known = ["primary", "secondary", "weighted"]
    let present = Set(entries.map(\.reason))
    let reasons =
      ["primary", "secondary"] + (present.contains("weighted") ? ["weighted"] : [])
      + present.subtracting(known).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var rows: [HTMLTable.Row] = []
    for table in names {
      let ofTable = entries.filter { $0.table == table }
      rows.append(
        HTMLTable.Row(
          headers: [tableName(table)],
          cells: reasons.map { reason in
            .number(ReportFormat.integer(ofTable.count { $0.reason == reason }))
          } + [.number(ReportFormat.integer(ofTable.count))]))
    }
    rows.append(
      HTMLTable.Row(
        headers: ["I alt"],
        cells: reasons.map { reason in
          .number(ReportFormat.integer(entries.count { $0.reason == reason }))
        }
          + [.number(ReportFormat.integer(entries.count))], emphasized: true))
    html += HTMLTable(
      id: "tab-skjulte", caption: "Antall skjulte celler per tabell og grunn",
      columns: ["Tabell"] + reasons.map(reasonName) + ["I alt"], rows: rows
    ).html()
    return html + "</section>\n"
  }

  /// Which deliveries could not be used, and why.
  func quarantineSection() -> String {
    var html = sectionStart("karantene")
    let count = { (status: InputFile.Status) in self.inputs.count { $0.status == status } }
    html += paragraph(
      "Filer i innboksen: \(ReportFormat.integer(inputs.count)). Lest: \(ReportFormat.integer(count(.read))), "
        + "i karantene: \(ReportFormat.integer(count(.quarantined))), "
        + "kopi av en fil som alt er lest: \(ReportFormat.integer(count(.duplicateFile))), "
        + "ikke en kjent filtype: \(ReportFormat.integer(count(.unmatched))).")
    let quarantined = inputs.filter { $0.status == .quarantined }
      .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    guard !quarantined.isEmpty else {
      return html + paragraph("Ingen leveranser ble satt i karantene.") + "</section>\n"
    }
    html += paragraph(
      "En fil i karantene er ikke brukt i tallene. Virksomheten må rette filen og levere den på nytt; "
        + "kjøringsrapporten sier nøyaktig hva som var galt.")
    let e = ReportFormat.escape
    html += HTMLTable(
      id: "tab-karantene",
      caption: "Leveranser i karantene (\(ReportFormat.integer(quarantined.count)))",
      columns: ["Fil", "Grunn", "Kode", "Detaljer"],
      rows: quarantined.map { file in
        HTMLTable.Row(
          headers: [file.path],
          cells: [
            .text(file.reason.map(quarantineReasonName) ?? "Ukjent"),
            // A line break may fall after an underscore, never inside a word.
            file.reason.map {
              .markup(
                "<code>\(e($0.rawValue).replacingOccurrences(of: "_", with: "_<wbr>"))</code>")
            } ?? .missing,
            // The run's details are in English: marked so, a screen reader pronounces them right.
            file.detail.map { .markup("<span lang=\"en\">\(e($0))</span>") } ?? .missing,
          ])
      }
    ).html()
    return html + "</section>\n"
  }

  /// A published table's name in Norwegian.
  func tableName(_ name: String) -> String {
    switch name {
    case "maturity": return "Modenhet"
    case "maturity_stage": return "Fordeling på generasjoner"
    case "competence_gap": return "Kompetansegap"
    case "course_completion": return "Gjennomføring per kurs"
    case "reach": return "Rekkevidde"
    case "coverage": return "Dekning"
    case "agency_benchmark": return "Virksomhetssammenligning"
    default: return rendered.first { $0.name == name }?.nb ?? name
    }
  }

  func reasonName(_ reason: String) -> String {
    switch reason {
    case "primary": return "Primær (\(fewerThanK))"
    case "secondary": return "Sekundær (vern av andre celler)"
    case "weighted": return "Vektet snitt holdt tilbake"
    default: return reason
    }
  }

  func quarantineReasonName(_ reason: QuarantineReason) -> String {
    switch reason {
    case .unsupportedCompression: return "Komprimering som ikke støttes (bruk zstd eller ingen)"
    case .corruptCompression: return "Ødelagt komprimert fil"
    case .badEncoding: return "Ukjent tegnkoding (ikke UTF-8, UTF-16 eller Windows-1252)"
    case .noHeader: return "Tom fil eller mangler overskriftsrad"
    case .missingColumn: return "Mangler en påkrevd kolonne"
    case .ambiguousColumn: return "To kolonner betyr det samme"
    case .badJSON: return "Ugyldig JSON"
    case .unknownAgencyFolder: return "Mappen er ikke en kjent virksomhet"
    case .unreadable: return "Kunne ikke leses"
    case .limitExceeded: return "Over en størrelsesgrense"
    case .notARegularFile: return "Ikke en vanlig fil"
    case .changedDuringRead: return "Endret mens den ble lest"
    case .rejectRate: return "For mange feil rader"
    }
  }
}
