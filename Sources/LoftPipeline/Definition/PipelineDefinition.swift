import Foundation
import LoftCore
import LoftIngest

/// A pipeline definition (`Pipelines/*.yaml`), checked and with every path made absolute.
package struct PipelineDefinition: Sendable {
  /// The definition file, as given.
  package var file: String
  /// SHA-256 of the definition file's bytes, in hex.
  package var hash: String
  package var name: String
  package var inbox: String
  package var register: String
  package var catalogue: String
  package var modelPath: String
  package var model: Model
  package var output: String
  package var period: PeriodGranularity
  /// The disclosure threshold: cells with fewer contributors are suppressed.
  package var k: Int
  /// Above this share of rejected records a file is quarantined.
  package var maxRejectRate: Double
  package var limits: Limits
  package var sources: [Source]
  /// Extra column aliases, by canonical column name.
  package var aliases: [String: [String]]
  /// Per-agency extra aliases, by org number then canonical column name.
  package var agencyAliases: [OrgNumber: [String: [String]]]

  static let keys = [
    "name", "inbox", "register", "catalogue", "model", "output", "period", "disclosure",
    "quarantine", "limits", "sources", "aliases", "agencies",
  ]

  /// Reads and checks a definition; every error names the file, the key path and the line.
  package static func load(path: String) throws(LoftError) -> PipelineDefinition {
    let bytes = try readFile(path, what: "pipeline definition")
    let root = try YAMLValue.parse(String(decoding: bytes, as: UTF8.self), file: path)
    _ = try root.mapping(allowed: keys)
    // The definition's own folder, absolute: every path in it is relative to that.
    let written = (path as NSString).deletingLastPathComponent
    let folder =
      written.hasPrefix("/")
      ? written
      : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(written)

    func resolve(_ value: YAMLValue, mustBe kind: FileKind?) throws(LoftError) -> String {
      let written = try value.nonEmptyString()
      let absolute =
        written.hasPrefix("/") ? written : (folder as NSString).appendingPathComponent(written)
      // `..` and `.` resolved in the text: the output folder may not exist yet.
      let resolved = (absolute as NSString).standardizingPath
      if let kind {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder)
        guard exists else {
          throw value.error(
            "`\(written)` does not exist (looked for \(resolved))", code: "definition.missing_file")
        }
        guard isFolder.boolValue == (kind == .folder) else {
          throw value.error(
            "`\(written)` is not a \(kind == .folder ? "folder" : "file")",
            code: "definition.missing_file")
        }
      }
      return resolved
    }

    let modelNode =
      try root.optional("model")
      ?? YAMLValue(node: "models/default.yaml", file: path, path: "model")
    let modelPath = try resolve(modelNode, mustBe: .file)
    let (model, _) = try ModelLoader.load(path: modelPath)

    var definition = PipelineDefinition(
      file: path, hash: SHA256.hex(SHA256.hash(bytes)),
      name: try root.required("name").nonEmptyString(),
      inbox: try resolve(root.required("inbox"), mustBe: .folder),
      register: try resolve(root.required("register"), mustBe: .file),
      catalogue: try resolve(root.required("catalogue"), mustBe: .file),
      modelPath: modelPath, model: model,
      output: try resolve(root.required("output"), mustBe: nil),
      period: .year, k: 5, maxRejectRate: 0.2, limits: Limits(), sources: [], aliases: [:],
      agencyAliases: [:])

    if let period = try root.optional("period") {
      let word = try period.string()
      guard let granularity = PeriodGranularity(rawValue: word) else {
        throw period.error("expected year, half or quarter, found `\(word)`")
      }
      definition.period = granularity
    }
    if let disclosure = try root.optional("disclosure") {
      _ = try disclosure.mapping(allowed: ["k"])
      if let kNode = try disclosure.optional("k") {
        definition.k = try kNode.int()
        guard definition.k >= 1 else { throw kNode.error("k must be at least 1") }
      }
    }
    if let quarantine = try root.optional("quarantine") {
      _ = try quarantine.mapping(allowed: ["max_reject_rate"])
      if let rate = try quarantine.optional("max_reject_rate") {
        definition.maxRejectRate = try rate.double()
        guard (0...1).contains(definition.maxRejectRate) else {
          throw rate.error("a share between 0 and 1 is expected")
        }
      }
    }
    if let limits = try root.optional("limits") {
      definition.limits = try readLimits(limits)
    }
    definition.sources = try readSources(root.required("sources"))
    let canonicalNames = Self.canonicalNames(model: model)
    if let aliases = try root.optional("aliases") {
      definition.aliases = try readAliases(aliases, canonical: canonicalNames)
    }
    if let agencies = try root.optional("agencies") {
      for (key, entry) in try agencies.mapping() {
        guard let org = OrgNumber(key) else {
          throw entry.error("`\(key)` is not a valid org number (9 digits, mod-11 check digit)")
        }
        _ = try entry.mapping(allowed: ["aliases"])
        if let aliases = try entry.optional("aliases") {
          definition.agencyAliases[org] = try readAliases(aliases, canonical: canonicalNames)
        }
      }
    }
    return definition
  }

  private enum FileKind { case file, folder }

  private static func readLimits(_ value: YAMLValue) throws(LoftError) -> Limits {
    var limits = Limits()
    for (key, entry) in try value.mapping(allowed: [
      "max_decompressed_bytes", "max_ratio", "max_field_bytes", "max_columns", "max_json_depth",
    ]) {
      switch key {
      case "max_decompressed_bytes": limits.maxDecompressedBytes = try entry.byteSize()
      case "max_ratio": limits.maxRatio = try entry.double()
      case "max_field_bytes": limits.maxFieldBytes = try entry.byteSize()
      case "max_columns": limits.maxColumns = try entry.int()
      default: limits.maxJSONDepth = try entry.int()
      }
      // Every limit must let something through: a 0 here used to pass, and
      // `max_field_bytes: 0` then stopped the run at its first CSV file (a failed precondition).
      let positive: Bool =
        switch key {
        case "max_decompressed_bytes": limits.maxDecompressedBytes > 0
        case "max_ratio": limits.maxRatio > 0
        case "max_field_bytes": limits.maxFieldBytes > 0
        case "max_columns": limits.maxColumns > 0
        default: limits.maxJSONDepth > 0
        }
      guard positive else { throw entry.error("must be greater than 0") }
    }
    return limits
  }

  private static func readSources(_ value: YAMLValue) throws(LoftError) -> [Source] {
    var sources: [Source] = []
    for entry in try value.sequence() {
      _ = try entry.mapping(allowed: ["kind", "format", "glob"])
      let kindNode = try entry.required("kind")
      guard let kind = SourceKind(rawValue: try kindNode.string()) else {
        throw kindNode.error("expected assessment or completion")
      }
      let formatNode = try entry.required("format")
      guard let format = SourceFormat(rawValue: try formatNode.string()) else {
        throw formatNode.error("expected csv or xapi")
      }
      guard format == .csv || kind == .completion else {
        throw formatNode.error("xapi deliveries are completions; assessments are csv")
      }
      let globNode = try entry.required("glob")
      let pattern = try globNode.string()
      let glob: Glob
      do throws(Glob.SyntaxError) {
        glob = try Glob(pattern)
      } catch {
        throw globNode.error("bad glob: \(error.message)", code: "definition.bad_glob")
      }
      sources.append(Source(kind: kind, format: format, glob: glob))
    }
    guard !sources.isEmpty else { throw value.error("at least one source is needed") }
    return sources
  }

  private static func readAliases(
    _ value: YAMLValue, canonical: Set<String>
  ) throws(LoftError) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for (key, entry) in try value.mapping() {
      guard canonical.contains(key) else {
        throw entry.error("`\(key)` is not a canonical column", code: "definition.unknown_key")
      }
      result[key] = try entry.strings()
    }
    return result
  }

  /// Every canonical column name of both source kinds under a model.
  static func canonicalNames(model: Model) -> Set<String> {
    var names: Set<String> = []
    for kind in SourceKind.allCases {
      let vocabulary = ColumnVocabulary(kind: kind, model: model)
      for column in vocabulary.columns { names.insert(column.name(in: model)) }
    }
    return names
  }
}
