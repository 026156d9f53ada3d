/// Everything one agency contributes to the statistics, after validation and folding.
package struct AgencyRecords: Sendable {
  /// The agency's index in the register.
  package var agency: Int32
  /// Each respondent's latest assessment per period.
  package var assessments: [AssessmentRecord]
  /// The agency's enrolments, folded from its completion records.
  package var enrolments: [Enrolment]

  package init(agency: Int32, assessments: [AssessmentRecord], enrolments: [Enrolment]) {
    self.agency = agency
    self.assessments = assessments
    self.enrolments = enrolments
  }
}
