import Foundation
import Testing

@testable import LoftCore
@testable import LoftPipeline

@Suite struct PipelineDefinitionTests {
  /// Writes a definition into the small fixture and loads it; returns the error message.
  func loadError(_ yaml: String) throws -> String? {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    try fixture.write(yaml, to: "bad.yaml")
    do {
      _ = try PipelineDefinition.load(path: fixture.path("bad.yaml"))
      return nil
    } catch {
      #expect(error.exitCode == 2)
      return error.message.replacingOccurrences(of: fixture.root + "/", with: "")
    }
  }

  let valid = """
    name: small
    inbox: inbox
    register: reference/agencies.csv
    catalogue: reference/courses.csv
    model: ../../Pipelines/models/default.yaml
    output: out
    sources:
      - { kind: assessment, format: csv, glob: "**/assessment*" }

    """

  @Test("loads the small definition with its defaults") func loads() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let definition = try PipelineDefinition.load(path: fixture.path("small.yaml"))
    #expect(definition.k == 5)
    #expect(definition.period == .year)
    #expect(definition.maxRejectRate == 0.2)
    #expect(definition.limits.maxDecompressedBytes == 4 << 30)
    #expect(
      definition.model.maturity.dimensions.map(\.code) == [
        "strategy", "technology", "organisation", "leadership",
      ])
    #expect(definition.model.competence.areas.count == 5)
    #expect(definition.model.maturity.transformationFrom == 3)
  }

  @Test("loads the demo definition") func demo() throws {
    let definition = try PipelineDefinition.load(path: Fixture.repository + "/Pipelines/demo.yaml")
    #expect(definition.name == "demo")
    #expect(definition.sources.count == 3)
    #expect(definition.aliases["respondent_id"] == ["svarperson"])
    #expect(definition.agencyAliases[OrgNumber("974760673")!]?["assessed_on"] == ["svardato"])
  }

  @Test("names the file, key path and line of an unknown key") func unknownKey() throws {
    let message = try #require(try loadError(valid + "colour: blue\n"))
    #expect(
      message
        == "bad.yaml:9: colour: unknown key `colour` (known here: name, inbox, register, catalogue, model, output, period, disclosure, quarantine, limits, sources, aliases, agencies)"
    )
  }

  @Test("names a wrong type with its key path") func wrongType() throws {
    let message = try #require(try loadError(valid + "disclosure: { k: five }\n"))
    #expect(message == "bad.yaml:9: disclosure.k: expected a whole number, found `five`")
  }

  @Test("names a missing file") func missingFile() throws {
    let message = try #require(
      try loadError(
        valid.replacingOccurrences(of: "reference/courses.csv", with: "reference/nope.csv")))
    #expect(message.hasPrefix("bad.yaml:4: catalogue: `reference/nope.csv` does not exist"))
  }

  @Test("names a bad glob in a list") func badGlob() throws {
    let message = try #require(
      try loadError(valid + "  - { kind: completion, format: csv, glob: \"[abc\" }\n"))
    #expect(message == "bad.yaml:9: sources[1].glob: bad glob: `[` is not closed by `]`")
  }

  @Test("names a missing required key") func missingKey() throws {
    let message = try #require(
      try loadError(valid.replacingOccurrences(of: "output: out\n", with: "")))
    #expect(message.contains("the required key `output` is missing"))
  }

  @Test("refuses sizes it cannot read and aliases of unknown columns") func limitsAndAliases()
    throws
  {
    let size = try #require(try loadError(valid + "limits: { max_field_bytes: 1 MB }\n"))
    #expect(size.hasPrefix("bad.yaml:9: limits.max_field_bytes:"))
    let alias = try #require(try loadError(valid + "aliases:\n  respondant: [x]\n"))
    #expect(alias == "bad.yaml:10: aliases.respondant: `respondant` is not a canonical column")
  }

  @Test("reports a YAML syntax error with its line") func syntax() throws {
    let message = try #require(try loadError(valid + "sources: [\n"))
    #expect(message.hasPrefix("bad.yaml: YAML syntax error at line"))
  }

  @Test("names a model file's error") func modelError() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    try fixture.write(
      "name: m\nversion: \"1\"\nmaturity:\n  scale: { min: 1, max: 6 }\n  transformation_from: 9\n  dimensions: [{ code: a, nb: A, en: A }]\ncompetence:\n  scale: { min: 1, max: 8 }\n  areas: [{ code: b, nb: B, en: B }]\n",
      to: "model.yaml")
    try fixture.write(
      valid.replacingOccurrences(of: "../../Pipelines/models/default.yaml", with: "model.yaml"),
      to: "p.yaml")
    #expect(throws: LoftError.self) { try PipelineDefinition.load(path: fixture.path("p.yaml")) }
    do {
      _ = try PipelineDefinition.load(path: fixture.path("p.yaml"))
    } catch {
      #expect(
        error.message.hasSuffix(
          "model.yaml:5: maturity.transformation_from: must be a generation within the scale"))
    }
  }

  // MARK: - Found by fuzzing (Fuzz/Definition)

  @Test(
    "refuses a limit of 0, which used to crash the run at its first CSV file",
    arguments: [
      "max_field_bytes", "max_decompressed_bytes", "max_columns", "max_json_depth", "max_ratio",
    ])
  func zeroLimit(key: String) throws {
    let message = try #require(try loadError(valid + "limits: { \(key): 0 }\n"))
    #expect(message == "bad.yaml:9: limits.\(key): must be greater than 0")
  }

  @Test("refuses a model scale of the widest whole numbers, whose width used to overflow")
  func hugeScale() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let model = try String(
      contentsOfFile: Fixture.repository + "/Pipelines/models/default.yaml", encoding: .utf8)
    for (range, line) in [
      ("min: -9223372036854775808, max: 9223372036854775807", 10),
      ("min: 3037000500, max: 3037000505", 10),
    ] {
      try fixture.write(
        model.replacingOccurrences(of: "min: 1, max: 6", with: range), to: "model.yaml")
      try fixture.write(
        valid.replacingOccurrences(of: "../../Pipelines/models/default.yaml", with: "model.yaml"),
        to: "p.yaml")
      do {
        _ = try PipelineDefinition.load(path: fixture.path("p.yaml"))
        Issue.record("a scale of \(range) was accepted")
      } catch {
        #expect(error.exitCode == 2)
        #expect(
          error.message.hasSuffix(
            "model.yaml:\(line): maturity.scale: a scale needs min < max, both from -1000 to 1000, "
              + "and at most 100 steps"))
      }
    }
  }
}
