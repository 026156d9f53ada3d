import Foundation
import LoftCore
import LoftFuzzSupport
import LoftIngest
import LoftPipeline

/// libFuzzer target: the files an analyst writes. The first byte picks which one the rest is:
/// 0 a pipeline definition, 1 a model (named by a fixed definition), 2 a register, 3 a catalogue.
/// Definitions and models go through `PipelineDefinition.load`, from files in a scratch folder
/// that also holds a valid register, catalogue, model and inbox.
///
/// A wrong file must end in one `LoftError` that names the file (SPEC §2), never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDefinition(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
  guard let start, count > 0 else { return 0 }
  let body = Array(UnsafeBufferPointer(start: start + 1, count: count - 1))
  switch start[0] % 4 {
  case 0:
    Scratch.write(body, to: Scratch.definition)
    load(Scratch.definition, naming: Scratch.definition)
  case 1:
    Scratch.write(body, to: Scratch.model)
    load(Scratch.modelDefinition, naming: Scratch.model)
  case 2:
    do throws(LoftError) {
      _ = try ReferenceLoader.register(bytes: body, file: "fuzz/agencies.csv")
    } catch {
      expectNamed(error, "fuzz/agencies.csv")
    }
  default:
    do throws(LoftError) {
      _ = try ReferenceLoader.catalogue(
        bytes: body, file: "fuzz/courses.csv", model: FuzzWorld.model)
    } catch {
      expectNamed(error, "fuzz/courses.csv")
    }
  }
  return 0
}

private func load(_ definition: String, naming file: String) {
  do throws(LoftError) {
    let loaded = try PipelineDefinition.load(path: definition)
    use(loaded)
  } catch {
    expectNamed(error, file)
  }
}

/// What `loft run` builds from a definition before it reads any delivery: a definition that
/// loads must be usable (a limit of 0 used to load, then fail a precondition here).
private func use(_ definition: PipelineDefinition) {
  let limits = definition.limits
  _ = CSVLimits(maxFieldBytes: limits.maxFieldBytes, maxColumns: limits.maxColumns)
  _ = XAPILimits(maxDepth: limits.maxJSONDepth, maxStringBytes: limits.maxFieldBytes)
  for kind in SourceKind.allCases {
    _ = ColumnVocabulary(kind: kind, model: definition.model, extra: definition.aliases)
  }
  for source in definition.sources {
    _ = source.glob.matches("2025/assessment-2025.csv")
  }
  let scale = definition.model.maturity.scale
  _ = (scale.min...scale.max).map { $0 * definition.model.maturity.dimensions.count }
}

private func expectNamed(_ error: LoftError, _ file: String) {
  guard error.message.contains(file) else {
    fatalError("the error does not name \(file): \(error.message)")
  }
}

/// A scratch folder with everything a definition names, made once per fuzzing process.
private enum Scratch {
  static let folder: String = {
    let folder = NSTemporaryDirectory() + "loft-fuzz-definition-\(getpid())"
    let manager = FileManager.default
    do {
      try manager.createDirectory(
        atPath: folder + "/inbox/974760673", withIntermediateDirectories: true)
      let demo = FuzzWorld.repository + "/Fixtures/demo/reference/"
      for name in ["agencies.csv", "courses.csv"]
      where !manager.fileExists(atPath: folder + "/" + name) {
        try manager.copyItem(atPath: demo + name, toPath: folder + "/" + name)
      }
      let defaultModel = folder + "/default.yaml"
      if !manager.fileExists(atPath: defaultModel) {
        try manager.copyItem(
          atPath: FuzzWorld.repository + "/Pipelines/models/default.yaml", toPath: defaultModel)
      }
    } catch {
      fatalError("cannot prepare \(folder): \(error)")
    }
    let modelDefinition = """
      name: fuzz
      inbox: inbox
      register: agencies.csv
      catalogue: courses.csv
      model: model.yaml
      output: out
      sources:
        - { kind: assessment, format: csv, glob: "**/assessment*" }

      """
    write(Array(modelDefinition.utf8), to: folder + "/model-definition.yaml")
    atexit { try? FileManager.default.removeItem(atPath: Scratch.folder) }
    return folder
  }()

  static var definition: String { folder + "/definition.yaml" }
  static var model: String { folder + "/model.yaml" }
  static var modelDefinition: String { folder + "/model-definition.yaml" }

  static func write(_ bytes: [UInt8], to path: String) {
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
      fatalError("cannot write \(path)")
    }
  }
}
