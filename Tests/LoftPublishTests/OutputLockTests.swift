import Foundation
import LoftCore
import Testing

@testable import LoftPublish

@Suite struct OutputLockTests {
  @Test("a second holder is refused with the first one's pid, until the first releases")
  func exclusive() throws {
    let output = try DurableFilesTests.scratch() + "/out"
    defer { try? FileManager.default.removeItem(atPath: parent(of: output)) }
    let files = DurableFiles(faults: nil)
    let first = try OutputLock.acquire(output: output, files: files)
    #expect(first.path == output + "/.lock")
    let error = try #require(throws: LoftError.self) {
      try OutputLock.acquire(output: output, files: files)
    }
    #expect(error.exitCode == 1)
    #expect(
      error.message.hasPrefix("another run holds the lock on \(output) (pid \(getProcessID()))"))
    first.release()
    let second = try OutputLock.acquire(output: output, files: files)
    second.release()
  }

  @Test("an output folder that cannot be made is an error naming it") func unwritable() throws {
    let folder = try DurableFilesTests.scratch()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try DurableFiles(faults: nil).write([], to: folder + "/file")
    let error = try #require(throws: LoftError.self) {
      try OutputLock.acquire(output: folder + "/file/out", files: DurableFiles(faults: nil))
    }
    #expect(error.exitCode == 1)
    #expect(
      error.message.hasPrefix("\(folder)/file/out: cannot create the folder (Not a directory)"))
  }
}
