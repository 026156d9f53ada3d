// loft-micro: Løft's hot paths timed one by one, in plain release-mode code, each against a
// named baseline measured in the same run. Built only with LOFT_MICRO=1 (see Package.swift);
// Benchmarks/run.sh runs it and Benchmarks/report.py puts its figures in RESULTS.md.
//
//   loft-micro reading PIPELINE [--rounds N] [--as-of YYYY-MM-DD]   floor, tokenize, validate
//   loft-micro state PIPELINE [--rounds N] [--as-of YYYY-MM-DD]     add, merge, statistics,
//                                                                   disclosure, snapshot write
//
// Prints one tab-separated line per measurement (Measurement.header first); notes on stderr.
import Foundation
import LoftCore
import LoftIngest
import LoftPipeline

struct MicroError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

let usage = "usage: loft-micro reading|state PIPELINE [--rounds N] [--as-of YYYY-MM-DD]"

func fail(_ message: String) -> Never {
  FileHandle.standardError.write("loft-micro: \(message)\n".data(using: .utf8)!)
  exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var rounds = 5
var asOf = Day(year: 2026, month: 11, day: 30)!
var positional: [String] = []
while !arguments.isEmpty {
  let argument = arguments.removeFirst()
  switch argument {
  case "--rounds":
    guard let value = arguments.first.flatMap(Int.init), value > 0 else { fail(usage) }
    rounds = value
    arguments.removeFirst()
  case "--as-of":
    guard let day = arguments.first.flatMap(FieldParsing.date) else { fail(usage) }
    asOf = day
    arguments.removeFirst()
  default: positional.append(argument)
  }
}
guard positional.count == 2, ["reading", "state"].contains(positional[0]) else { fail(usage) }

do {
  let definition = try PipelineDefinition.load(path: positional[1])
  let settings = try PipelineRunner.settings(definition, asOf: asOf)
  let measurements =
    positional[0] == "reading"
    ? try ReadingBenchmarks(settings: settings).run(rounds: rounds)
    : try StateBenchmarks(settings: settings, k: definition.k).run(rounds: rounds)
  print(Measurement.header)
  for measurement in measurements { print(measurement.line) }
} catch let error as LoftError {
  fail(error.message)
} catch {
  fail("\(error)")
}
