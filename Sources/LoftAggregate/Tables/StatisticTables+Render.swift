import LoftCore

extension StatisticTables {
  /// The tables as published: schema, Norwegian and English descriptions, rows in key order.
  package func render() -> [Table] {
    [
      render(maturityTable, maturity) { row, key in
        [
          key.period, key.grouping, key.groupKey,
          .text(row.dimension), .int(row.n), .optional(row.mean), .optional(row.sd),
          .optional(row.ci95Low), .optional(row.ci95High), .optional(row.p25),
          .optional(row.median), .optional(row.p75), .optional(row.shareTransforming),
          .optional(row.weightedMean), suppressedValue(row.suppressed),
        ]
      },
      render(stageTable, maturityStage) { row, key in
        [
          key.period, key.grouping, key.groupKey,
          .text(row.dimension), .text(String(row.stage)), row.count.map(Value.int) ?? .null,
          .optional(row.share), suppressedValue(row.suppressed),
        ]
      },
      render(gapTable, competenceGap) { row, key in
        [
          key.period, key.grouping, key.groupKey,
          .text(row.area), .int(row.n), .optional(row.meanCurrent), .optional(row.meanTarget),
          .optional(row.meanGap), .optional(row.shareBelowTarget), suppressedValue(row.suppressed),
        ]
      },
      render(completionTable, courseCompletion) { row, key in
        [
          key.period, key.grouping, key.groupKey,
          .text(row.courseID), .int(row.learners), row.completed.map(Value.int) ?? .null,
          .optional(row.completionRate), .optional(row.ci95Low), .optional(row.ci95High),
          .optional(row.medianDaysToComplete), row.minutesTotal.map(Value.int) ?? .null,
          suppressedValue(row.suppressed),
        ]
      },
      render(reachTable, reach) { row, key in
        [
          key.period, key.grouping, key.groupKey,
          .int(row.leaders), .int(row.learners), row.completers.map(Value.int) ?? .null,
          .optional(row.reach), suppressedValue(row.suppressed),
        ]
      },
      render(coverageTable, coverage) { row, key in
        [
          key.period, key.grouping, key.groupKey,
          .int(row.agenciesRegistered), .int(row.agenciesDelivered), .int(row.respondents),
          .int(row.leaders), .real(row.responseRate),
        ]
      },
      {
        let rows = agencyBenchmark
        return benchmarkTable.withRows(count: rows.count) { index in
          let row = rows[index]
          return [
            .text(row.period.description), .text(row.orgNumber), .text(row.dimension),
            .text(row.name), .text(row.sector), .int(row.n), .real(row.mean),
            .real(row.percentileInSector),
          ]
        }
      }(),
    ]
  }

  /// A table whose row `i` is `values(rows[i], key)`, `key` being the row's cell as the values
  /// of the key columns: each row made as one array (a prefix and the rest, concatenated, took
  /// three).
  private func render<Row: Sendable & CellRow>(
    _ schema: Table, _ rows: [Row], values: @escaping @Sendable (Row, KeyValues) -> [Value]
  ) -> Table {
    schema.withRows(count: rows.count) { index in
      let row = rows[index]
      return values(row, KeyValues(row.cell))
    }
  }
}

/// A statistic row, of one cell.
private protocol CellRow {
  var cell: CellKey { get }
}

extension MaturityRow: CellRow {}
extension MaturityStageRow: CellRow {}
extension CompetenceGapRow: CellRow {}
extension CourseCompletionRow: CellRow {}
extension ReachRow: CellRow {}
extension CoverageRow: CellRow {}

/// A cell's key as the values of the key columns `period`, `grouping`, `group_key`.
private struct KeyValues {
  let period: Value
  let grouping: Value
  let groupKey: Value

  init(_ cell: CellKey) {
    period = .text(cell.period.description)
    grouping = .text(cell.grouping.rawValue)
    groupKey = .text(cell.groupKey)
  }
}

private func suppressedValue(_ value: Suppression?) -> Value {
  value.map { .text($0.rawValue) } ?? .null
}

// MARK: - Schemas

private let keyColumns = [
  Column(
    "period", .text, key: true, nb: "Periode (år, halvår eller kvartal)",
    en: "Period (year, half or quarter)"),
  Column(
    "grouping", .text, key: true,
    nb: "Gruppering: national, sector, county, size_class, role eller agency",
    en: "Grouping: national, sector, county, size_class, role or agency"),
  Column(
    "group_key", .text, key: true,
    nb:
      "Gruppe: sektor, fylkesnummer, størrelsesklasse, rolle eller organisasjonsnummer; tom for nasjonalt",
    en: "Group: sector, county number, size class, role or org number; empty for national"),
]
private let suppressedColumn = Column(
  "suppressed", .text, nullable: true,
  nb:
    "Skjult: primary (færre enn k bidragsytere) eller secondary (skjult for å beskytte andre celler); tom når publisert",
  en:
    "Suppressed: primary (fewer than k contributors) or secondary (hidden to protect other cells); empty when published"
)

private let maturityTable = Table(
  name: "maturity", nb: "Digital modenhet per dimensjon (generasjon på modenhetstrappen)",
  en: "Digital maturity per dimension (generation on the maturity staircase)",
  columns: keyColumns + [
    Column(
      "dimension", .text, key: true,
      nb: "Dimensjon, eller overall (respondentens snitt over besvarte dimensjoner)",
      en: "Dimension, or overall (the respondent's mean over the dimensions answered)"),
    Column("n", .integer, nb: "Antall respondenter", en: "Number of respondents"),
    Column("mean", .real, nullable: true, nb: "Gjennomsnitt", en: "Mean"),
    Column(
      "sd", .real, nullable: true, nb: "Standardavvik (utvalg, n−1)",
      en: "Standard deviation (sample, n−1)"),
    Column(
      "ci95_low", .real, nullable: true, nb: "95 % konfidensintervall, nedre (t-fordeling)",
      en: "95% confidence interval, lower (t distribution)"),
    Column(
      "ci95_high", .real, nullable: true, nb: "95 % konfidensintervall, øvre",
      en: "95% confidence interval, upper"),
    Column(
      "p25", .real, nullable: true, nb: "25-persentil (type 7)", en: "25th percentile (type 7)"),
    Column("median", .real, nullable: true, nb: "Median (type 7)", en: "Median (type 7)"),
    Column(
      "p75", .real, nullable: true, nb: "75-persentil (type 7)", en: "75th percentile (type 7)"),
    Column(
      "share_transforming", .real, nullable: true,
      nb: "Andel på eller over transformasjonsgenerasjonen",
      en: "Share at or above the transformation generation"),
    Column(
      "weighted_mean", .real, nullable: true,
      nb: "Snitt av virksomhetenes snitt, vektet med antall ledere",
      en: "Mean of agency means, weighted by leader count"),
    suppressedColumn,
  ])

private let stageTable = Table(
  name: "maturity_stage", nb: "Fordeling på generasjoner per dimensjon",
  en: "Distribution over generations per dimension",
  columns: keyColumns + [
    Column("dimension", .text, key: true, nb: "Dimensjon", en: "Dimension"),
    // Keys are TEXT (SPEC §4), the stage too: '1' … '6'.
    Column("stage", .text, key: true, nb: "Generasjon", en: "Generation"),
    Column(
      "count", .integer, nullable: true, nb: "Antall respondenter på generasjonen",
      en: "Respondents at the generation"),
    Column("share", .real, nullable: true, nb: "Andel av cellens n", en: "Share of the cell's n"),
    suppressedColumn,
  ])

private let gapTable = Table(
  name: "competence_gap", nb: "Kompetansegap per område: nåværende mot ønsket nivå",
  en: "Competence gap per area: current vs target level",
  columns: keyColumns + [
    Column("area", .text, key: true, nb: "Kompetanseområde", en: "Competence area"),
    Column(
      "n", .integer, nb: "Respondenter som oppga begge nivåer",
      en: "Respondents who gave both levels"),
    Column(
      "mean_current", .real, nullable: true, nb: "Gjennomsnittlig nåværende nivå",
      en: "Mean current level"),
    Column(
      "mean_target", .real, nullable: true, nb: "Gjennomsnittlig ønsket nivå",
      en: "Mean target level"),
    Column(
      "mean_gap", .real, nullable: true, nb: "Gjennomsnittlig gap (ønsket − nåværende)",
      en: "Mean gap (target − current)"),
    Column(
      "share_below_target", .real, nullable: true, nb: "Andel under ønsket nivå",
      en: "Share below target"),
    suppressedColumn,
  ])

private let completionTable = Table(
  name: "course_completion", nb: "Gjennomføring per kurs (påmeldingskull)",
  en: "Completion per course (enrolment cohorts)",
  columns: keyColumns + [
    Column("course_id", .text, key: true, nb: "Kurs", en: "Course"),
    Column(
      "learners", .integer, nb: "Deltakere med påmelding i perioden",
      en: "Learners with an enrolment in the period"),
    Column("completed", .integer, nullable: true, nb: "Av dem: fullført", en: "Of them: completed"),
    Column("completion_rate", .real, nullable: true, nb: "Andel fullført", en: "Completion rate"),
    Column(
      "ci95_low", .real, nullable: true, nb: "95 % Wilson-intervall, nedre",
      en: "95% Wilson interval, lower"),
    Column(
      "ci95_high", .real, nullable: true, nb: "95 % Wilson-intervall, øvre",
      en: "95% Wilson interval, upper"),
    Column(
      "median_days_to_complete", .real, nullable: true,
      nb: "Median dager fra påmelding til fullført", en: "Median days from enrolment to completion"),
    Column(
      "minutes_total", .integer, nullable: true, nb: "Minutter brukt i alt",
      en: "Minutes spent in all"),
    suppressedColumn,
  ])

private let reachTable = Table(
  name: "reach", nb: "Rekkevidde: andel av ledere som har fullført et kurs",
  en: "Reach: share of leaders who completed a course",
  columns: keyColumns + [
    Column(
      "leaders", .integer, nb: "Ledere i virksomheter som leverte gjennomføringer",
      en: "Leaders in agencies that delivered completions"),
    Column(
      "learners", .integer, nb: "Deltakere med påmelding i perioden",
      en: "Learners with an enrolment in the period"),
    Column(
      "completers", .integer, nullable: true, nb: "Av dem: med minst ett fullført kurs",
      en: "Of them: with at least one completed course"),
    Column(
      "reach", .real, nullable: true, nb: "Fullførte / ledere (høyst 1)",
      en: "Completers / leaders (at most 1)"),
    suppressedColumn,
  ])

private let coverageTable = Table(
  name: "coverage", nb: "Dekning: hvor mange virksomheter og ledere som svarte",
  en: "Coverage: how many agencies and leaders answered",
  columns: keyColumns + [
    Column(
      "agencies_registered", .integer, nb: "Virksomheter i registeret",
      en: "Agencies in the register"),
    Column(
      "agencies_delivered", .integer, nb: "Virksomheter med minst én godkjent vurdering",
      en: "Agencies with at least one accepted assessment"),
    Column("respondents", .integer, nb: "Respondenter", en: "Respondents"),
    Column(
      "leaders", .integer, nb: "Ledere i registrerte virksomheter",
      en: "Leaders in registered agencies"),
    Column(
      "response_rate", .real, nb: "Svarandel (respondenter / ledere)",
      en: "Response rate (respondents / leaders)"),
  ])

private let benchmarkTable = Table(
  name: "agency_benchmark", nb: "Virksomhetenes modenhet sammenlignet i egen sektor",
  en: "Agencies' maturity compared within their sector",
  columns: [
    Column("period", .text, key: true, nb: "Periode", en: "Period"),
    Column("org_number", .text, key: true, nb: "Organisasjonsnummer", en: "Org number"),
    Column(
      "dimension", .text, key: true, nb: "Dimensjon, eller overall", en: "Dimension, or overall"),
    Column("name", .text, nb: "Virksomhetens navn", en: "Agency name"),
    Column("sector", .text, nb: "Sektor", en: "Sector"),
    Column("n", .integer, nb: "Antall respondenter", en: "Number of respondents"),
    Column("mean", .real, nb: "Gjennomsnitt", en: "Mean"),
    Column(
      "percentile_in_sector", .real, nb: "Persentil i sektoren (0–100)",
      en: "Percentile in sector (0–100)"),
  ])

extension StatisticTables {
  /// The same tables with only the rows of `groupings`; `agency_benchmark`, which has no
  /// grouping, whole. For the summaries, so that rows they leave out are never made.
  package func keeping(_ groupings: Set<Grouping>) -> StatisticTables {
    var kept = self
    kept.maturity.removeAll { !groupings.contains($0.cell.grouping) }
    kept.maturityStage.removeAll { !groupings.contains($0.cell.grouping) }
    kept.competenceGap.removeAll { !groupings.contains($0.cell.grouping) }
    kept.courseCompletion.removeAll { !groupings.contains($0.cell.grouping) }
    kept.reach.removeAll { !groupings.contains($0.cell.grouping) }
    kept.coverage.removeAll { !groupings.contains($0.cell.grouping) }
    return kept
  }
}
