/// A data table of the report: a caption, column headers, rows with row headers.
///
/// Rendered as a real `<table>` (`<caption>`, `<th scope>`) inside a wrapper that scrolls
/// sideways on a narrow screen; the wrapper can take keyboard focus (`tabindex="0"`) so that a
/// keyboard user can scroll it too, and is named by the caption. The caption's text is also
/// shown above the wrapper, since a caption inside a wide table would scroll away with it. Suppressed values print `:`,
/// Statistics Norway's symbol, with a spoken explanation and a note under the table.
struct HTMLTable {
  /// One cell's content.
  enum Cell: Equatable {
    /// A number, already formatted; right-aligned.
    case number(String)
    /// Plain text, escaped when rendered; left-aligned.
    case text(String)
    /// Markup, already escaped (for `<code>` and the like).
    case markup(String)
    /// A value withheld to protect individuals: `:`.
    case suppressed
    /// Nothing to show here (no answers, or not applicable): `.`.
    case missing

    /// A number, or `.` when there is none.
    static func number(_ value: String?) -> Cell { value.map(Cell.number) ?? .missing }
  }

  /// One row: one or more row headers (`<th scope="row">`), then the cells.
  struct Row {
    var headers: [String]
    var cells: [Cell]
    /// Drawn in bold: the whole country's row, or a total.
    var emphasized = false
  }

  /// The table's `id`; the caption gets `<id>-caption`.
  var id: String
  /// Plain text, escaped when rendered.
  var caption: String
  /// The column headers, the row-header columns first. Plain text.
  var columns: [String]
  var rows: [Row]
  /// A note under the table, plain text.
  var note: String?

  /// The text under a table that holds a suppressed value.
  static let suppressedNote =
    "«:» betyr at tallet er skjult for å verne enkeltpersoner: gruppen har for få bidragsytere, "
    + "eller tallet kunne ha blitt regnet ut fra andre tall og avslørt en liten gruppe."
  /// The text under a table that holds a missing value.
  static let missingNote =
    "«.» betyr at det ikke finnes noe tall her (ingen svar, eller ikke aktuelt)."

  var containsSuppressed: Bool { rows.contains { $0.cells.contains(.suppressed) } }
  var containsMissing: Bool { rows.contains { $0.cells.contains(.missing) } }

  func html() -> String {
    let e = ReportFormat.escape
    // The caption is shown above the scrolling wrapper, where a narrow screen cannot scroll it
    // out of view; the `<caption>` itself names the table for assistive technology.
    var html = "<p class=\"table-title\" aria-hidden=\"true\">\(e(caption))</p>\n"
    html +=
      "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"\(e(id))-caption\">\n"
    html +=
      "<table id=\"\(e(id))\">\n<caption id=\"\(e(id))-caption\" class=\"vh\">\(e(caption))</caption>\n"
    html += "<thead><tr>"
    for column in columns { html += "<th scope=\"col\">\(e(column))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for row in rows {
      html += row.emphasized ? "<tr class=\"total\">" : "<tr>"
      for header in row.headers { html += "<th scope=\"row\">\(e(header))</th>" }
      for cell in row.cells { html += Self.render(cell) }
      html += "</tr>\n"
    }
    html += "</tbody>\n</table>\n</div>\n"
    var notes: [String] = []
    if let note { notes.append(note) }
    if containsSuppressed { notes.append(Self.suppressedNote) }
    if containsMissing { notes.append(Self.missingNote) }
    if !notes.isEmpty {
      html += "<p class=\"note\">\(notes.map(e).joined(separator: " "))</p>\n"
    }
    return html
  }

  private static func render(_ cell: Cell) -> String {
    switch cell {
    case .number(let text): "<td class=\"num\">\(ReportFormat.escape(text))</td>"
    case .text(let text): "<td>\(ReportFormat.escape(text))</td>"
    case .markup(let markup): "<td>\(markup)</td>"
    // The symbol for the eye; the words for a screen reader, which would read ":" as "colon".
    case .suppressed: "<td class=\"num sup\">:<span class=\"vh\"> skjult</span></td>"
    case .missing: "<td class=\"num\">.<span class=\"vh\"> ingen tall</span></td>"
    }
  }
}
