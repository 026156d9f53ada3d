import Foundation
import Testing

@testable import LoftIngest

#if canImport(Glibc)
  import Glibc
#endif

/// `InboxScanner`: every entry listed once, links never followed, names that are not UTF-8 too.
@Suite struct InboxScannerTests {
  /// A fresh inbox with files at the given raw paths, removed after `body`.
  func withInbox(_ files: [[UInt8]], _ body: (String) throws -> Void) throws {
    let inbox = NSTemporaryDirectory() + "loft-scan-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: inbox) }
    for file in files {
      let path = Array(inbox.utf8) + [UInt8(ascii: "/")] + file
      // Every folder on the way, below the inbox.
      for (index, byte) in path.enumerated()
      where byte == UInt8(ascii: "/") && index > inbox.utf8.count {
        _ = InboxScanner.withPath(Array(path[..<index])) { mkdir($0, 0o755) }
      }
      let descriptor = InboxScanner.withPath(path) { open($0, O_WRONLY | O_CREAT, 0o644) }
      try #require(descriptor >= 0)
      _ = file.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      close(descriptor)
    }
    try body(inbox)
  }

  @Test("names that are not UTF-8 are listed, walked into, and shown with \\xNN")
  func latin1Names() throws {
    let files: [[UInt8]] = [
      Array("974760673/assessment-bl".utf8) + [0xE5] + Array(".csv".utf8),
      Array("974760673/assessment-bl".utf8) + [0xE6] + Array(".csv".utf8),
      Array("974760673/mappe-".utf8) + [0xF8] + Array("/assessment-æ.csv".utf8),
    ]
    try withInbox(files) { inbox in
      let entries = try InboxScanner.scan(inbox: inbox)
      // Before, both Latin-1 names became `bl\u{FFFD}.csv` (one path twice: the snapshot's key
      // failed and the run with it), and the folder's file was not listed at all.
      #expect(
        entries.map(\.path) == [
          "974760673/assessment-bl\\xE5.csv", "974760673/assessment-bl\\xE6.csv",
          "974760673/mappe-\\xF8/assessment-æ.csv",
        ])
      #expect(entries.allSatisfy { $0.isRegularFile })
      #expect(entries.map(\.fileSystemPath) == files)
      #expect(entries.map(\.pathInAgency)[2] == "mappe-\\xF8/assessment-æ.csv")
      // And the file opens through its bytes.
      let path = Array(inbox.utf8) + [UInt8(ascii: "/")] + entries[0].fileSystemPath
      #expect(try DeliveryFile(fileSystemPath: path).size == files[0].count)
    }
  }

  @Test("a name that reads like another entry's escaped name makes that path unique")
  func uniquePaths() throws {
    let files: [[UInt8]] = [
      Array("974760673/a".utf8) + [0xE5] + Array(".csv".utf8), Array("974760673/a\\xE5.csv".utf8),
    ]
    try withInbox(files) { inbox in
      let paths = try InboxScanner.scan(inbox: inbox).map(\.path)
      #expect(paths.count == 2)
      #expect(Set(paths).count == 2)
      #expect(paths.contains("974760673/a\\xE5.csv"))
      #expect(paths.contains("974760673/a\\xE5.csv (2)"))
    }
  }

  @Test("lists the same entries whatever the number of threads walking the agency folders")
  func threads() throws {
    // Agency folders of different depths and sizes, a file directly in the inbox, an empty
    // folder, and a link that must be listed but not followed.
    var files: [[UInt8]] = [Array("stray.csv".utf8)]
    for agency in 0..<9 {
      for file in 0..<agency {
        files.append(Array("97476067\(agency)/\(2020 + file % 3)/deep/f\(file).csv".utf8))
        files.append(Array("97476067\(agency)/completion-\(file).csv".utf8))
      }
    }
    try withInbox(files) { inbox in
      try FileManager.default.createDirectory(
        atPath: inbox + "/974760670/empty", withIntermediateDirectories: true)
      try FileManager.default.createSymbolicLink(
        atPath: inbox + "/974760675/link", withDestinationPath: inbox + "/974760678")
      let one = try InboxScanner.scan(inbox: inbox, threads: 1)
      #expect(one.count == files.count + 1)
      #expect(
        one.map(\.path) == one.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
      #expect(one.filter { !$0.isRegularFile }.map(\.path) == ["974760675/link"])
      for threads in [2, 4, 16] {
        let many = try InboxScanner.scan(inbox: inbox, threads: threads)
        #expect(many.map(\.path) == one.map(\.path))
        #expect(many.map(\.size) == one.map(\.size))
        #expect(many.map(\.fileSystemPath) == one.map(\.fileSystemPath))
      }
    }
  }

  @Test("an inbox that cannot be listed is one error, at any number of threads")
  func missingInbox() {
    for threads in [1, 2] {
      #expect(throws: InboxScanner.ScanError.self) {
        try InboxScanner.scan(inbox: "/nonexistent/loft-inbox", threads: threads)
      }
    }
  }

  @Test(
    "escapes only what is not UTF-8",
    arguments: [
      ([0x61, 0xC3, 0xA5], "aå"), ([0x61, 0xE5], "a\\xE5"), ([0xC3], "\\xC3"),
      ([0xF0, 0x9F, 0x98, 0x80, 0xFF], "😀\\xFF"), ([0xE2, 0x82], "\\xE2\\x82"),
    ] as [([UInt8], String)])
  func display(bytes: [UInt8], text: String) {
    #expect(InboxScanner.display(bytes) == text)
  }
}
