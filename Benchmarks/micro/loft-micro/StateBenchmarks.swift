import Foundation
import LoftAggregate
import LoftCompression
import LoftCore
import LoftIngest
import LoftPipeline
import LoftPublish

/// What follows reading, timed step by step on one thread from every agency's folded records
/// (read once, before any timing):
///
/// - `add`: the records added into two statistics states, the even and the odd agencies (as
///   two workers would hold them);
/// - `merge`: the odd agencies' state merged into the even ones' (what a run does per worker);
///   compared with `add`, which made the same cells;
/// - `statistics`: every table of SPEC §4 computed from the merged state;
/// - `disclosure`: primary and secondary suppression on those tables;
/// - `snapshot-write`: the statistic tables written into the snapshot's SQLite database and
///   serialized; compared with `zstd-3`, the compression the snapshot gets next, over the same
///   database bytes.
struct StateBenchmarks {
  let settings: IngestSettings
  let k: Int
  let records: [AgencyRecords]

  init(settings: IngestSettings, k: Int) throws {
    self.settings = settings
    self.k = k
    let entries = try InboxScanner.scan(inbox: settings.inbox)
    let plan = IngestPlan(entries: entries, settings: settings)
    let ingest = AgencyIngest(settings: settings)
    var records: [AgencyRecords] = []
    for agencyFiles in plan.agencies {
      let start = records.count
      _ = ingest.run(
        agencyFiles, onRecords: { records.append($0) },
        onRestart: { records.removeSubrange(start...) })
    }
    self.records = records
  }

  func run(rounds: Int) throws -> [Measurement] {
    let recordCount = records.reduce(0) { $0 + $1.assessments.count + $1.enrolments.count }
    var add = Timing()
    var merge = Timing()
    var statistics = Timing()
    var disclosure = Timing()
    var write = Timing()
    var zstd = Timing()
    var cells = 0
    var rows = 0
    var databaseBytes = 0
    var compressedBytes = 0
    for _ in 0..<rounds {
      var (even, odd) = add.time { halves() }
      merge.time { even.merge(odd) }
      odd = AggregationState()  // freed here, outside the timings
      cells = even.assessments.count + even.completions.count
      let builder = StatisticsBuilder(
        register: settings.register, catalogue: settings.catalogue, model: settings.model)
      var tables = statistics.time { builder.build(even, threads: 1) }
      disclosure.time {
        PipelineRunner.suppress(&tables, state: even, settings: settings, k: k, threads: 1)
      }
      PipelineRunner.completeForPublishing(&tables, register: settings.register)
      let rendered = tables.render()
      rows = rendered.reduce(0) { $0 + $1.rowCount }
      let database = try write.time { try SnapshotDatabase.build(rendered, threads: 1) }
      databaseBytes = database.count
      compressedBytes = try zstd.time { try Zstd.compress(database, level: 3) }.count
    }
    FileHandle.standardError.write(
      "loft-micro: \(records.count) agency parts, \(recordCount) records, \(cells) cells, \(rows) table rows, database \(databaseBytes) bytes, \(compressedBytes) compressed\n"
        .data(using: .utf8)!)
    return [
      Measurement(name: "add", timing: add, bytes: 0, items: recordCount),
      Measurement(name: "merge", baseline: "add", timing: merge, bytes: 0, items: cells),
      Measurement(name: "statistics", timing: statistics, bytes: 0, items: rows),
      Measurement(name: "disclosure", timing: disclosure, bytes: 0, items: rows),
      Measurement(name: "zstd-3", timing: zstd, bytes: databaseBytes, items: rows),
      Measurement(
        name: "snapshot-write", baseline: "zstd-3", timing: write, bytes: databaseBytes,
        items: rows),
    ]
  }

  /// The even and the odd agencies' records, each added into a state of its own.
  private func halves() -> (AggregationState, AggregationState) {
    var even = AggregationState()
    var odd = AggregationState()
    for agencyRecords in records {
      if agencyRecords.agency % 2 == 0 {
        even.add(agencyRecords, model: settings.model, granularity: settings.granularity)
      } else {
        odd.add(agencyRecords, model: settings.model, granularity: settings.granularity)
      }
    }
    return (even, odd)
  }
}
