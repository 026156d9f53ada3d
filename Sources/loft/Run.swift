import ArgumentParser
import LoftCore
import LoftPipeline

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Ingest, validate, aggregate and publish a snapshot.",
    discussion: """
      Reads the inbox named by the pipeline definition, checks every file and record, computes the statistics, suppresses small cells and publishes a snapshot folder under <output>/snapshots/. Progress goes to stderr; the snapshot's absolute path to stdout. Rejected records go to <output>/rejects/<snapshot>.csv (mode 0600) and the run report to <output>/reports/.

      Example: loft run Pipelines/demo.yaml --as-of 2026-11-30
      """)

  @Argument(help: "The pipeline definition (YAML), e.g. Pipelines/demo.yaml.")
  var pipeline: String

  @Option(help: "Write snapshots here instead of the definition's `output`.")
  var output: String?

  @Option(help: "Worker threads (default: every core).")
  var threads: Int?

  @Option(
    name: .customLong("as-of"), help: "The run's date, YYYY-MM-DD (default: today in Europe/Oslo).")
  var asOf: String?

  @Flag(
    help:
      "Check the suppression with the independent disclosure audit (slower); an exposed cell fails the run."
  )
  var audit = false

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    if let asOf, parseDay(asOf) == nil {
      throw ValidationError("--as-of must be a date YYYY-MM-DD")
    }
  }

  func run() throws {
    try runReportingErrors {
      var options = RunOptions(output: output, threads: threads, asOf: asOf.flatMap(parseDay))
      options.audit = audit
      let result = try PipelineRunner(progress: { printError($0) }).run(pipeline, options: options)
      if result.existed {
        printError("loft: the snapshot exists already; nothing new was published")
      }
      print(result.snapshotPath)
    }
  }
}

/// A `YYYY-MM-DD` date.
func parseDay(_ text: String) -> Day? {
  let parts = text.split(separator: "-")
  guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
    let day = Int(parts[2])
  else { return nil }
  return Day(year: year, month: month, day: day)
}
