import ArgumentParser
import LoftCore

/// `loft`: the national batch pipeline behind the digital-competence lift for public leaders.
@main
struct Loft: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "loft",
    abstract: "Ingest agencies' deliveries, compute protected statistics, publish snapshots.",
    discussion: """
      Løft reads the anonymized exports that agencies deliver into an inbox (maturity and competence self-assessments, course completions), checks every record, computes sector-wide statistics with disclosure control, and publishes an immutable, compressed snapshot. Start with `loft run Pipelines/demo.yaml`.

      Exit codes: 0 done; 1 failed (nothing published, or a check failed); 2 usage or a problem in the pipeline definition, model, register or catalogue.
      """,
    subcommands: [Run.self, Validate.self, Query.self, Verify.self, Diff.self])

  /// Runs the command; usage errors exit with 2 as SPEC §7 says (the parser's default is 64).
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        printError(fullMessage(for: error))
        exit(withError: ExitCode(2))
      }
      exit(withError: error)
    }
  }
}

/// Runs a command body, turning a `LoftError` into one line on stderr and its exit code.
func runReportingErrors(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as LoftError {
    printError("loft: error: \(error.message)")
    throw ExitCode(error.exitCode)
  }
}

func printError(_ text: String) {
  var standardError = StandardError()
  print(text, to: &standardError)
}

struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    FileHandleWriter.write(string, to: 2)
  }
}
