import Foundation

/// A copy of a folder under `Fixtures/` in a fresh temporary folder, removed by `remove()`.
struct Fixture {
  let root: String
  /// The temporary folder holding `Fixtures/` and `Pipelines/`.
  let base: String

  /// The repository's `Fixtures/` folder, found from this file's path.
  static let fixtures: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Fixtures").path
  }()

  static let repository: String = (fixtures as NSString).deletingLastPathComponent

  /// Copies `Fixtures/<name>` and the repository's `Pipelines/models` beside it.
  init(_ name: String) throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "loft-\(UUID().uuidString)")
    let fixtures = base.appendingPathComponent("Fixtures")
    try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Self.fixtures + "/" + name, toPath: fixtures.appendingPathComponent(name).path)
    let pipelines = base.appendingPathComponent("Pipelines")
    try FileManager.default.createDirectory(at: pipelines, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Self.repository + "/Pipelines/models",
      toPath: pipelines.appendingPathComponent("models").path)
    root = fixtures.appendingPathComponent(name).path
    self.base = base.path
  }

  func path(_ relative: String) -> String { root + "/" + relative }

  func write(_ text: String, to relative: String) throws {
    let url = URL(fileURLWithPath: path(relative))
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: base)
  }
}
