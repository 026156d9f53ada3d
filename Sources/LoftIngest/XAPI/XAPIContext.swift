import LoftCore

/// What validating the statements of one xAPI delivery needs to know besides the statements.
package struct XAPIContext: Sendable {
  /// The delivery's path relative to the inbox, as written in rejects.
  package var file: String
  /// The register index of the agency whose folder holds the delivery.
  package var folderAgency: Int32
  /// The register of agencies, for the org checks.
  package var register: Register
  /// The course catalogue, whose `xapi_activity_id`s name the courses.
  package var catalogue: Catalogue
  /// The run's as-of date: a statement dated after it is `future_date`.
  package var asOf: Day

  /// The context of one delivery.
  package init(
    file: String, folderAgency: Int32, register: Register, catalogue: Catalogue, asOf: Day
  ) {
    self.file = file
    self.folderAgency = folderAgency
    self.register = register
    self.catalogue = catalogue
    self.asOf = asOf
  }
}
