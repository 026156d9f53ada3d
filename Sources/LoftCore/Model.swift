/// The measurement model: maturity dimensions and competence areas, with their scales.
///
/// Nothing about the dimensions or areas is hard-coded: a model file names them.
public struct Model: Sendable, Equatable {
  public var name: String
  public var version: String
  public var maturity: Maturity
  public var competence: Competence

  public init(name: String, version: String, maturity: Maturity, competence: Competence) {
    self.name = name
    self.version = version
    self.maturity = maturity
    self.competence = competence
  }

  /// The maturity staircase: a scale, a name per step, and the dimensions placed on it.
  public struct Maturity: Sendable, Equatable {
    public var scale: Scale
    public var steps: [Step]
    public var transformationFrom: Int
    public var dimensions: [Item]
    public init(scale: Scale, steps: [Step], transformationFrom: Int, dimensions: [Item]) {
      self.scale = scale
      self.steps = steps
      self.transformationFrom = transformationFrom
      self.dimensions = dimensions
    }
  }

  /// The competence model: a level scale and the areas assessed on it.
  public struct Competence: Sendable, Equatable {
    public var scale: Scale
    public var steps: [Step]
    public var areas: [Item]
    public init(scale: Scale, steps: [Step], areas: [Item]) {
      self.scale = scale
      self.steps = steps
      self.areas = areas
    }
  }

  /// A closed range of whole numbers.
  public struct Scale: Sendable, Equatable {
    public var min: Int
    public var max: Int
    public init(min: Int, max: Int) {
      self.min = min
      self.max = max
    }
    public var count: Int { max - min + 1 }
    public func contains(_ value: Int) -> Bool { value >= min && value <= max }
  }

  /// A named step of a scale.
  public struct Step: Sendable, Equatable {
    public var value: Int
    public var nb: String
    public var en: String
    public init(value: Int, nb: String, en: String) {
      self.value = value
      self.nb = nb
      self.en = en
    }
  }

  /// A dimension or an area: its code, its names, and extra column aliases.
  public struct Item: Sendable, Equatable {
    public var code: String
    public var nb: String
    public var en: String
    public var aliases: [String]
    public init(code: String, nb: String, en: String, aliases: [String]) {
      self.code = code
      self.nb = nb
      self.en = en
      self.aliases = aliases
    }
  }

  /// The least common multiple of 1…(number of dimensions): `overall` times it is a whole number.
  public var overallScale: Int {
    var result = 1
    for count in 1...Swift.max(1, maturity.dimensions.count) {
      result = result / gcd(result, count) * count
    }
    return result
  }
}

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
