import Foundation
import Synchronization
import Testing

@testable import LoftAggregate
@testable import LoftCore
@testable import LoftPipeline

@Suite struct SnapshotAssemblerTests {
  /// The small fixture's tables, as a run computes them, and what the assembler needs.
  func assembler(_ fixture: Fixture) throws -> (SnapshotAssembler, PipelineRunner.Collected) {
    let asOf = Day(year: 2026, month: 11, day: 30)!
    let definition = try PipelineDefinition.load(path: fixture.path("small.yaml"))
    let settings = try PipelineRunner.settings(definition, asOf: asOf)
    let collected = try PipelineRunner().ingestAndAggregate(settings, threads: 1)
    let report = RunReport(
      pipeline: "small.yaml", asOf: asOf, started: Date(timeIntervalSince1970: 0))
    return (
      SnapshotAssembler(definition: definition, settings: settings, asOf: asOf, report: report),
      collected
    )
  }

  @Test("runs `beside` once, and makes the same files with it as without it, at 1 and 2 threads")
  func beside() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let (assembler, collected) = try assembler(fixture)
    let tables = StatisticsBuilder(
      register: assembler.settings.register, catalogue: assembler.settings.catalogue,
      model: assembler.settings.model
    ).build(collected.state)
    let plain = try assembler.assemble(
      tables: tables, inputs: collected.inputs, rejects: collected.rejects)
    for threads in [1, 2] {
      let calls = Atomic(0)
      let assembled = try assembler.assemble(
        tables: tables, inputs: collected.inputs, rejects: collected.rejects, threads: threads,
        beside: { calls.add(1, ordering: .relaxed) })
      #expect(calls.load(ordering: .relaxed) == 1, "threads \(threads)")
      #expect(assembled.content.database == plain.content.database, "threads \(threads)")
      #expect(assembled.content.rejects == plain.content.rejects, "threads \(threads)")
      #expect(
        assembled.content.extraFiles.map(\.path) == plain.content.extraFiles.map(\.path),
        "threads \(threads)")
      #expect(
        assembled.content.extraFiles.map(\.bytes) == plain.content.extraFiles.map(\.bytes),
        "threads \(threads)")
    }
  }
}
