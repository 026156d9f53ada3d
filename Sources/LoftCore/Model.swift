/// The measurement model: maturity dimensions and competence areas, with their scales.
///
/// Nothing about the dimensions or areas is hard-coded: a model file names them.
package struct Model: Sendable, Equatable {
  package var name: String
  package var version: String
  package var maturity: Maturity
  package var competence: Competence

  package init(name: String, version: String, maturity: Maturity, competence: Competence) {
    self.name = name
    self.version = version
    self.maturity = maturity
    self.competence = competence
  }

  /// The maturity staircase: a scale, a name per step, and the dimensions placed on it.
  package struct Maturity: Sendable, Equatable {
    package var scale: Scale
    package var steps: [Step]
    package var transformationFrom: Int
    package var dimensions: [Item]
    package init(scale: Scale, steps: [Step], transformationFrom: Int, dimensions: [Item]) {
      self.scale = scale
      self.steps = steps
      self.transformationFrom = transformationFrom
      self.dimensions = dimensions
    }
  }

  /// The competence model: a level scale and the areas assessed on it.
  package struct Competence: Sendable, Equatable {
    package var scale: Scale
    package var steps: [Step]
    package var areas: [Item]
    package init(scale: Scale, steps: [Step], areas: [Item]) {
      self.scale = scale
      self.steps = steps
      self.areas = areas
    }
  }

  /// A closed range of whole numbers.
  package struct Scale: Sendable, Equatable {
    package var min: Int
    package var max: Int
    package init(min: Int, max: Int) {
      self.min = min
      self.max = max
    }
    package var count: Int { max - min + 1 }
    package func contains(_ value: Int) -> Bool { value >= min && value <= max }
  }

  /// A named step of a scale.
  package struct Step: Sendable, Equatable {
    package var value: Int
    package var nb: String
    package var en: String
    package init(value: Int, nb: String, en: String) {
      self.value = value
      self.nb = nb
      self.en = en
    }
  }

  /// A dimension or an area: its code, its names, and extra column aliases.
  package struct Item: Sendable, Equatable {
    package var code: String
    package var nb: String
    package var en: String
    package var aliases: [String]
    package init(code: String, nb: String, en: String, aliases: [String]) {
      self.code = code
      self.nb = nb
      self.en = en
      self.aliases = aliases
    }
  }

  /// The least common multiple of 1…(number of dimensions): `overall` times it is a whole number.
  package var overallScale: Int {
    var result = 1
    for count in 1...Swift.max(1, maturity.dimensions.count) {
      result = result / gcd(result, count) * count
    }
    return result
  }
}

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
