/// One entry found under the inbox: a file, or something that is not a regular file.
package struct InboxEntry: Sendable, Equatable {
  /// The path relative to the inbox, with `/` between folders.
  package var path: String
  /// The agency folder's name (the first path component), empty for a file directly in the inbox.
  package var agencyFolder: String
  /// The path below the agency folder, which the sources' globs match.
  package var pathInAgency: String
  package var isRegularFile: Bool
  /// The size in bytes as listed (0 for what is not a regular file).
  package var size: Int
  /// The path relative to the inbox as the file system has it: `path`'s UTF-8, unless a name is
  /// not UTF-8 (then `path` shows those bytes as `\xNN`, and this is what opens the file).
  package var fileSystemPath: [UInt8]

  package init(path: String, isRegularFile: Bool, size: Int, fileSystemPath: [UInt8]? = nil) {
    self.path = path
    self.isRegularFile = isRegularFile
    self.size = size
    self.fileSystemPath = fileSystemPath ?? Array(path.utf8)
    if let slash = path.firstIndex(of: "/") {
      agencyFolder = String(path[..<slash])
      pathInAgency = String(path[path.index(after: slash)...])
    } else {
      agencyFolder = ""
      pathInAgency = path
    }
  }
}
