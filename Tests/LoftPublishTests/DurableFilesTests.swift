import Foundation
import LoftCore
import Testing

@testable import LoftPublish

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct DurableFilesTests {
  /// A fresh temporary folder, removed by the caller.
  static func scratch() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "loft-files-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test("writes, renames and links without faults") func plain() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let files = DurableFiles(faults: nil)
    try files.makeFolder(folder + "/a/b/c")
    try files.write(Array("one".utf8), to: folder + "/a/b/c/x", mode: 0o600)
    try files.writeAtomically(Array("two".utf8), to: folder + "/a/y")
    try files.rename(folder + "/a/b/c/x", to: folder + "/a/z")
    try files.switchLink(folder + "/link", to: "a/z")
    #expect(FileManager.default.contents(atPath: folder + "/link") == Data("one".utf8))
    #expect(FileManager.default.contents(atPath: folder + "/a/y") == Data("two".utf8))
    #expect(listFolder(folder + "/a") == ["b", "y", "z"])
    let mode =
      try FileManager.default.attributesOfItem(atPath: folder + "/a/z")[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  @Test("a folder where a file is refuses makeFolder with ENOTDIR") func fileInTheWay() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let files = DurableFiles(faults: nil)
    try files.write([], to: folder + "/file")
    let error = try #require(throws: LoftError.self) { try files.makeFolder(folder + "/file") }
    #expect(error.message == "\(folder)/file: cannot create the folder (Not a directory)")
    #expect(throws: LoftError.self) { try files.makeFolder(folder + "/file/below") }
  }

  @Test("a rule fails the operations of its kind whose path matches, with its errno")
  func patternRule() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let files = DurableFiles(faults: .failing(.write, matching: "*/b*", errno: ENOSPC))
    try files.write(Array("a".utf8), to: folder + "/a")
    let error = try #require(throws: LoftError.self) {
      try files.write(Array("b".utf8), to: folder + "/b")
    }
    #expect(error.message == "\(folder)/b: cannot write (No space left on device)")
    #expect(error.exitCode == 1)
    // Every matching write fails, not only the first; other kinds on the same path run.
    #expect(throws: LoftError.self) { try files.write([], to: folder + "/bb") }
    try files.rename(folder + "/a", to: folder + "/b2")
  }

  @Test("a rule with an occurrence fails only the n-th matching operation") func occurrence() throws
  {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let files = DurableFiles(faults: .failing(.fsync, occurrence: 3, errno: EIO))
    try files.write([1], to: folder + "/one")  // fsync 1
    try files.syncFolder(folder)  // fsync 2
    let error = try #require(throws: LoftError.self) { try files.write([2], to: folder + "/two") }
    #expect(error.message == "\(folder)/two: cannot flush to disk (Input/output error)")
    try files.write([3], to: folder + "/three")  // fsync 4
  }

  @Test("a rename rule matches the source or the destination") func renameRule() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let files = DurableFiles(faults: .failing(.rename, matching: "*/latest", errno: EXDEV))
    try files.write([], to: folder + "/x")
    let error = try #require(throws: LoftError.self) {
      try files.rename(folder + "/x", to: folder + "/latest")
    }
    #expect(
      error.message == "\(folder)/x: cannot rename to \(folder)/latest (Invalid cross-device link)")
    let link = try #require(throws: LoftError.self) {
      try files.switchLink(folder + "/latest", to: "x")
    }
    #expect(link.message.hasPrefix("\(folder)/latest.tmp-"))
    #expect(readLink(folder + "/latest") == nil)
  }

  @Test("a failed atomic write leaves neither the file nor its temporary") func atomicFailure()
    throws
  {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try DurableFiles(faults: nil).write(Array("old".utf8), to: folder + "/r.csv")
    for kind in [FileOperation.Kind.write, .fsync, .rename] {
      let files = DurableFiles(faults: .failing(kind, errno: ENOSPC))
      #expect(throws: LoftError.self) {
        try files.writeAtomically(Array("new".utf8), to: folder + "/r.csv")
      }
      #expect(listFolder(folder) == ["r.csv"])
      #expect(FileManager.default.contents(atPath: folder + "/r.csv") == Data("old".utf8))
    }
  }

  @Test("each kind of operation is consulted", arguments: FileOperation.Kind.allCases)
  func everyKind(_ kind: FileOperation.Kind) throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let files = DurableFiles(faults: .failing(kind, errno: EIO))
    let error = try #require(throws: LoftError.self) {
      try files.makeFolder(folder + "/new")
      try files.write([], to: folder + "/new/file")
      try files.switchLink(folder + "/link", to: "new/file")
    }
    let action = [
      FileOperation.Kind.mkdir: "cannot create the folder", .write: "cannot write",
      .fsync: "cannot flush to disk", .rename: "cannot rename to",
      .symlink: "cannot create the link",
    ][kind]!
    #expect(error.message.contains(": \(action)"), "\(error.message)")
    #expect(error.message.hasSuffix("(Input/output error)"))
  }

  @Test("a new folder's parent and a rename's folder are fsync'ed") func folderSyncs() throws {
    let folder = try Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let seen = FileSystemFaults.failing(.fsync, matching: folder, errno: EIO)
    #expect(throws: LoftError.self) { try DurableFiles(faults: seen).makeFolder(folder + "/new") }
    try DurableFiles(faults: nil).write([], to: folder + "/x")
    #expect(throws: LoftError.self) {
      try DurableFiles(faults: seen).rename(folder + "/x", to: folder + "/y")
    }
  }
}
