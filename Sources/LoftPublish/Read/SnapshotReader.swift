import Foundation
import LoftCompression
import LoftCore

/// Opens a published snapshot for reading: a snapshot folder, its `snapshot.sqlite.zst`, or a
/// `latest` link. The database is decompressed into memory and opened read-only.
package struct SnapshotReader {
  /// The snapshot folder, when the snapshot was named by folder or link.
  package let folder: String?
  /// The compressed database file.
  package let databaseFile: String

  /// The most a snapshot database may decompress to.
  static let maxDatabaseBytes = 64 << 30

  /// Finds the snapshot a command line names; a missing one is a runtime error (exit 1).
  package init(locating name: String) throws(LoftError) {
    var isFolder: ObjCBool = false
    let manager = FileManager.default
    guard manager.fileExists(atPath: name, isDirectory: &isFolder) else {
      throw LoftError(.runtime, code: "snapshot.missing", "\(name): no such snapshot")
    }
    if isFolder.boolValue {
      let resolved = URL(fileURLWithPath: name).resolvingSymlinksInPath().path
      folder = resolved
      databaseFile = resolved + "/snapshot.sqlite.zst"
      guard manager.fileExists(atPath: databaseFile) else {
        throw LoftError(
          .runtime, code: "snapshot.missing", "\(name): the folder holds no snapshot.sqlite.zst")
      }
    } else {
      folder = nil
      databaseFile = name
    }
  }

  /// The decompressed database bytes.
  package func databaseBytes() throws(LoftError) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: databaseFile) else {
      throw LoftError(
        .runtime, code: "snapshot.unreadable", "\(databaseFile): cannot read the file")
    }
    do {
      return try Zstd.decompress([UInt8](data), maxOutputBytes: Self.maxDatabaseBytes)
    } catch {
      throw LoftError(.runtime, code: "snapshot.corrupt", "\(databaseFile): \(error)")
    }
  }

  /// The database, in memory and read-only.
  package func open() throws(LoftError) -> SQLiteDatabase {
    let bytes = try databaseBytes()
    do {
      return try SQLiteDatabase(deserializing: bytes, readOnly: true)
    } catch {
      throw LoftError(.runtime, code: "snapshot.corrupt", "\(databaseFile): \(error.message)")
    }
  }
}
