import Foundation
import Testing

@testable import LoftIngest

#if canImport(Glibc)
  import Glibc
#endif

/// `DeliveryFile`: a delivery is opened without following links or waiting, and a file that
/// changes under the reader is noticed.
@Suite struct DeliveryFileTests {
  /// A fresh temporary folder, removed after `body`.
  func withFolder(_ body: (String) throws -> Void) throws {
    let folder = NSTemporaryDirectory() + "loft-delivery-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(folder)
  }

  @Test("a FIFO put where a file was listed is refused at once, not waited on")
  func fifoDoesNotBlock() throws {
    try withFolder { folder in
      // The inbox listing saw a regular file; by the time it is opened, a FIFO has its name.
      let path = folder + "/assessment.csv"
      try #require(mkfifo(path, 0o644) == 0)
      #expect {
        _ = try DeliveryFile(path: path)
      } throws: { error in
        if case .notRegular = error as? DeliveryFile.OpenError { return true }
        return false
      }
    }
  }

  @Test("a link is never followed") func linkNotFollowed() throws {
    try withFolder { folder in
      try Data("a,b\n".utf8).write(to: URL(fileURLWithPath: folder + "/target.csv"))
      try FileManager.default.createSymbolicLink(
        atPath: folder + "/link.csv", withDestinationPath: "target.csv")
      #expect {
        _ = try DeliveryFile(path: folder + "/link.csv")
      } throws: { error in
        if case .notRegular = error as? DeliveryFile.OpenError { return true }
        return false
      }
    }
  }

  @Test("a file changed between hashing and the second read is not read again")
  func changedBeforeSecondPass() throws {
    try withFolder { folder in
      let path = folder + "/assessment.csv"
      try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: path))
      // Not kept in memory: the content is read again from disk, as for files over 64 MiB.
      let file = try DeliveryFile(path: path, keepingBytes: false)
      #expect(file.isUnchanged)
      DeliveryReader.appendLine(to: path)
      #expect(!file.isUnchanged)
      #expect {
        try file.forEachChunk { _ in }
      } throws: { error in
        if case .changed = error as? DeliveryFile.OpenError { return true }
        return false
      }
    }
  }

  @Test("a file replaced by another of the same size is noticed too")
  func replacedFile() throws {
    try withFolder { folder in
      let path = folder + "/assessment.csv"
      try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: path))
      let file = try DeliveryFile(path: path, keepingBytes: false)
      try Data("a,b\n3,4\n".utf8).write(to: URL(fileURLWithPath: folder + "/other.csv"))
      try #require(rename(folder + "/other.csv", path) == 0)
      #expect(!file.isUnchanged)
      #expect(throws: DeliveryFile.OpenError.self) { try file.forEachChunk { _ in } }
    }
  }
}
