import LoftCore

/// What a statement's verb means for an enrolment, read from the last segment of its IRI.
package enum XAPIVerb: String, Sendable, Equatable, CaseIterable {
  /// `…/completed` or `…/passed`.
  case completed
  /// `…/failed`.
  case failed
  /// `…/registered`, `…/launched`, `…/initialized` or `…/attempted`.
  case enrolled
  /// Any other verb: accepted, and adds only its date and duration.
  case other
  /// `…/voided`: the statement voids the one whose `id` is its `object.id`.
  case voided

  /// The meaning of a verb IRI: its segment after the last `/`, matched case-insensitively.
  package init(iri: String) {
    let segment = iri.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
    switch segment.lowercased() {
    case "completed", "passed": self = .completed
    case "failed": self = .failed
    case "registered", "launched", "initialized", "attempted": self = .enrolled
    case "voided": self = .voided
    default: self = .other
    }
  }

  /// The completion status the verb gives an enrolment; nil for `other` and `voided`, which
  /// give none of their own.
  package var status: CompletionStatus? {
    switch self {
    case .completed: .completed
    case .failed: .failed
    case .enrolled: .enrolled
    case .other, .voided: nil
    }
  }
}
