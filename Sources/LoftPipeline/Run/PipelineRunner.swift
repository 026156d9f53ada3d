import Dispatch
import Foundation
import LoftAggregate
import LoftAudit
import LoftCore
import LoftDisclosure
import LoftIngest
import LoftPublish

/// Wires the stages: definition → ingest → aggregate → disclosure → publish.
package struct PipelineRunner: Sendable {
  /// Receives one line of progress at a time (stderr on the command line).
  package let progress: @Sendable (String) -> Void
  /// Writes the snapshot; tests pass one with injected faults.
  package let files: DurableFiles

  package init(
    progress: @escaping @Sendable (String) -> Void = { _ in }, files: DurableFiles = DurableFiles()
  ) {
    self.progress = progress
    self.files = files
  }

  /// What `loft run` ends with.
  package struct RunResult: Sendable {
    package var snapshotPath: String
    package var existed: Bool
    package var report: RunReport
  }

  /// Ingests, aggregates and publishes; throws only when nothing could be published.
  package func run(_ pipeline: String, options: RunOptions) throws(LoftError) -> RunResult {
    let started = Date()
    let definition = try PipelineDefinition.load(path: pipeline)
    let asOf = options.asOf ?? Self.todayInOslo()
    let output = options.output.map(Self.absolute) ?? definition.output
    var report = RunReport(pipeline: pipeline, asOf: asOf, started: started)
    let reports = ReportWriter(output: output, threads: options.threadCount)
    do throws(LoftError) {
      // The register and catalogue first (exit 2), then the lock, so an unwritable output or
      // a concurrent run stops us before any delivery is read.
      let ingest = try Self.settings(definition, asOf: asOf)
      let lock = try OutputLock.acquire(output: output, files: files)
      defer { lock.release() }
      var clock = StageClock()
      let threads = options.threadCount
      var collected = try ingestAndAggregate(ingest, threads: threads)
      report.record(files: collected.inputs, rejects: collected.rejects)
      clock.lap("ingest and aggregate", into: &report)

      progress("loft: computing statistics and suppressing small cells (k = \(definition.k))")
      var tables = StatisticsBuilder(
        register: ingest.register, catalogue: ingest.catalogue, model: ingest.model
      ).build(collected.state, threads: threads)
      Self.suppress(
        &tables, state: collected.state, settings: ingest, k: definition.k, threads: threads)
      clock.lap("statistics and disclosure", into: &report)
      if options.audit {
        let audit = DisclosureAudit(
          register: ingest.register, catalogue: ingest.catalogue, model: ingest.model,
          k: definition.k
        ).audit(tables, state: collected.state)
        report.audit = RunReport.Audit(
          problems: audit.problems, protectedVectors: audit.protectedVectors,
          exposures: audit.exposures.map(\.description))
        progress(
          "loft: audit: \(audit.exposures.count) exposed of \(audit.protectedVectors) protected vectors in \(audit.problems) problems"
        )
        guard audit.exposures.isEmpty else {
          throw LoftError(
            .runtime, code: "audit.exposed",
            "the disclosure audit found \(audit.exposures.count) exposed cell(s), e.g. \(audit.exposures[0])"
          )
        }
        clock.lap("audit", into: &report)
      }
      Self.completeForPublishing(&tables, register: ingest.register)
      report.suppression = Self.suppressionCounts(tables.suppression)

      progress("loft: publishing")
      let content = try SnapshotAssembler(
        definition: definition, settings: ingest, asOf: asOf, report: report
      ).assemble(
        tables: tables, inputs: collected.inputs, rejects: collected.rejects,
        threads: threads)
      // The aggregation state and the tables are spent. Their many small parts take 0.05–0.1 s
      // to free: with a second thread, they are freed there while the snapshot and the report
      // are written.
      let freeing = DispatchGroup()
      defer { freeing.wait() }
      let spent = WorkerSlots<(AggregationState, StatisticTables)>(count: 1)
      spent[0] = (collected.state, tables)
      collected.state = AggregationState()
      tables = StatisticTables()
      if threads > 1 {
        DispatchQueue.global().async(group: freeing) { spent[0] = nil }
      } else {
        spent[0] = nil
      }
      let publisher = SnapshotPublisher(output: output, files: files)
      let outcome = try publisher.publish(content.content, asOf: asOf) { files in
        content.manifest(files: files, started: started, finished: Date())
      }
      clock.lap("publish", into: &report)
      report.outcome = outcome.existed ? "exists" : "published"
      report.snapshot = outcome.path
      report.finished = RunReport.timestamp(Date())
      reports.write(report)
      return RunResult(snapshotPath: outcome.path, existed: outcome.existed, report: report)
    } catch {
      report.error = error.message
      report.finished = RunReport.timestamp(Date())
      reports.write(report)
      throw error
    }
  }

  /// Runs every check and returns the report; publishes nothing.
  package func validate(_ pipeline: String, options: RunOptions) throws(LoftError) -> RunReport {
    let started = Date()
    let definition = try PipelineDefinition.load(path: pipeline)
    let asOf = options.asOf ?? Self.todayInOslo()
    var report = RunReport(pipeline: pipeline, asOf: asOf, started: started)
    let ingest = try Self.settings(definition, asOf: asOf)
    var clock = StageClock()
    let collected = try ingestAndAggregate(ingest, threads: options.threadCount)
    report.record(files: collected.inputs, rejects: collected.rejects)
    clock.lap("ingest and aggregate", into: &report)
    if let path = options.rejectsFile {
      try files.write(RejectsFile.render(collected.rejects), to: Self.absolute(path), mode: 0o600)
    }
    report.outcome = "validated"
    report.finished = RunReport.timestamp(Date())
    return report
  }

  /// What the ingest stage hands on: every file's row, every reject, the merged state.
  struct Collected {
    var inputs: [InputFile]
    var rejects: [Reject]
    var state: AggregationState
  }

  /// Reads every agency's folder in parallel; each worker aggregates what it read into its own
  /// state, so an agency's records never outlive its turn. States merge in worker order.
  func ingestAndAggregate(_ settings: IngestSettings, threads: Int) throws(LoftError) -> Collected {
    let entries: [InboxEntry]
    do {
      entries = try InboxScanner.scan(inbox: settings.inbox, threads: threads)
    } catch {
      throw LoftError(.runtime, code: "inbox.unreadable", "\(error)")
    }
    let plan = IngestPlan(entries: entries, settings: settings)
    let fileCount = plan.agencies.reduce(0) { $0 + $1.files.count }
    progress(
      "loft: reading \(fileCount) files from \(plan.agencies.count) agencies (\(entries.count) entries in the inbox)"
    )
    let workers = max(
      1, min(threads, max(1, plan.agencies.count)))
    let slots = WorkerSlots<(state: AggregationState, results: [(Int, AgencyIngest.Result)])>(
      count: workers)
    // One large agency's files may use every thread, whatever the number of agencies; the
    // workers share one budget for the parts of large agencies (about 2 million records).
    let ingest = AgencyIngest(
      settings: settings, recordsPerPart: max(1 << 18, (1 << 21) / workers), threads: threads)
    let next = WorkCounter()
    // The largest agencies first, so that no worker is left with a large one at the end.
    let sizes = plan.agencies.map(\.expectedBytes)
    let largestFirst = plan.agencies.indices.sorted { a, b in
      sizes[a] != sizes[b] ? sizes[a] > sizes[b] : a < b
    }
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var state = AggregationState()
      var results: [(Int, AgencyIngest.Result)] = []
      while let taken = next.take(below: plan.agencies.count) {
        let index = largestFirst[taken]
        // A large agency comes in parts; they are added to a state of their own, which a file
        // changing between readings can throw away.
        var agencyState = AggregationState()
        let result = ingest.run(
          plan.agencies[index],
          onRecords: { records in
            agencyState.add(records, model: settings.model, granularity: settings.granularity)
          },
          onRestart: { agencyState = AggregationState() })
        state.merge(agencyState)
        results.append((index, result))
      }
      slots[worker] = (state, results)
    }
    // The first worker's state is the start: the others' cells (of other agencies) are added
    // to it, instead of every worker's to an empty state.
    let values = slots.values
    var state = values[0].state
    var inputs = plan.settled
    var rejects: [Reject] = []
    var byIndex: [Int: AgencyIngest.Result] = [:]
    for (worker, slot) in values.enumerated() {
      if worker > 0 { state.merge(slot.state) }
      for (index, result) in slot.results { byIndex[index] = result }
    }
    for index in plan.agencies.indices {
      inputs += byIndex[index]!.inputs
      rejects += byIndex[index]!.rejects
    }
    inputs.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    rejects.sort { lhs, rhs in
      lhs.file == rhs.file
        ? lhs.line < rhs.line : lhs.file.utf8.lexicographicallyPrecedes(rhs.file.utf8)
    }
    return Collected(inputs: inputs, rejects: rejects, state: state)
  }

  /// Primary, then secondary suppression of `tables`, which were made from `state`.
  package static func suppress(
    _ tables: inout StatisticTables, state: AggregationState, settings: IngestSettings, k: Int,
    threads: Int
  ) {
    PrimarySuppression.apply(to: &tables, k: k)
    SecondarySuppression(
      register: settings.register, catalogue: settings.catalogue, model: settings.model, k: k
    ).apply(to: &tables, state: state, threads: threads)
  }

  /// Adds what follows from the suppressed tables: the agency benchmark (from the published
  /// maturity rows) and the list of suppressed cells.
  package static func completeForPublishing(_ tables: inout StatisticTables, register: Register) {
    tables.agencyBenchmark = AgencyBenchmarkBuilder.build(
      maturity: tables.maturity, register: register)
    tables.recordSuppression()
  }

  /// Reads the register and catalogue (exit 2 on any defect) and gathers the ingest settings.
  package static func settings(_ definition: PipelineDefinition, asOf: Day) throws(LoftError)
    -> IngestSettings
  {
    let register = try ReferenceLoader.register(
      bytes: try readFile(definition.register, what: "register"), file: definition.register)
    let catalogue = try ReferenceLoader.catalogue(
      bytes: try readFile(definition.catalogue, what: "catalogue"), file: definition.catalogue,
      model: definition.model)
    return IngestSettings(
      inbox: definition.inbox, register: register, catalogue: catalogue, model: definition.model,
      sources: definition.sources, aliases: definition.aliases,
      agencyAliases: definition.agencyAliases, limits: definition.limits,
      maxRejectRate: definition.maxRejectRate, granularity: definition.period, asOf: asOf)
  }

  /// Suppressed cells per table and reason, by table, then reason; counted in a dictionary per
  /// table rather than by a key string made for every entry.
  static func suppressionCounts(_ entries: [SuppressionEntry]) -> [RunReport.SuppressionCount] {
    var counts: [String: [String: Int]] = [:]
    for entry in entries { counts[entry.table, default: [:]][entry.reason, default: 0] += 1 }
    return counts.keys.sorted().flatMap { table in
      counts[table]!.sorted { $0.key < $1.key }.map { reason, cells in
        RunReport.SuppressionCount(table: table, reason: reason, cells: cells)
      }
    }
  }

  /// Today's date in Norway.
  static func todayInOslo() -> Day {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Oslo") ?? TimeZone(secondsFromGMT: 3600)!
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
  }

  static func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
  }
}

/// Times the stages of a run.
struct StageClock {
  private var last = DispatchTime.now()

  mutating func lap(_ stage: String, into report: inout RunReport) {
    let now = DispatchTime.now()
    report.timings.append(
      RunReport.Timing(
        stage: stage, seconds: Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
    last = now
  }
}
