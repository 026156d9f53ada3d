import Foundation
import LoftCore

/// Reads a model file (`Pipelines/models/*.yaml`): the maturity and competence scales and items.
enum ModelLoader {
  static func load(path: String) throws(LoftError) -> (model: Model, bytes: [UInt8]) {
    let bytes = try readFile(path, what: "model")
    let root = try YAMLValue.parse(String(decoding: bytes, as: UTF8.self), file: path)
    _ = try root.mapping(allowed: ["name", "version", "maturity", "competence"])
    let maturityNode = try root.required("maturity")
    _ = try maturityNode.mapping(allowed: ["scale", "steps", "transformation_from", "dimensions"])
    let maturityScale = try scale(maturityNode.required("scale"))
    let transformation = try maturityNode.required("transformation_from")
    let transformationFrom = try transformation.int()
    guard maturityScale.contains(transformationFrom) else {
      throw transformation.error("must be a generation within the scale")
    }
    let competenceNode = try root.required("competence")
    _ = try competenceNode.mapping(allowed: ["scale", "steps", "areas"])
    let competenceScale = try scale(competenceNode.required("scale"))
    let model = Model(
      name: try root.required("name").nonEmptyString(),
      version: try root.required("version").nonEmptyString(),
      maturity: Model.Maturity(
        scale: maturityScale,
        steps: try steps(maturityNode.optional("steps"), scale: maturityScale),
        transformationFrom: transformationFrom,
        dimensions: try items(maturityNode.required("dimensions"))),
      competence: Model.Competence(
        scale: competenceScale,
        steps: try steps(competenceNode.optional("steps"), scale: competenceScale),
        areas: try items(competenceNode.required("areas"))))
    return (model, bytes)
  }

  /// The bounds a scale's `min` and `max` must lie within. Beyond them the statistics' exact
  /// integer sums could overflow, and `max - min` itself did for the widest `Int`s.
  static let scaleBounds = -1000...1000

  private static func scale(_ value: YAMLValue) throws(LoftError) -> Model.Scale {
    _ = try value.mapping(allowed: ["min", "max"])
    let scale = Model.Scale(
      min: try value.required("min").int(), max: try value.required("max").int())
    guard scaleBounds.contains(scale.min), scaleBounds.contains(scale.max), scale.min < scale.max,
      scale.count <= 100
    else {
      throw value.error(
        "a scale needs min < max, both from \(scaleBounds.lowerBound) to \(scaleBounds.upperBound), "
          + "and at most 100 steps")
    }
    return scale
  }

  /// A name per step; steps without a name are named by their number.
  private static func steps(_ value: YAMLValue?, scale: Model.Scale) throws(LoftError) -> [Model
    .Step]
  {
    var named: [Int: Model.Step] = [:]
    if let value {
      for (key, entry) in try value.mapping() {
        guard let step = Int(key), scale.contains(step) else {
          throw entry.error("`\(key)` is not a step of the scale \(scale.min)–\(scale.max)")
        }
        _ = try entry.mapping(allowed: ["nb", "en"])
        named[step] = Model.Step(
          value: step, nb: try entry.required("nb").nonEmptyString(),
          en: try entry.required("en").nonEmptyString())
      }
    }
    return (scale.min...scale.max).map {
      named[$0] ?? Model.Step(value: $0, nb: String($0), en: String($0))
    }
  }

  private static func items(_ value: YAMLValue) throws(LoftError) -> [Model.Item] {
    var result: [Model.Item] = []
    var codes: Set<String> = []
    for entry in try value.sequence() {
      _ = try entry.mapping(allowed: ["code", "nb", "en", "aliases"])
      let codeNode = try entry.required("code")
      let code = try codeNode.nonEmptyString()
      guard code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
        throw codeNode.error("a code is letters, digits and `_`, found `\(code)`")
      }
      guard code != "overall" else { throw codeNode.error("`overall` is reserved") }
      guard codes.insert(code).inserted else { throw codeNode.error("`\(code)` is listed twice") }
      result.append(
        Model.Item(
          code: code, nb: try entry.required("nb").nonEmptyString(),
          en: try entry.required("en").nonEmptyString(),
          aliases: try entry.optional("aliases")?.strings() ?? []))
    }
    guard !result.isEmpty else { throw value.error("the list is empty") }
    return result
  }
}

/// Reads a whole small file (a definition, model, register or catalogue) or fails with exit 2.
func readFile(_ path: String, what: String) throws(LoftError) -> [UInt8] {
  guard let data = FileManager.default.contents(atPath: path) else {
    throw LoftError(
      .configuration, code: "\(what).unreadable", "\(path): cannot read the \(what) file")
  }
  return [UInt8](data)
}
