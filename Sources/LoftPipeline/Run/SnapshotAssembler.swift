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
  /// national snapshot (14.2 MB) to 3.1 MB in about 0.07 s on one thread.
  static let compressionLevel: Int32 = 3
  /// The snapshot is compressed in independent zstd frames of this many bytes, on every
  /// thread: fixed, so the bytes do not depend on the number of threads. A snapshot of at most
  /// this size is one frame. The national snapshot's four frames are 0.6 % larger than one
  /// (3.125 against 3.106 MB); 2 MiB frames cost 2.5 % (measured with the zstd tool).
  static let frameSize = 4 << 20
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

  /// Makes every file of the snapshot: the database's tables are written on `threads`
  /// workers; then the database is put together while the summaries, the report and the
  /// rejects file are made beside it; last, the database is compressed on every worker.
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
    // First each table of the database into a part of its own, on every thread; then the
    // parts are put together while the summaries, the report and the rejects file are made.
    let parts: [[UInt8]]
    do {
      parts = try SnapshotDatabase.parts(databaseTables, threads: threads)
    } catch {
      throw Self.failure(error)
    }
    let database = WorkerSlots<Result<SQLiteDatabase, SQLiteError>>(count: 1)
    let extra = WorkerSlots<(files: [(path: String, bytes: [UInt8])], rejects: [UInt8])>(count: 1)
    let jobs: [@Sendable () -> Void] = [
      {
        database[0] = Result { () throws(SQLiteError) in
          try SnapshotDatabase.assemble(databaseTables, parts: parts)
        }
      },
      {
        // The summaries show national and sector rows only: the others are not even made.
        let shown = tables.keeping([.national, .sector]).render()
        var files: [(path: String, bytes: [UInt8])] = shown.map { table in
          ("summary/\(table.name).csv", SummaryCSV.render(table))
        }
        files.append(("report.html", Array(page.html().utf8)))
        // The rejects file too: a messy inbox's takes 0.03 s, which ran alone after both jobs.
        extra[0] = (files, RejectsFile.render(rejects))
      },
    ]
    runSideBySide(jobs, threads: threads)
    // Compressed once both jobs are done, on every thread: a job's own workers would run one
    // after the other (libdispatch narrows a concurrentPerform inside another to one thread).
    let compressed: [UInt8]
    do {
      compressed = try database[0]!.get().withSerializedBytes { bytes in
        try Zstd.compress(
          bytes, level: Self.compressionLevel, frameSize: Self.frameSize, threads: threads)
      }
    } catch {
      throw Self.failure(error)
    }
    return Assembled(
      content: SnapshotPublisher.Content(
        database: compressed, extraFiles: extra[0]!.files, rejects: extra[0]!.rejects),
      entries: entries)
  }

  /// A failure to build or compress the snapshot database, as the run reports it.
  private static func failure(_ error: any Error) -> LoftError {
    if let error = error as? SQLiteError {
      return LoftError(
        .runtime, code: "publish.sqlite", "building the snapshot database failed: \(error)")
    }
    return LoftError(.runtime, code: "publish.zstd", "compressing the snapshot failed: \(error)")
  }
}
