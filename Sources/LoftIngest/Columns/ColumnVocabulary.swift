import LoftCore

/// Every name a header may use for each canonical column of one source kind.
///
/// Built from the built-in English and Norwegian aliases, the model's codes and aliases, the
/// definition's extra aliases and, for one agency, its overrides. Names compare trimmed and
/// lowercased.
package struct ColumnVocabulary: Sendable {
  private var columnByName: [String: CanonicalColumn] = [:]
  /// The columns of this kind, in canonical order.
  package private(set) var columns: [CanonicalColumn] = []
  /// The columns a file of this kind must have.
  package let required: [CanonicalColumn]

  /// The vocabulary for one kind: built-ins plus `extra` aliases keyed by canonical name.
  package init(kind: SourceKind, model: Model, extra: [String: [String]] = [:]) {
    switch kind {
    case .assessment:
      required = [.respondentID, .assessedOn, .role]
      add(.respondentID, ["respondent_id", "respondent", "respondent id", "id"])
      add(.orgNumber, ["org_number", "orgnr", "organisasjonsnummer"])
      add(.assessedOn, ["assessed_on", "dato", "date"])
      add(.role, ["role", "rolle"])
      for (index, dimension) in model.maturity.dimensions.enumerated() {
        add(.dimension(index), [dimension.code] + dimension.aliases)
      }
      for (index, area) in model.competence.areas.enumerated() {
        let stems = [area.code] + area.aliases
        add(.current(index), stems.flatMap { [$0 + "_current", $0 + "_naa", $0 + "_nå"] })
        add(.target(index), stems.flatMap { [$0 + "_target", $0 + "_maal", $0 + "_mål"] })
      }
    case .completion:
      required = [.learnerID, .courseID, .status, .enrolledOn]
      add(.learnerID, ["learner_id", "learner", "deltaker"])
      add(.orgNumber, ["org_number", "orgnr", "organisasjonsnummer"])
      add(.courseID, ["course_id", "kurs", "course"])
      add(.status, ["status"])
      add(.enrolledOn, ["enrolled_on", "påmeldt_dato"])
      add(.completedOn, ["completed_on", "fullført_dato"])
      add(.minutesSpent, ["minutes_spent", "minutter"])
    }
    for (canonical, names) in extra {
      if let column = canonicalColumn(named: canonical) { add(column, names) }
    }
  }

  /// The canonical column a canonical name denotes (`respondent_id`, `strategy_current`…).
  package func canonicalColumn(named name: String) -> CanonicalColumn? {
    columnByName[Self.normalise(name)]
  }

  /// The canonical column a header name maps to, or nil when it is unknown.
  package func column(forHeader name: String) -> CanonicalColumn? {
    // Most headers are written as listed (trimmed, lowercase): found without normalising, to
    // the same column, since normalising a listed name gives it back.
    columnByName[name] ?? columnByName[Self.normalise(name)]
  }

  /// Adds aliases; an alias already taken by another column keeps its first meaning.
  package mutating func add(_ column: CanonicalColumn, _ names: [String]) {
    if !columns.contains(column) {
      columns.append(column)
      columns.sort()
    }
    for name in names {
      let key = Self.normalise(name)
      if columnByName[key] == nil { columnByName[key] = column }
    }
  }

  /// Header names compare trimmed and case-insensitively.
  static func normalise(_ name: String) -> String { name.trimmingSpaces.lowercased() }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  package var trimmingSpaces: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.isSpaceOrTab }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.isSpaceOrTab })!
    return String(scalars[first...last])
  }
}

extension Unicode.Scalar {
  var isSpaceOrTab: Bool { self == " " || self == "\t" || self == "\u{A0}" }
}
