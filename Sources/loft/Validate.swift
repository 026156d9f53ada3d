import ArgumentParser
import LoftCore
import LoftPipeline

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run every check on the inbox and print the run report; publish nothing.",
    discussion: """
      The same checks as `loft run`, without publishing. The report lists every file with its kind, dialect, status and counts, and the most frequent reasons with example locations.

      Example: loft validate Pipelines/demo.yaml --rejects /tmp/rejects.csv --format json
      """)

  enum Format: String, ExpressibleByArgument { case text, json }

  @Argument(help: "The pipeline definition (YAML).")
  var pipeline: String

  @Option(help: "Also write the rejected records to this CSV file (mode 0600).")
  var rejects: String?

  @Option(help: "text or json.")
  var format: Format = .text

  @Option(name: .customLong("as-of"), help: "The date future dates are judged against, YYYY-MM-DD.")
  var asOf: String?

  @Option(help: "Worker threads (default: every core).")
  var threads: Int?

  func run() throws {
    try runReportingErrors {
      let options = RunOptions(threads: threads, asOf: asOf.flatMap(parseDay), rejectsFile: rejects)
      let report = try PipelineRunner(progress: { printError($0) }).validate(
        pipeline, options: options)
      print(format == .json ? report.json() : report.text(), terminator: "")
    }
  }
}
