import Foundation
import LoftCore

/// What a command line says about one run, on top of the pipeline definition.
package struct RunOptions: Sendable {
  /// Replaces the definition's `output`.
  package var output: String?
  /// Worker threads; nil means every core.
  package var threads: Int?
  /// The worker threads to use: `threads`, or every core.
  var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
  /// The date `future_date` and closed periods are judged against; nil means today in Oslo.
  package var asOf: Day?
  /// Where `loft validate` writes the rejects file, if anywhere.
  package var rejectsFile: String?
  /// Check the suppression with the independent audit; an exposed cell fails the run.
  package var audit = false

  package init(
    output: String? = nil, threads: Int? = nil, asOf: Day? = nil, rejectsFile: String? = nil
  ) {
    self.output = output
    self.threads = threads
    self.asOf = asOf
    self.rejectsFile = rejectsFile
  }
}
