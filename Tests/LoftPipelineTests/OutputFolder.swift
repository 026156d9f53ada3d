import Foundation

@testable import LoftPublish

/// A run's output folder as the publish tests inspect it: the visible snapshots, `latest`,
/// the rejects files, and the temporary entries failed or killed runs may leave.
struct OutputFolder {
  let path: String

  /// The snapshot folders a reader can see (temporary ones start with a dot).
  var snapshots: [String] { listFolder(path + "/snapshots").filter { !$0.hasPrefix(".") } }

  /// Where `latest` points, e.g. `snapshots/2026-11-30-4f545315`.
  var latest: String? { readLink(path + "/latest") }

  /// The names of the files in `rejects/`, temporary ones included.
  var rejects: [String] { listFolder(path + "/rejects") }

  /// Temporary entries: `.tmp-*` in `snapshots/`, `rejects/` and `reports/`, `latest.tmp-*`.
  var leftovers: [String] {
    var found: [String] = []
    for folder in ["snapshots", "rejects", "reports"] {
      found += listFolder(path + "/" + folder).filter { $0.hasPrefix(".tmp-") }.map {
        folder + "/" + $0
      }
    }
    return found + listFolder(path).filter { $0.hasPrefix("latest.tmp-") }
  }

  /// What `loft verify` finds wrong with a snapshot folder or with `latest`; empty when it verifies.
  func problems(_ relative: String) -> [String] {
    do {
      return SnapshotVerifier.verify(try SnapshotReader(locating: path + "/" + relative))
    } catch {
      return [error.message]
    }
  }

  /// The bytes of `rejects/<snapshot>.csv`, and whether its mode is 0600.
  func rejectsFile(of snapshot: String) -> (bytes: Data, private: Bool)? {
    let file = path + "/rejects/\(snapshot).csv"
    guard let bytes = FileManager.default.contents(atPath: file),
      let attributes = try? FileManager.default.attributesOfItem(atPath: file)
    else { return nil }
    return (bytes, (attributes[.posixPermissions] as? Int) == 0o600)
  }
}
