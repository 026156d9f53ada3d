import Dispatch
import Foundation
import LoftAggregate
import LoftCompression
import LoftCore
import LoftIngest
import LoftPublish

/// Puts a snapshot's files together: the database, the summaries, the report, the manifest.
struct SnapshotAssembler {
  let definition: PipelineDefinition
  let settings: IngestSettings
  let asOf: Day
  let report: RunReport

  /// zstd level of the snapshot: fixed, so the bytes are reproducible. Level 3 compresses the
  /// national snapshot (35 MB) in 0.17 s to 6.6 MB; level 9 took 1.05 s for 5.7 MB.
  static let compressionLevel: Int32 = 3
  static let version = "0.1.0"

  struct Assembled {
    var content: SnapshotPublisher.Content
    var entries: [(key: String, value: String)]

    /// `manifest.json`: the `_manifest` entries, the wall-clock start and end, every file.
    func manifest(
      files: [(path: String, sha256: String, bytes: Int)], started: Date, finished: Date
    ) -> [UInt8] {
      var object: [String: Any] = [:]
      for entry in entries { object[entry.key] = entry.value }
      object["started"] = RunReport.timestamp(started)
      object["finished"] = RunReport.timestamp(finished)
      object["files"] = files.map {
        ["path": $0.path, "sha256": $0.sha256, "bytes": $0.bytes] as [String: Any]
      }
      let data =
        (try? JSONSerialization.data(
          withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
        ?? Data()
      return Array(data) + [0x0A]
    }
  }

  /// Makes every file of the snapshot: the database's tables are written on `threads` workers,
  /// the summaries and the report beside them; then the database is put together and
  /// compressed.
  func assemble(
    tables: StatisticTables, inputs: [InputFile], rejects: [Reject], threads: Int = 1
  ) throws(LoftError) -> Assembled {
    let statistics = tables.render()
    let entries: [(key: String, value: String)] = [
      ("loft_version", Self.version),
      ("sqlite_version", SQLiteDatabase.versionString),
      ("zstd_version", Zstd.versionString),
      ("definition_sha256", definition.hash),
      ("definition_name", definition.name),
      ("as_of", asOf.description),
      ("model_name", definition.model.name),
      ("model_version", definition.model.version),
      ("k", String(definition.k)),
      ("period", definition.period.rawValue),
    ]
    var all = statistics
    all.append(MetadataTables.manifest(entries))
    all.append(MetadataTables.inputs(inputs))
    all.append(MetadataTables.model(definition.model))
    all.append(MetadataTables.agencies(settings.register))
    all.append(MetadataTables.courses(settings.catalogue))
    all.append(MetadataTables.periods(tables.periods, asOf: asOf))
    all.append(MetadataTables.suppression(tables.suppression))
    all.append(MetadataTables.descriptions(of: all))
    let databaseTables = all
    let page = ReportPage(
      tables: tables, rendered: statistics, inputs: inputs, model: definition.model, asOf: asOf,
      name: definition.name, courses: settings.catalogue.courses, k: definition.k)
    // One pool of jobs: each table's part of the database, largest first, and the summaries
    // and report, which take about as long as the largest table, second.
    let parts = WorkerSlots<Result<[UInt8], SQLiteError>>(count: databaseTables.count)
    let extra = WorkerSlots<[(path: String, bytes: [UInt8])]>(count: 1)
    var pool: [@Sendable () -> Void] = SnapshotDatabase.largestFirst(databaseTables).map {
      index in
      {
        parts[index] = Result { () throws(SQLiteError) in
          try SnapshotDatabase.part(databaseTables[index])
        }
      }
    }
    pool.insert(
      {
        // The summaries show national and sector rows only: the others are not even made.
        let shown = tables.keeping([.national, .sector]).render()
        var files: [(path: String, bytes: [UInt8])] = shown.map { table in
          ("summary/\(table.name).csv", SummaryCSV.render(table))
        }
        files.append(("report.html", Array(page.html().utf8)))
        extra[0] = files
      }, at: min(1, pool.count))
    let jobs = pool
    let next = WorkCounter()
    DispatchQueue.concurrentPerform(iterations: max(1, min(threads, jobs.count))) { _ in
      while let job = next.take(below: jobs.count) { jobs[job]() }
    }
    let database = try Self.database(databaseTables, parts: parts.values)
    return Assembled(
      content: SnapshotPublisher.Content(
        database: database, extraFiles: extra[0]!,
        rejects: RejectsFile.render(rejects)),
      entries: entries)
  }

  /// `snapshot.sqlite.zst`: the tables' parts put together, serialized and compressed.
  private static func database(
    _ tables: [Table], parts: [Result<[UInt8], SQLiteError>]
  ) throws(LoftError) -> [UInt8] {
    do {
      let built = try SnapshotDatabase.assemble(tables, parts: parts.map { try $0.get() })
      return try built.withSerializedBytes { bytes in
        try Zstd.compress(bytes, level: compressionLevel)
      }
    } catch let error as SQLiteError {
      throw LoftError(
        .runtime, code: "publish.sqlite", "building the snapshot database failed: \(error)")
    } catch {
      throw LoftError(.runtime, code: "publish.zstd", "compressing the snapshot failed: \(error)")
    }
  }
}
