import LoftCore
import Yams

/// A node of a YAML document together with where it is: the file, the key path and the line.
///
/// Every accessor throws a `LoftError` of kind `.configuration` that names all three, so a
/// wrong definition gets one clear error before any data is read.
struct YAMLValue {
  let node: Node
  let file: String
  /// The key path from the document root, e.g. `sources[1].glob`.
  let path: String

  /// Parses a YAML document; a syntax error names its line.
  static func parse(_ text: String, file: String) throws(LoftError) -> YAMLValue {
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw LoftError(.configuration, code: "definition.empty", "\(file): the file is empty")
      }
      return YAMLValue(node: node, file: file, path: "")
    } catch let error as LoftError {
      throw error
    } catch let error as YamlError {
      throw LoftError(.configuration, code: "definition.syntax", "\(file): \(describe(error))")
    } catch {
      throw LoftError(.configuration, code: "definition.syntax", "\(file): \(error)")
    }
  }

  private static func describe(_ error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _):
      let position = "line \(mark.line), column \(mark.column)"
      return "YAML syntax error at \(position): \(problem)\(context.map { " (\($0.text))" } ?? "")"
    default:
      return "YAML syntax error: \(error)"
    }
  }

  var line: Int { node.mark?.line ?? 0 }

  /// Builds the error for this node: `file:line: key.path: message`.
  func error(_ message: String, code: String = "definition.invalid") -> LoftError {
    let location = line > 0 ? "\(file):\(line)" : file
    let key = path.isEmpty ? "" : "\(path): "
    return LoftError(.configuration, code: code, "\(location): \(key)\(message)")
  }

  private func child(_ node: Node, key: String) -> YAMLValue {
    YAMLValue(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
  }

  /// The entries of a mapping, checked against the keys allowed here.
  func mapping(allowed: [String]? = nil) throws(LoftError) -> [(key: String, value: YAMLValue)] {
    guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value)") }
    var entries: [(String, YAMLValue)] = []
    var seen: Set<String> = []
    for (keyNode, valueNode) in mapping {
      guard case .scalar(let scalar) = keyNode else {
        throw YAMLValue(node: keyNode, file: file, path: path).error("keys must be plain words")
      }
      let key = scalar.string
      let value = child(valueNode, key: key)
      if let allowed, !allowed.contains(key) {
        let known = allowed.joined(separator: ", ")
        throw YAMLValue(node: keyNode, file: file, path: value.path)
          .error("unknown key `\(key)` (known here: \(known))", code: "definition.unknown_key")
      }
      guard seen.insert(key).inserted else {
        throw YAMLValue(node: keyNode, file: file, path: value.path).error(
          "`\(key)` is given twice")
      }
      entries.append((key, value))
    }
    return entries
  }

  /// The value at `key` of a mapping, or nil when absent.
  func optional(_ key: String) throws(LoftError) -> YAMLValue? {
    guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value)") }
    return mapping[key].map { child($0, key: key) }
  }

  /// The value at `key` of a mapping; a missing key is an error.
  func required(_ key: String) throws(LoftError) -> YAMLValue {
    guard let value = try optional(key) else {
      throw error("the required key `\(key)` is missing", code: "definition.missing_key")
    }
    return value
  }

  /// The items of a sequence.
  func sequence() throws(LoftError) -> [YAMLValue] {
    guard case .sequence(let sequence) = node else { throw error("expected a list") }
    return sequence.enumerated().map { index, node in
      YAMLValue(node: node, file: file, path: "\(path)[\(index)]")
    }
  }

  /// A scalar as text (numbers as written).
  func string() throws(LoftError) -> String {
    guard case .scalar(let scalar) = node else { throw error("expected a single value") }
    return scalar.string
  }

  /// A non-empty text value.
  func nonEmptyString() throws(LoftError) -> String {
    let text = try string()
    guard !text.trimmingCharactersInSpaces.isEmpty else { throw error("must not be empty") }
    return text
  }

  /// A whole number.
  func int() throws(LoftError) -> Int {
    let text = try string()
    guard let value = Int(text.trimmingCharactersInSpaces) else {
      throw error("expected a whole number, found `\(text)`")
    }
    return value
  }

  /// A number.
  func double() throws(LoftError) -> Double {
    let text = try string()
    guard let value = Double(text.trimmingCharactersInSpaces), value.isFinite else {
      throw error("expected a number, found `\(text)`")
    }
    return value
  }

  /// A size in bytes: a whole number, or one with `KiB`, `MiB` or `GiB`.
  func byteSize() throws(LoftError) -> Int {
    let text = try string().trimmingCharactersInSpaces
    let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30)]
    for (suffix, factor) in units where text.hasSuffix(suffix) {
      let number = text.dropLast(suffix.count).trimmingCharactersInSpaces
      if let value = Int(number), value >= 0, value <= Int.max / factor { return value * factor }
      throw error("expected a size like `4GiB`, found `\(text)`")
    }
    guard let value = Int(text), value >= 0 else {
      throw error("expected a size in bytes or with KiB, MiB or GiB, found `\(text)`")
    }
    return value
  }

  /// A list of text values; a single value counts as a list of one.
  func strings() throws(LoftError) -> [String] {
    if case .scalar = node { return [try string()] }
    var result: [String] = []
    for item in try sequence() { result.append(try item.string()) }
    return result
  }
}

extension StringProtocol {
  var trimmingCharactersInSpaces: String {
    var scalars = Substring(self).unicodeScalars[...]
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
