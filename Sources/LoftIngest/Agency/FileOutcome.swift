import LoftCore

/// One file read and its records checked, before records are compared with other files.
package struct FileOutcome: Sendable {
  package var input: InputFile
  /// The defective records, in line order.
  package var rejects: [Reject] = []
  /// The valid assessment rows, in line order.
  package var assessments: [Line<AssessmentRecord>] = []
  /// The valid completion rows, in line order.
  package var completions: [Line<CompletionRecord>] = []
  /// The valid xAPI statements, in line order.
  package var statements: [XAPIEvent] = []
  /// The file as it was opened, and its text profile, for a later reading of the same file.
  var identity: DeliveryFile.Identity?
  var profile: TextProfile?

  package init(input: InputFile) { self.input = input }

  /// Lets go of the valid records taken so far (a reading that counts them, or has handed them
  /// on), keeping the arrays' room for the next batch.
  mutating func dropValidRecords() {
    assessments.removeAll(keepingCapacity: true)
    completions.removeAll(keepingCapacity: true)
  }

  /// How many valid records the file holds.
  package var validCount: Int { assessments.count + completions.count + statements.count }
}

/// A record with the physical line it starts on.
package struct Line<Record: Sendable>: Sendable {
  package var line: Int
  package var record: Record
  package init(_ line: Int, _ record: Record) {
    self.line = line
    self.record = record
  }
}
