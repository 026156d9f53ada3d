import Foundation
import LoftCore

/// `loft verify`: every checksum in the manifest, the folder's content address, the database's
/// integrity, and the accounting identity of every input.
package enum SnapshotVerifier {
  /// The problems found; empty when the snapshot verifies.
  package static func verify(_ reader: SnapshotReader) -> [String] {
    var problems: [String] = []
    if let folder = reader.folder { problems += checkFolder(folder) }
    let database: SQLiteDatabase
    do {
      database = try reader.open()
    } catch {
      return problems + [error.message]
    }
    do {
      let integrity = try database.query("PRAGMA integrity_check")
      let verdict = integrity.rows.first?.first
      if verdict != .text("ok") {
        problems.append("the database fails its integrity check: \(String(describing: verdict))")
      }
      let identity = try database.query(
        "SELECT path, rows_read, rows_accepted, rows_rejected, rows_duplicate FROM _inputs "
          + "WHERE rows_read <> rows_accepted + rows_rejected + rows_duplicate")
      for row in identity.rows {
        problems.append("_inputs: \(row[0]) breaks rows_read = accepted + rejected + duplicate")
      }
    } catch {
      problems.append("the database cannot be read: \(error.message)")
    }
    return problems
  }

  private static func checkFolder(_ folder: String) -> [String] {
    var problems: [String] = []
    guard let data = FileManager.default.contents(atPath: folder + "/manifest.json"),
      let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let files = manifest["files"] as? [[String: Any]]
    else {
      return ["\(folder)/manifest.json: missing or not a valid manifest"]
    }
    var listed: Set<String> = ["manifest.json"]
    for file in files {
      guard let path = file["path"] as? String, let expected = file["sha256"] as? String,
        let size = file["bytes"] as? Int
      else {
        problems.append("manifest.json: an entry without path, sha256 and bytes")
        continue
      }
      listed.insert(path)
      guard let content = FileManager.default.contents(atPath: folder + "/" + path) else {
        problems.append("\(path): listed in the manifest but missing")
        continue
      }
      let bytes = [UInt8](content)
      if bytes.count != size {
        problems.append("\(path): \(bytes.count) bytes, the manifest says \(size)")
      }
      let actual = SHA256.hex(SHA256.hash(bytes))
      if actual != expected {
        problems.append("\(path): SHA-256 \(actual) differs from the manifest's \(expected)")
      }
      if path == "snapshot.sqlite.zst" {
        let name = (folder as NSString).lastPathComponent
        if !name.hasSuffix("-" + actual.prefix(8)) {
          problems.append(
            "the folder name \(name) does not end in the database's hash \(actual.prefix(8))")
        }
      }
    }
    for path in allFiles(in: folder) where !listed.contains(path) {
      problems.append("\(path): in the folder but not in the manifest")
    }
    return problems
  }

  private static func allFiles(in folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var paths: [String] = []
    while let path = enumerator.nextObject() as? String {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        paths.append(path)
      }
    }
    return paths.sorted()
  }
}
