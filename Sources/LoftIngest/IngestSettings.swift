import LoftCore

/// Everything the ingest stage needs to know: reference data, the model, the sources and rules.
package struct IngestSettings: Sendable {
  /// The inbox folder (absolute).
  package var inbox: String
  package var register: Register
  package var catalogue: Catalogue
  package let model: Model
  package var sources: [Source]
  /// Extra aliases by canonical column name, for every agency.
  package let aliases: [String: [String]]
  /// Extra aliases per agency.
  package let agencyAliases: [OrgNumber: [String: [String]]]
  /// The vocabulary of each kind for an agency without overrides: built once, not per agency.
  private let sharedVocabularies: [SourceKind: ColumnVocabulary]
  package var limits: Limits
  package var maxRejectRate: Double
  package var granularity: PeriodGranularity
  package var asOf: Day
  /// A test seam: called with a delivery's path below the inbox once the delivery has been opened
  /// and hashed, before its content is read, so that a test can change the file there and see it
  /// quarantined as `changed_during_read`. Nil in production, apart from the debug-only
  /// `LOFT_CHANGE_AFTER_HASH` hook (`DeliveryReader.environmentHook`).
  package var afterHashing: (@Sendable (_ path: String) -> Void)? = DeliveryReader.environmentHook

  package init(
    inbox: String, register: Register, catalogue: Catalogue, model: Model, sources: [Source],
    aliases: [String: [String]], agencyAliases: [OrgNumber: [String: [String]]], limits: Limits,
    maxRejectRate: Double, granularity: PeriodGranularity, asOf: Day
  ) {
    self.inbox = inbox
    self.register = register
    self.catalogue = catalogue
    self.model = model
    self.sources = sources
    self.aliases = aliases
    self.agencyAliases = agencyAliases
    self.limits = limits
    self.maxRejectRate = maxRejectRate
    self.granularity = granularity
    self.asOf = asOf
    sharedVocabularies = Dictionary(
      uniqueKeysWithValues: SourceKind.allCases.map {
        ($0, ColumnVocabulary(kind: $0, model: model, extra: aliases))
      })
  }

  /// The column vocabulary of one kind for one agency: built-ins, definition aliases, overrides.
  package func vocabulary(_ kind: SourceKind, agency: OrgNumber) -> ColumnVocabulary {
    guard let overrides = agencyAliases[agency] else { return sharedVocabularies[kind]! }
    var extra = aliases
    for (column, names) in overrides { extra[column, default: []] += names }
    return ColumnVocabulary(kind: kind, model: model, extra: extra)
  }
}
