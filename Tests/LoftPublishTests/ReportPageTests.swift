import Foundation
import Testing

@testable import LoftAggregate
@testable import LoftCore
@testable import LoftPublish

/// The ministry report, built from small hand-made tables: self-contained, in Norwegian,
/// accessible (WCAG 2.1 AA), escaped and deterministic.
@Suite struct ReportPageTests {
  // MARK: - Fixture

  static let asOf = Day(year: 2026, month: 11, day: 30)!
  static let y2025 = Period(containing: Day(year: 2025, month: 5, day: 1)!, granularity: .year)
  static let y2026 = Period(containing: Day(year: 2026, month: 5, day: 1)!, granularity: .year)

  /// Two dimensions, two areas; one area's name holds `<&>` to test escaping.
  static let model = Model(
    name: "test <modell>", version: "1 & 2",
    maturity: Model.Maturity(
      scale: .init(min: 1, max: 6),
      steps: (1...6).map { .init(value: $0, nb: "Trinn \($0)", en: "Step \($0)") },
      transformationFrom: 3,
      dimensions: [
        .init(code: "strategy", nb: "Strategi", en: "Strategy", aliases: []),
        .init(code: "technology", nb: "Teknologi", en: "Technology", aliases: []),
      ]),
    competence: Model.Competence(
      scale: .init(min: 1, max: 8),
      steps: (1...8).map { .init(value: $0, nb: "Nivå \($0)", en: "Level \($0)") },
      areas: [
        .init(code: "fou", nb: "FoU <&> data", en: "R&D", aliases: []),
        .init(code: "ledelse", nb: "Ledelse", en: "Leadership", aliases: []),
      ]))

  static func cell(_ period: Period, _ grouping: Grouping, _ key: String = "") -> CellKey {
    CellKey(period: period, grouping: grouping, groupKey: key)
  }

  static func maturity(
    _ cell: CellKey, _ dimension: String, n: Int, mean: Double?, suppressed: Suppression? = nil
  ) -> MaturityRow {
    MaturityRow(
      cell: cell, dimension: dimension, n: n, mean: mean, sd: mean.map { _ in 0.9 },
      ci95Low: mean.map { $0 - 0.1 }, ci95High: mean.map { $0 + 0.1 }, p25: mean.map { _ in 2 },
      median: mean.map { _ in 3 }, p75: mean.map { _ in 4 },
      shareTransforming: mean.map { _ in 0.625 },
      weightedMean: mean, suppressed: suppressed, scaledSum: 0, scale: 1)
  }

  /// 2025 and 2026; the whole country, state and municipalities. The municipalities' maturity
  /// in 2026, the state's gap in `fou`, course C2 and the municipalities' reach are suppressed.
  static func tables() -> StatisticTables {
    var tables = StatisticTables()
    tables.periods = [y2025, y2026]
    for period in [y2025, y2026] {
      let national = cell(period, .national)
      let state = cell(period, .sector, "state")
      let municipality = cell(period, .sector, "municipality")
      let hidden = period == y2026
      for dimension in ["strategy", "technology", "overall"] {
        tables.maturity.append(maturity(national, dimension, n: 40, mean: 3.405))
        tables.maturity.append(maturity(state, dimension, n: 36, mean: 3.5))
        tables.maturity.append(
          maturity(
            municipality, dimension, n: 4, mean: hidden ? nil : 2.75,
            suppressed: hidden ? .primary : nil))
      }
      for dimension in ["strategy", "technology"] {
        for stage in 1...6 {
          let count = [1, 4, 17, 14, 3, 1][stage - 1]
          tables.maturityStage.append(
            MaturityStageRow(
              cell: national, dimension: dimension, stage: stage, count: count,
              share: Double(count) / 40, suppressed: nil))
        }
      }
      tables.competenceGap += [
        CompetenceGapRow(
          cell: national, area: "fou", n: 40, meanCurrent: 3.1, meanTarget: 4.9, meanGap: 1.8,
          shareBelowTarget: 0.8, suppressed: nil),
        CompetenceGapRow(
          cell: national, area: "ledelse", n: 40, meanCurrent: 4, meanTarget: 4.2, meanGap: 0.2,
          shareBelowTarget: 0.2, suppressed: nil),
        CompetenceGapRow(
          cell: state, area: "fou", n: 3, meanCurrent: nil, meanTarget: nil, meanGap: nil,
          shareBelowTarget: nil, suppressed: .secondary),
        CompetenceGapRow(
          cell: state, area: "ledelse", n: 36, meanCurrent: 4, meanTarget: 5.3, meanGap: 1.3,
          shareBelowTarget: 0.6, suppressed: nil),
      ]
      tables.courseCompletion += [
        CourseCompletionRow(
          cell: national, courseID: "C1", learners: 20, completed: 11, completionRate: 0.55,
          ci95Low: 0.34, ci95High: 0.74, medianDaysToComplete: 12.5, minutesTotal: 900,
          suppressed: nil),
        CourseCompletionRow(
          cell: national, courseID: "C2", learners: 2, completed: nil, completionRate: nil,
          ci95Low: nil, ci95High: nil, medianDaysToComplete: nil, minutesTotal: nil,
          suppressed: .primary),
      ]
      tables.reach += [
        ReachRow(
          cell: national, leaders: 450, learners: 22, completers: 11, reach: 11.0 / 450,
          suppressed: nil),
        ReachRow(
          cell: municipality, leaders: 50, learners: 2, completers: nil, reach: nil,
          suppressed: .primary),
      ]
      tables.coverage += [
        CoverageRow(
          cell: national, agenciesRegistered: 3, agenciesDelivered: 2, respondents: 40,
          leaders: 4051, responseRate: 40.0 / 4051),
        CoverageRow(
          cell: state, agenciesRegistered: 1, agenciesDelivered: 1, respondents: 36, leaders: 4000,
          responseRate: 0.009),
        CoverageRow(
          cell: municipality, agenciesRegistered: 2, agenciesDelivered: 1, respondents: 4,
          leaders: 51, responseRate: 4.0 / 51),
      ]
      tables.suppression += [
        SuppressionEntry(table: "competence_gap", cell: state, item: "fou", reason: "secondary"),
        SuppressionEntry(table: "course_completion", cell: national, item: "C2", reason: "primary"),
        SuppressionEntry(table: "reach", cell: municipality, item: "", reason: "primary"),
      ]
      if hidden {
        for dimension in ["strategy", "technology", "overall"] {
          tables.suppression.append(
            SuppressionEntry(
              table: "maturity", cell: municipality, item: dimension, reason: "primary"))
        }
      }
    }
    return tables
  }

  static func inputs() -> [InputFile] {
    var good = InputFile(path: "974760673/assessment-2026.csv", bytes: 100, status: .read)
    good.rowsRead = 40
    good.rowsAccepted = 40
    var bad = InputFile(path: "974760673/<script>&\"x\".csv.gz", bytes: 10, status: .read)
    bad.quarantine(.unsupportedCompression, "gzip is not supported; deliver plain or zstd (.zst)")
    var empty = InputFile(path: "123456785/tom.csv", bytes: 0, status: .read)
    empty.quarantine(.noHeader, "the file has no header line")
    return [good, bad, empty, InputFile(path: "123456785/notes.txt", bytes: 5, status: .unmatched)]
  }

  static let courses = [
    Course(
      id: "C1", title: "Ledelse & <data>", provider: "Digdir", license: "CC BY 4.0", areas: [],
      minutes: 60, xapiActivityID: ""),
    Course(
      id: "C2", title: "Smidig \"MVP\"", provider: "KS", license: "CC BY 4.0", areas: [],
      minutes: 30, xapiActivityID: ""),
  ]

  static func page(_ tables: StatisticTables = tables(), inputs: [InputFile] = inputs()) -> String {
    ReportPage(
      tables: tables, rendered: tables.render(), inputs: inputs, model: model, asOf: asOf,
      name: "demo <&> \"pilot\"", courses: courses, k: 5
    ).html()
  }

  // MARK: - Helpers

  /// Every match of a pattern's first capture group (or the whole match without groups).
  static func matches(_ pattern: String, in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
    let range = NSRange(text.startIndex..., in: text)
    return regex.matches(in: text, range: range).map { match in
      let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
      return Range(group, in: text).map { String(text[$0]) } ?? ""
    }
  }

  /// WCAG 2.1 relative luminance of `#rrggbb`.
  static func luminance(_ hex: String) -> Double {
    let digits = Array(hex.dropFirst())
    let channels = stride(from: 0, to: 6, by: 2).map { index -> Double in
      let value = Double(Int(String(digits[index...index + 1]), radix: 16)!) / 255
      return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
  }

  /// WCAG 2.1 contrast ratio of two colours, 1–21.
  static func contrast(_ a: String, _ b: String) -> Double {
    let (la, lb) = (luminance(a), luminance(b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
  }

  // MARK: - Self-contained, Norwegian

  @Test("is one self-contained page: nothing is fetched from the network")
  func selfContained() {
    let html = Self.page()
    #expect(
      Self.matches(#"(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//"#, in: html)
        .isEmpty)
    #expect(!html.contains("http://"))
    #expect(!html.contains("https://"))
    #expect(!html.contains("@import"))
    #expect(!html.contains("url("))
    for tag in ["<script", "<link", "<img", "<iframe", "<object", "<embed"] {
      #expect(!html.contains(tag), "found \(tag)")
    }
  }

  @Test("is in Norwegian Bokmål: lang=\"nb\", with a title and a viewport for phones")
  func language() {
    let html = Self.page()
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"nb\">"))
    #expect(html.contains("<meta charset=\"utf-8\">"))
    #expect(
      html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
    #expect(
      Self.matches("<title>([^<]+)</title>", in: html).first?.contains(
        "30.\u{00A0}november\u{00A0}2026") == true)
    // The one part in English, the run's detail on a quarantined file, is marked as such.
    #expect(
      html.contains("<span lang=\"en\">gzip is not supported; deliver plain or zstd (.zst)</span>"))
  }

  @Test("has every section, in order, each linked from the table of contents")
  func sections() {
    let html = Self.page()
    var position = html.startIndex
    for section in ReportPage.sections {
      #expect(html.contains("<a href=\"#\(section.id)\">"))
      let heading = "<h2 id=\"\(section.id)\">"
      let found = html.range(of: heading, range: position..<html.endIndex)
      #expect(found != nil, "missing or out of order: \(section.id)")
      if let found { position = found.upperBound }
    }
  }

  // MARK: - Structure for assistive technology

  @Test("every svg is role=img, with a title and a description that label it")
  func svgTextAlternatives() throws {
    let html = Self.page()
    let svgs = Self.matches("(<svg.*?</svg>)", in: html)
    // Coverage, maturity (two dimensions and overall), stages (two dimensions), gaps, reach, courses.
    #expect(svgs.count == 1 + 3 + 2 + 1 + 1 + 1)
    for svg in svgs {
      let tag = try #require(Self.matches("(<svg[^>]*>)", in: svg).first)
      #expect(tag.contains("role=\"img\""))
      let labelledBy = try #require(Self.matches(#"aria-labelledby="([^"]+)""#, in: tag).first)
      let ids = labelledBy.split(separator: " ").map(String.init)
      #expect(ids.count == 2)
      #expect(svg.contains("<title id=\"\(ids[0])\">"))
      #expect(svg.contains("<desc id=\"\(ids[1])\">"))
      let title = try #require(Self.matches("<title[^>]*>([^<]*)</title>", in: svg).first)
      #expect(!title.isEmpty)
    }
  }

  @Test("every table has a caption, header cells with scope, and a focusable labelled wrapper")
  func tables() {
    let html = Self.page()
    let tables = Self.matches("(<table.*?</table>)", in: html)
    #expect(tables.count >= 10)
    for table in tables {
      #expect(
        Self.matches(#"^<table[^>]*>\n<caption id="[^"]+"[^>]*>[^<]+</caption>"#, in: table).count
          == 1)
    }
    #expect(Self.matches("<th(?=[\\s>])(?![^>]*scope=\"(?:col|row)\")[^>]*>", in: html).isEmpty)
    let wrappers = Self.matches("(<div class=\"table-wrap\"[^>]*>)", in: html)
    #expect(wrappers.count == tables.count)
    for wrapper in wrappers {
      #expect(wrapper.contains("role=\"region\""))
      #expect(wrapper.contains("tabindex=\"0\""))
      let caption = Self.matches(#"aria-labelledby="([^"]+)""#, in: wrapper).first ?? "?"
      #expect(html.contains("<caption id=\"\(caption)\""))
    }
  }

  @Test("headings go down one level at a time, starting at h1")
  func headingOrder() {
    let levels = Self.matches("<h([1-6])[ >]", in: Self.page()).compactMap { Int($0) }
    #expect(levels.first == 1)
    #expect(levels.filter { $0 == 1 }.count == 1)
    for (previous, next) in zip(levels, levels.dropFirst()) {
      #expect(next <= previous + 1, "h\(previous) followed by h\(next)")
    }
  }

  @Test("a skip link leads to the main content; every id is unique and every link resolves")
  func skipLinkAndIDs() {
    let html = Self.page()
    #expect(html.contains("<a class=\"skip\" href=\"#innhold\">"))
    #expect(html.contains("<main id=\"innhold\""))
    let ids = Self.matches(#"\sid="([^"]+)""#, in: html)
    #expect(Set(ids).count == ids.count, "duplicate ids")
    for target in Self.matches(##"href="#([^"]+)""##, in: html) {
      #expect(ids.contains(target), "no element with id \(target)")
    }
  }

  // MARK: - Suppression

  @Test("suppressed values print ':' with an explanation, and never their number")
  func suppressedCells() throws {
    let html = Self.page()
    #expect(html.contains("<td class=\"num sup\">:<span class=\"vh\"> skjult</span></td>"))
    #expect(html.contains(HTMLTable.suppressedNote))
    // The municipalities' 2026 maturity row: the count stays, every mean is ':'.
    let table = try #require(
      Self.matches("(<table id=\"tab-modenhet\">.*?</table>)", in: html).first)
    let row = Self.matches("(<tr><th scope=\"row\">Kommuner</th>.*?</tr>)", in: table).first ?? ""
    #expect(row.contains(">4</td>"))
    #expect(row.components(separatedBy: "class=\"num sup\">:").count - 1 == 3)
    // In a chart, a suppressed bar is drawn as text only.
    #expect(html.contains(": skjult</text>"))
    // Secondary suppression in the heat map and its table.
    #expect(html.contains("font-weight=\"bold\" fill=\"#1a1a1a\">:</text>"))
  }

  @Test("counts suppressed cells per table and reason")
  func suppressionCounts() throws {
    let html = Self.page()
    let table = try #require(
      Self.matches("(<table id=\"tab-skjulte\">.*?</table>)", in: html).first)
    let headers = Self.matches("<th scope=\"col\">([^<]+)</th>", in: table)
    #expect(
      headers == ["Tabell", "Primær (færre enn 5)", "Sekundær (vern av andre celler)", "I alt"])
    let rows = Self.matches(
      "<tr[^>]*><th scope=\"row\">([^<]+)</th>((?:<td[^>]*>[^<]*</td>)+)</tr>", in: table)
    #expect(rows.count == 5)  // maturity, competence_gap, course_completion, reach, total
    #expect(
      table.contains(
        "<tr><th scope=\"row\">Modenhet</th><td class=\"num\">3</td><td class=\"num\">0</td><td class=\"num\">3</td></tr>"
      ))
    #expect(
      table.contains(
        "<tr class=\"total\"><th scope=\"row\">I alt</th><td class=\"num\">7</td><td class=\"num\">2</td><td class=\"num\">9</td></tr>"
      ))
  }

  @Test("lists quarantined deliveries with path and reason")
  func quarantine() {
    let html = Self.page()
    #expect(
      html.contains(
        "<th scope=\"row\">123456785/tom.csv</th><td>Tom fil eller mangler overskriftsrad</td><td><code>no_<wbr>header</code></td>"
      ))
    #expect(html.contains("Leveranser i karantene (2)"))
    #expect(html.contains("Filer i innboksen: 4. Lest: 1, i karantene: 2"))
  }

  // MARK: - Escaping, numbers, determinism

  @Test("escapes < & > and quotes in every name it prints")
  func escaping() {
    let html = Self.page()
    for raw in [
      "FoU <&> data", "<script>", "demo <&>", "test <modell>", "Ledelse & <data>", "\"MVP\"",
      "1 & 2",
    ] {
      #expect(!html.contains(raw), "unescaped: \(raw)")
    }
    #expect(html.contains("FoU &lt;&amp;&gt; data"))
    #expect(html.contains("974760673/&lt;script&gt;&amp;&quot;x&quot;.csv.gz"))
    #expect(html.contains("«demo &lt;&amp;&gt; &quot;pilot&quot;»"))
    #expect(html.contains("C1 Ledelse &amp; &lt;data&gt;"))
    #expect(html.contains("Smidig &quot;MVP&quot;"))
    #expect(ReportFormat.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
  }

  @Test("writes numbers the Norwegian way: decimal comma, grouped digits, minus sign")
  func numbers() {
    #expect(ReportFormat.decimal(3.405) == "3,40" || ReportFormat.decimal(3.405) == "3,41")
    #expect(ReportFormat.decimal(1234.5, digits: 1) == "1\u{00A0}234,5")
    #expect(ReportFormat.decimal(-0.25) == "\u{2212}0,25")
    #expect(ReportFormat.decimal(-0.001) == "0,00")
    #expect(ReportFormat.integer(4051) == "4\u{00A0}051")
    #expect(ReportFormat.integer(1_234_567) == "1\u{00A0}234\u{00A0}567")
    #expect(ReportFormat.integer(-12) == "\u{2212}12")
    #expect(ReportFormat.percent(0.353) == "35,3\u{00A0}%")
    #expect(ReportFormat.date(Self.asOf) == "30.\u{00A0}november\u{00A0}2026")
    #expect(ReportFormat.coordinate(12.25) == "12.3" || ReportFormat.coordinate(12.25) == "12.2")
    let html = Self.page()
    #expect(html.contains("<td class=\"num\">1,30</td>"))
    #expect(html.contains("<td class=\"num\">55,0\u{00A0}%</td>"))
    // No number in the text has a decimal point (SVG coordinates are attributes, not text).
    let text = html.replacingOccurrences(
      of: #"(?s)<style>.*?</style>"#, with: " ", options: .regularExpression
    )
    .replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
    #expect(Self.matches(#"\d\.\d"#, in: text).filter { !$0.isEmpty }.isEmpty)
  }

  @Test("prints no date but the as-of date")
  func onlyTheAsOfDate() {
    let html = Self.page()
    #expect(Self.matches(#"\d{4}-\d{2}-\d{2}"#, in: html).isEmpty)
    let months =
      "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
    let dates = Self.matches(#"(\d{1,2}\.\x{00A0}(?:"# + months + #")\x{00A0}\d{4})"#, in: html)
    #expect(!dates.isEmpty)
    #expect(Set(dates) == ["30.\u{00A0}november\u{00A0}2026"])
  }

  @Test("gives the same bytes whatever the order of the rows it is given")
  func deterministic() {
    let tables = Self.tables()
    var shuffled = tables
    shuffled.maturity.reverse()
    shuffled.maturityStage.reverse()
    shuffled.competenceGap.reverse()
    shuffled.courseCompletion.reverse()
    shuffled.reach.reverse()
    shuffled.coverage.reverse()
    shuffled.suppression.reverse()
    let first = Self.page(tables)
    #expect(first == Self.page(tables))
    #expect(first == Self.page(shuffled, inputs: Self.inputs().reversed()))
  }

  @Test("shows the latest period first and earlier periods in tables")
  func periods() throws {
    let html = Self.page()
    #expect(html.contains("Siste periode er <strong>2026</strong>"))
    #expect(html.contains("Hele landet i 2026 (perioden pågår)."))
    let coverage = try #require(
      Self.matches("(<table id=\"tab-dekning\">.*?</table>)", in: html).first)
    #expect(!coverage.contains("2025"))
    let all = try #require(
      Self.matches("(<table id=\"tab-dekning-perioder\">.*?</table>)", in: html).first)
    #expect(all.contains("<th scope=\"row\">2025</th>"))
    #expect(all.contains("<th scope=\"row\">2026</th>"))
  }

  @Test("renders an empty run without failing")
  func empty() {
    let html = Self.page(StatisticTables(), inputs: [])
    #expect(html.contains("<html lang=\"nb\">"))
    #expect(html.contains("Ingen svar eller kursdata er godkjent ennå."))
    #expect(!html.contains("<svg"))
    #expect(html.hasSuffix("</html>\n"))
  }

  // MARK: - Contrast (WCAG 2.1 1.4.3 and 1.4.11)

  @Test("the contrast formula matches WCAG's reference values")
  func contrastFormula() {
    #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 1e-9)
    #expect(abs(Self.contrast("#767676", "#ffffff") - 4.54) < 0.01)
    #expect(Self.contrast("#777777", "#ffffff") < 4.5)
  }

  @Test("every text colour on every background it is drawn on has contrast ≥ 4.5:1")
  func textContrast() {
    #expect(ReportPalette.textPairs.count >= 9 + ReportPalette.heatScale.bins.count)
    for pair in ReportPalette.textPairs {
      let ratio = Self.contrast(pair.foreground, pair.background)
      #expect(ratio >= 4.5, "\(pair.use): \(pair.foreground) on \(pair.background) is \(ratio)")
    }
  }

  @Test("every heat-map cell's text reads on its fill (≥ 4.5:1), at every value")
  func heatMapContrast() {
    for bin in ReportPalette.heatScale.bins {
      #expect(Self.contrast(bin.text, bin.fill) >= 4.5, "\(bin.label)")
    }
    for step in -100...400 {
      let value = Double(step) / 100
      let look = HeatMap.appearance(of: .value(value), on: ReportPalette.heatScale)
      #expect(Self.contrast(look.ink, look.fill) >= 4.5, "gap \(value)")
    }
    let suppressed = HeatMap.appearance(of: .suppressed, on: ReportPalette.heatScale)
    #expect(Self.contrast(suppressed.ink, suppressed.fill) >= 4.5)
    // Steps go from light to dark, so that darker means a larger gap.
    let luminances = ReportPalette.heatScale.bins.map { Self.luminance($0.fill) }
    #expect(luminances == luminances.sorted(by: >))
  }

  @Test("bars, axes and focus outlines stand out from the background (≥ 3:1)")
  func graphicContrast() {
    for pair in ReportPalette.graphicPairs {
      let ratio = Self.contrast(pair.foreground, pair.background)
      #expect(ratio >= 3, "\(pair.use): \(pair.foreground) on \(pair.background) is \(ratio)")
    }
  }

  @Test("the page uses no colour that the palette (and so the contrast tests) does not know")
  func onlyPaletteColours() {
    let used = Set(Self.matches("(#[0-9a-fA-F]{6})\\b", in: Self.page()).map { $0.lowercased() })
    #expect(!used.isEmpty)
    #expect(
      used.isSubset(of: Set(ReportPalette.all)),
      "unknown: \(used.subtracting(ReportPalette.all).sorted())")
    #expect(Self.matches("(#[0-9a-fA-F]{3})\\b", in: Self.page()).isEmpty)
    #expect(Self.matches("(rgba?\\(|hsla?\\()", in: Self.page()).isEmpty)
  }
}
