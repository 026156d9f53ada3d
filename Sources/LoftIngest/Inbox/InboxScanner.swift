import LoftCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lists everything under the inbox without following symbolic links, in byte order of path.
///
/// Folders are walked one open directory per level, so tens of thousands of files in one
/// folder do not use up file descriptors.
///
/// Names are bytes to the file system, and not every agency's are UTF-8 (a zip made on Windows
/// gives `blå` as the Latin-1 byte E5). Such an entry is still listed, walked into and read,
/// through its bytes (`InboxEntry.fileSystemPath`); its `path` shows each byte that is not
/// UTF-8 as `\xNN`. Paths are unique: should one name written so equal another entry's, the
/// later gets ` (2)`, ` (3)`… appended.
package enum InboxScanner {
  /// Why the inbox could not be listed.
  package struct ScanError: Error, Equatable, CustomStringConvertible {
    package var path: String
    package var message: String
    package var description: String { "\(path): \(message)" }
  }

  /// Every entry under `inbox`, sorted. The agency folders (the inbox's own subfolders) are
  /// walked on whichever of `threads` workers takes them: a national inbox lists 6 500 files,
  /// which took about 0.05 s on one thread before any could be read.
  package static func scan(inbox: String, threads: Int = 1) throws(ScanError) -> [InboxEntry] {
    let root = Array(inbox.utf8)
    var entries: [InboxEntry] = []
    let folders = try list(root: root, relative: [], into: &entries)
    let walked = concurrentMap(folders.count, threads: threads) { index in
      Result { () throws(ScanError) in
        var found: [InboxEntry] = []
        try walk(root: root, relative: folders[index], into: &found)
        return found
      }
    }
    // The first failure in listing order, as one thread walking them in turn would meet it.
    for result in walked { entries += try result.get() }
    entries.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    return unique(entries)
  }

  private static let slash = UInt8(ascii: "/")

  /// Everything under the folder `relative` (below `root`), its subfolders too.
  private static func walk(root: [UInt8], relative: [UInt8], into entries: inout [InboxEntry])
    throws(ScanError)
  {
    for folder in try list(root: root, relative: relative, into: &entries) {
      try walk(root: root, relative: folder, into: &entries)
    }
  }

  /// The folder's entries added to `entries`, apart from its subfolders, which are returned
  /// to be walked after it is closed.
  private static func list(root: [UInt8], relative: [UInt8], into entries: inout [InboxEntry])
    throws(ScanError) -> [[UInt8]]
  {
    let folder = relative.isEmpty ? root : root + [slash] + relative
    guard let directory = withPath(folder, { opendir($0) }) else {
      throw ScanError(path: display(folder), message: "cannot list the folder (\(errnoText()))")
    }
    var names: [[UInt8]] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
      if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
    }
    closedir(directory)
    var folders: [[UInt8]] = []
    for name in names {
      let childRelative = relative.isEmpty ? name : relative + [slash] + name
      var info = stat()
      let listed = withPath(root + [slash] + childRelative) { lstat($0, &info) } == 0
      let path = display(childRelative)
      guard listed else {
        entries.append(
          InboxEntry(path: path, isRegularFile: false, size: 0, fileSystemPath: childRelative))
        continue
      }
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        folders.append(childRelative)
      case S_IFREG:
        entries.append(
          InboxEntry(
            path: path, isRegularFile: true, size: Int(info.st_size),
            fileSystemPath: childRelative))
      default:
        // Symbolic links, FIFOs, sockets and devices are listed but never followed or read.
        entries.append(
          InboxEntry(path: path, isRegularFile: false, size: 0, fileSystemPath: childRelative))
      }
    }
    return folders
  }

  /// Calls `body` with `path` as a C string.
  static func withPath<R>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
    (path + [0]).withUnsafeBufferPointer { bytes in
      bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
    }
  }

  /// A path's bytes as text: UTF-8 as it is, any other byte as `\xNN`.
  static func display(_ bytes: [UInt8]) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    var text = ""
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      let length =
        lead < 0x80
        ? 1 : lead & 0xE0 == 0xC0 ? 2 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF8 == 0xF0 ? 4 : 0
      if length > 0, index + length <= bytes.count,
        let scalar = String(validating: bytes[index..<(index + length)], as: UTF8.self)
      {
        text += scalar
        index += length
      } else {
        let hex = String(lead, radix: 16, uppercase: true)
        text += "\\x" + (hex.count == 1 ? "0" + hex : hex)
        index += 1
      }
    }
    return text
  }

  /// The entries, sorted, with every path made unique (see the type's summary).
  private static func unique(_ entries: [InboxEntry]) -> [InboxEntry] {
    var seen: Set<String> = []
    var result = entries
    var changed = false
    for index in result.indices {
      var path = result[index].path
      var copy = 2
      while !seen.insert(path).inserted {
        path = result[index].path + " (\(copy))"
        copy += 1
      }
      if path != result[index].path {
        result[index] = InboxEntry(
          path: path, isRegularFile: result[index].isRegularFile, size: result[index].size,
          fileSystemPath: result[index].fileSystemPath)
        changed = true
      }
    }
    guard changed else { return result }
    result.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    return result
  }
}

func errnoText() -> String { String(cString: strerror(errno)) }
