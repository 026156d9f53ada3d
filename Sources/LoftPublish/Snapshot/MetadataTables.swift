import LoftAggregate
import LoftCore

/// The snapshot's own tables: `_manifest`, `_inputs`, `_model`, `_agencies`, `_courses`,
/// `_periods`, `_suppression` and `_tables`.
package enum MetadataTables {
  package static func manifest(_ entries: [(key: String, value: String)]) -> Table {
    Table(
      name: "_manifest", nb: "Om øyeblikksbildet: versjoner, definisjon, dato, modell, k",
      en: "About the snapshot: versions, definition, date, model, k",
      columns: [
        Column("key", .text, key: true, nb: "Nøkkel", en: "Key"),
        Column("value", .text, nb: "Verdi", en: "Value"),
      ],
      rows: entries.sorted { $0.key < $1.key }.map { [.text($0.key), .text($0.value)] })
  }

  package static func inputs(_ files: [InputFile]) -> Table {
    @Sendable func text(_ value: String?) -> Value { value.map(Value.text) ?? .null }
    return Table(
      name: "_inputs", nb: "Hver fil i innboksen og hva som ble av den",
      en: "Every file in the inbox and what became of it",
      columns: [
        Column("path", .text, key: true, nb: "Sti under innboksen", en: "Path below the inbox"),
        Column("sha256", .text, nullable: true, nb: "SHA-256 av filen", en: "SHA-256 of the file"),
        Column("bytes", .integer, nb: "Størrelse i byte", en: "Size in bytes"),
        Column("kind", .text, nullable: true, nb: "Kildetype", en: "Source kind"),
        Column("format", .text, nullable: true, nb: "Format", en: "Format"),
        Column(
          "dialect", .text, nullable: true, nb: "Dialekt (format;tegnsett;linjeslutt;skilletegn)",
          en: "Dialect (format;encoding;line ending;delimiter)"),
        Column(
          "status", .text, nb: "read, quarantined, duplicate_file eller unmatched",
          en: "read, quarantined, duplicate_file or unmatched"),
        Column("reason", .text, nullable: true, nb: "Karantenegrunn", en: "Quarantine reason"),
        Column("rows_read", .integer, nb: "Poster lest", en: "Records read"),
        Column("rows_accepted", .integer, nb: "Poster godtatt", en: "Records accepted"),
        Column("rows_rejected", .integer, nb: "Poster avvist", en: "Records rejected"),
        Column(
          "rows_duplicate", .integer, nb: "Poster som var duplikater", en: "Duplicate records"),
      ],
      // Made row by row when the table is written, on the worker that writes it.
      rowCount: files.count
    ) { index in
      let file = files[index]
      return [
        .text(file.path), text(file.sha256), .int(file.bytes), text(file.kind), text(file.format),
        text(file.dialect), .text(file.status.rawValue), text(file.reason?.rawValue),
        .int(file.rowsRead), .int(file.rowsAccepted), .int(file.rowsRejected),
        .int(file.rowsDuplicate),
      ]
    }
  }

  package static func model(_ model: Model) -> Table {
    var rows: [[Value]] = []
    let maturity = model.maturity
    let competence = model.competence
    for (position, item) in maturity.dimensions.enumerated() {
      rows.append(modelRow("dimension", item.code, position, item.nb, item.en, maturity.scale))
    }
    for (position, item) in competence.areas.enumerated() {
      rows.append(modelRow("area", item.code, position, item.nb, item.en, competence.scale))
    }
    for (position, step) in maturity.steps.enumerated() {
      rows.append(
        modelRow("maturity_step", String(step.value), position, step.nb, step.en, maturity.scale))
    }
    for (position, step) in competence.steps.enumerated() {
      rows.append(
        modelRow(
          "competence_step", String(step.value), position, step.nb, step.en, competence.scale))
    }
    return Table(
      name: "_model", nb: "Modellen: dimensjoner, områder og trinn med navn og skala",
      en: "The model: dimensions, areas and steps with names and scale",
      columns: [
        Column(
          "kind", .text, key: true, nb: "dimension, area, maturity_step eller competence_step",
          en: "dimension, area, maturity_step or competence_step"),
        Column(
          "code", .text, key: true, nb: "Kode, eller trinnets nummer",
          en: "Code, or the step's number"),
        Column("position", .integer, nb: "Rekkefølge i modellen", en: "Order in the model"),
        Column("nb", .text, nb: "Navn på norsk (bokmål)", en: "Name in Norwegian (Bokmål)"),
        Column("en", .text, nb: "Navn på engelsk", en: "Name in English"),
        Column("scale_min", .integer, nb: "Skalaens minste verdi", en: "The scale's lowest value"),
        Column(
          "scale_max", .integer, nb: "Skalaens største verdi", en: "The scale's highest value"),
      ],
      rows: rows.sorted { lhs, rhs in
        if lhs[0] != rhs[0], case .text(let a) = lhs[0], case .text(let b) = rhs[0] { return a < b }
        if case .text(let a) = lhs[1], case .text(let b) = rhs[1] { return a < b }
        return false
      })
  }

  private static func modelRow(
    _ kind: String, _ code: String, _ position: Int, _ nb: String, _ en: String,
    _ scale: Model.Scale
  ) -> [Value] {
    [
      .text(kind), .text(code), .int(position), .text(nb), .text(en), .int(scale.min),
      .int(scale.max),
    ]
  }

  package static func agencies(_ register: Register) -> Table {
    Table(
      name: "_agencies", nb: "Registeret over virksomheter som ble brukt",
      en: "The register of agencies used",
      columns: [
        Column("org_number", .text, key: true, nb: "Organisasjonsnummer", en: "Org number"),
        Column("name", .text, nb: "Navn", en: "Name"),
        Column("sector", .text, nb: "Sektor", en: "Sector"),
        Column(
          "county", .text, nb: "Fylkesnummer (tomt for statlige virksomheter uten fylke)",
          en: "County number (empty for national state agencies)"),
        Column(
          "size_class", .text, nb: "Størrelsesklasse S, M eller L", en: "Size class S, M or L"),
        Column("leader_count", .integer, nb: "Antall ledere", en: "Number of leaders"),
      ],
      rows: register.agencies.map { agency in
        [
          .text(agency.orgNumber.digits), .text(agency.name), .text(agency.sector.rawValue),
          .text(agency.county), .text(agency.sizeClass.rawValue), .int(agency.leaderCount),
        ]
      })
  }

  package static func courses(_ catalogue: Catalogue) -> Table {
    Table(
      name: "_courses", nb: "Kurskatalogen som ble brukt", en: "The course catalogue used",
      columns: [
        Column("course_id", .text, key: true, nb: "Kurs-ID", en: "Course id"),
        Column("title", .text, nb: "Tittel", en: "Title"),
        Column("provider", .text, nb: "Tilbyder", en: "Provider"),
        Column("license", .text, nb: "Lisens", en: "License"),
        Column(
          "areas", .text, nb: "Kompetanseområder, skilt med |",
          en: "Competence areas, separated by |"),
        Column(
          "minutes", .integer, nullable: true, nb: "Omfang i minutter", en: "Length in minutes"),
        Column("xapi_activity_id", .text, nb: "xAPI-aktivitets-ID", en: "xAPI activity id"),
      ],
      rows: catalogue.courses.map { course in
        [
          .text(course.id), .text(course.title), .text(course.provider), .text(course.license),
          .text(course.areas.joined(separator: "|")), course.minutes.map(Value.int) ?? .null,
          .text(course.xapiActivityID),
        ]
      })
  }

  package static func periods(_ periods: [Period], asOf: Day) -> Table {
    Table(
      name: "_periods", nb: "Periodene i øyeblikksbildet", en: "The periods in the snapshot",
      columns: [
        Column("period", .text, key: true, nb: "Periode", en: "Period"),
        Column("start", .text, nb: "Første dag", en: "First day"),
        Column("end", .text, nb: "Siste dag", en: "Last day"),
        Column(
          "closed", .integer, nb: "1 når perioden sluttet før kjøringsdatoen",
          en: "1 when the period ended before the as-of date"),
      ],
      rows: periods.map { period in
        [
          .text(period.description), .text(period.start.description), .text(period.end.description),
          .int(period.end < asOf ? 1 : 0),
        ]
      })
  }

  package static func suppression(_ entries: [SuppressionEntry]) -> Table {
    Table(
      name: "_suppression", nb: "Hver skjulte celle og hvorfor",
      en: "Every suppressed cell and why",
      columns: [
        Column("table", .text, key: true, nb: "Tabell", en: "Table"),
        Column("period", .text, key: true, nb: "Periode", en: "Period"),
        Column("grouping", .text, key: true, nb: "Gruppering", en: "Grouping"),
        Column("group_key", .text, key: true, nb: "Gruppe", en: "Group"),
        Column(
          "item", .text, key: true, nb: "Dimensjon, område eller kurs; tom for reach",
          en: "Dimension, area or course; empty for reach"),
        Column(
          "reason", .text, nb: "primary, secondary eller weighted",
          en: "primary, secondary or weighted"),
      ],
      // Made row by row when the table is written, on the worker that writes it.
      rowCount: entries.count
    ) { index in
      let entry = entries[index]
      return [
        .text(entry.table), .text(entry.cell.period.description),
        .text(entry.cell.grouping.rawValue), .text(entry.cell.groupKey), .text(entry.item),
        .text(entry.reason),
      ]
    }
  }

  /// `_tables`: every table, and every column of it, described in Norwegian and English.
  package static func descriptions(of tables: [Table]) -> Table {
    var rows: [[Value]] = []
    var all = tables
    let placeholder = Table(
      name: "_tables", nb: "Beskrivelse av hver tabell og kolonne",
      en: "Every table and column described", columns: describingColumns)
    all.append(placeholder)
    for table in all {
      rows.append([.text(table.name), .text(""), .text("table"), .text(table.nb), .text(table.en)])
      for column in table.columns {
        rows.append([
          .text(table.name), .text(column.name), .text(column.type.rawValue), .text(column.nb),
          .text(column.en),
        ])
      }
    }
    return Table(
      name: placeholder.name, nb: placeholder.nb, en: placeholder.en, columns: placeholder.columns,
      rows: rows)
  }

  private static let describingColumns = [
    Column("table", .text, key: true, nb: "Tabell", en: "Table"),
    Column(
      "column", .text, key: true, nb: "Kolonne; tom for tabellen selv",
      en: "Column; empty for the table itself"),
    Column(
      "type", .text, nb: "Lagringstype (table for tabellen selv)",
      en: "Storage type (table for the table itself)"),
    Column("nb", .text, nb: "Beskrivelse på norsk", en: "Description in Norwegian"),
    Column("en", .text, nb: "Beskrivelse på engelsk", en: "Description in English"),
  ]
}
