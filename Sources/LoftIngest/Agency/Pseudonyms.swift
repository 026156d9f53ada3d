/// Numbers for one agency's pseudonyms, given by the row validators from the field bytes:
/// respondents and learners each have their own (a learner is the same in CSV and xAPI).
package struct Pseudonyms: Sendable {
  package var respondents: ByteInterner
  package var learners: ByteInterner

  /// `numbering: false` gives every pseudonym number 0 and keeps none, for a reading that only
  /// checks records.
  package init(numbering: Bool = true) {
    respondents = ByteInterner(discarding: !numbering)
    learners = ByteInterner(discarding: !numbering)
  }
}
