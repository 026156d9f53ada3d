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
    var iri = iri
    self = iri.withUTF8 { XAPIVerb(iri: $0) }
  }

  /// The meaning of a verb IRI's UTF-8 bytes, as `init(iri:)` reads text.
  package init(iri utf8: UnsafeBufferPointer<UInt8>) {
    let start = utf8.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
    let segment = utf8[start...]
    // Compared byte by byte, ASCII case folded: this runs for every statement.
    func named(_ name: String) -> Bool {
      segment.count == name.utf8.count
        && zip(segment, name.utf8).allSatisfy { $0 | 0x20 == $1 }
    }
    if named("completed") || named("passed") {
      self = .completed
    } else if named("failed") {
      self = .failed
    } else if named("registered") || named("launched") || named("initialized")
      || named("attempted")
    {
      self = .enrolled
    } else if named("voided") {
      self = .voided
    } else {
      self = .other
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
