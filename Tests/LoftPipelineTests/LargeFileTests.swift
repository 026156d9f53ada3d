import Foundation
import Testing

@testable import LoftCore
@testable import LoftIngest
@testable import LoftPipeline

/// A file too large to hold is read twice — once to count its defects, once to fold its
/// records in batches — and must come out exactly as if it had been held whole.
@Suite struct LargeFileTests {
  func ingest(_ fixture: Fixture, largeFileBytes: Int, batchSize: Int) throws -> [AgencyIngest
    .Result]
  {
    let definition = try PipelineDefinition.load(path: fixture.path("small.yaml"))
    let settings = try PipelineRunner.settings(
      definition, asOf: Day(year: 2026, month: 11, day: 30)!)
    let plan = IngestPlan(entries: try InboxScanner.scan(inbox: settings.inbox), settings: settings)
    let ingest = AgencyIngest(
      settings: settings, largeFileBytes: largeFileBytes, batchSize: batchSize)
    return plan.agencies.map(ingest.run)
  }

  @Test("reading in two passes and small batches gives the same files, rejects and records")
  func twoPasses() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    // Some duplicates across batch edges, and a defect or two.
    var rows = ["respondent_id,assessed_on,role,strategy"]
    for index in 0..<40 {
      rows.append("x-\(index % 17),2025-0\(1 + index % 9)-01,team_leader,\(1 + index % 6)")
    }
    rows.append("x-99,2025-02-30,team_leader,3")
    try fixture.write(rows.joined(separator: "\n") + "\n", to: "inbox/974760673/assessment-big.csv")
    let whole = try ingest(fixture, largeFileBytes: .max, batchSize: .max)
    for batch in [1, 3, 7] {
      let streamed = try ingest(fixture, largeFileBytes: 0, batchSize: batch)
      #expect(streamed.map(\.inputs) == whole.map(\.inputs), "batch \(batch)")
      #expect(streamed.map(\.rejects) == whole.map(\.rejects), "batch \(batch)")
      for (a, b) in zip(streamed, whole) {
        #expect(Set(a.records.assessments) == Set(b.records.assessments))
        #expect(Set(a.records.enrolments) == Set(b.records.enrolments))
      }
    }
  }
}
