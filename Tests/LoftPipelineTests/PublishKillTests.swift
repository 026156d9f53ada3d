import Foundation
import Testing

@testable import LoftCore
@testable import LoftPublish

/// The real `loft` binary, SIGKILLed before each file operation of a run in turn (the debug-build
/// seam `LOFT_KILL_AT_FILE_OP=N`): whatever the point, every snapshot and `latest` verify, no
/// half-written snapshot is visible, and the next run cleans up and publishes.
@Suite(.serialized) struct PublishKillTests {
  /// Whether this build has the kill seam (debug builds; the tests and `loft` share the build).
  static let seamCompiled: Bool = {
    #if DEBUG
      return true
    #else
      return false
    #endif
  }()

  @Test(
    "a run killed before any of its file operations leaves the output consistent",
    .enabled(if: LoftBinary.path != nil && seamCompiled))
  func killAtEveryOperation() throws {
    let fixture = try Fixture("small")
    defer { fixture.remove() }
    let output = OutputFolder(path: fixture.path("out"))
    func loft(_ day: Day, killAt operation: Int? = nil) throws -> LoftBinary.Outcome {
      try LoftBinary.run(
        [
          "run", "small.yaml", "--threads", "1", "--as-of", day.description, "--output",
          output.path,
        ],
        in: fixture.root, environment: operation.map { ["LOFT_KILL_AT_FILE_OP": String($0)] } ?? [:]
      )
    }

    var day = Day(year: 2026, month: 11, day: 30)!
    let first = try loft(day)
    try #require(first.status == 0, "\(first.stderr)")
    let firstName = try #require(output.snapshots.first)
    let rejects = try #require(output.rejectsFile(of: firstName))

    // Each round: kill a run of a new as-of date before its n-th file operation, check, rerun.
    var points: [String] = []
    for operation in 1...200 {
      day = Day(ordinal: day.ordinal + 1)
      let published = output.snapshots
      let latestBefore = output.latest
      let killed = try loft(day, killAt: operation)
      if killed.status == 0 {
        break  // the run has fewer operations than that: every point was tried
      }
      try #require(killed.signal == SIGKILL, "operation \(operation): \(killed.stderr)")
      let point = killed.stderr.split(separator: "\n").last { $0.contains("SIGKILL before") } ?? "?"
      points.append(
        "\(operation): "
          + point.replacingOccurrences(of: "loft: test seam: SIGKILL before ", with: "")
          .replacingOccurrences(of: output.path + "/", with: "").replacingOccurrences(
            of: output.path, with: "<output>"))

      // Every snapshot a reader can see verifies and has its rejects file: the earlier ones,
      // and the new one if the kill came after its rename.
      let visible = output.snapshots
      #expect(Set(published).isSubset(of: Set(visible)), "operation \(operation)")
      #expect(visible.count <= published.count + 1, "operation \(operation)")
      for name in visible {
        #expect(output.problems("snapshots/" + name).isEmpty, "operation \(operation): \(name)")
        #expect(
          output.rejectsFile(of: name)?.bytes == rejects.bytes, "operation \(operation): \(name)")
        #expect(output.rejectsFile(of: name)?.private == true, "operation \(operation): \(name)")
      }
      // latest is where it was, or already at the new, complete snapshot.
      let newName = visible.first { !published.contains($0) }
      #expect(
        output.latest == latestBefore
          || (newName != nil && output.latest == "snapshots/" + newName!),
        "operation \(operation): latest is \(output.latest ?? "missing")")
      #expect(output.problems("latest").isEmpty, "operation \(operation)")

      // The next run removes the leftovers and publishes.
      let rerun = try loft(day)
      try #require(rerun.status == 0, "operation \(operation): \(rerun.stderr)")
      let name = (rerun.stdout.trimmingCharacters(in: .newlines) as NSString).lastPathComponent
      #expect(output.latest == "snapshots/" + name, "operation \(operation)")
      #expect(output.snapshots == published + [name], "operation \(operation)")
      #expect(output.rejects == output.snapshots.map { $0 + ".csv" }, "operation \(operation)")
      #expect(output.leftovers.isEmpty, "operation \(operation): \(output.leftovers)")
    }
    for name in output.snapshots {
      #expect(output.problems("snapshots/" + name).isEmpty, "\(name)")
    }
    #expect(points.count >= 20)
    print("killed before \(points.count) file operations:\n  " + points.joined(separator: "\n  "))
  }
}
