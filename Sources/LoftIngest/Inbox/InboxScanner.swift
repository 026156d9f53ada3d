#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lists everything under the inbox without following symbolic links, in byte order of path.
///
/// Folders are walked one open directory per level, so tens of thousands of files in one
/// folder do not use up file descriptors.
package enum InboxScanner {
  /// Why the inbox could not be listed.
  package struct ScanError: Error, Equatable, CustomStringConvertible {
    package var path: String
    package var message: String
    package var description: String { "\(path): \(message)" }
  }

  package static func scan(inbox: String) throws(ScanError) -> [InboxEntry] {
    var entries: [InboxEntry] = []
    try walk(root: inbox, relative: "", into: &entries)
    entries.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    return entries
  }

  private static func walk(root: String, relative: String, into entries: inout [InboxEntry])
    throws(ScanError)
  {
    let folder = relative.isEmpty ? root : root + "/" + relative
    guard let directory = opendir(folder) else {
      throw ScanError(path: folder, message: "cannot list the folder (\(errnoText()))")
    }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    closedir(directory)
    for name in names {
      let childRelative = relative.isEmpty ? name : relative + "/" + name
      var info = stat()
      guard lstat(root + "/" + childRelative, &info) == 0 else {
        entries.append(InboxEntry(path: childRelative, isRegularFile: false, size: 0))
        continue
      }
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        try walk(root: root, relative: childRelative, into: &entries)
      case S_IFREG:
        entries.append(InboxEntry(path: childRelative, isRegularFile: true, size: Int(info.st_size)))
      default:
        // Symbolic links, FIFOs, sockets and devices are listed but never followed or read.
        entries.append(InboxEntry(path: childRelative, isRegularFile: false, size: 0))
      }
    }
  }
}

func errnoText() -> String { String(cString: strerror(errno)) }
