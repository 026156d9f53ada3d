#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import LoftCore

/// File writing that survives a crash: every write is fsync'ed, and a rename is followed by an
/// fsync of the folder that holds it. Failures come back as `LoftError`s naming the path.
package struct DurableFiles: Sendable {
  package init() {}

  /// Writes a whole file (created or truncated) with the given mode, and fsyncs it.
  package func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(LoftError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard descriptor >= 0 else { throw failure("cannot create", path) }
    defer { close(descriptor) }
    // The mode given to open() is reduced by the umask; set it exactly (rejects are 0600).
    guard fchmod(descriptor, mode) == 0 else { throw failure("cannot set the mode of", path) }
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw failure("cannot write", path)
      }
      offset += written
    }
    guard fsync(descriptor) == 0 else { throw failure("cannot flush", path) }
  }

  /// Creates a folder (and its parents) if it does not exist.
  package func makeFolder(_ path: String) throws(LoftError) {
    var partial = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      partial += "/" + component
      if mkdir(partial, 0o755) != 0 && errno != EEXIST {
        throw failure("cannot create the folder", partial)
      }
    }
  }

  /// Renames atomically, then fsyncs the destination's folder so the rename is durable.
  package func rename(_ from: String, to: String) throws(LoftError) {
    guard Glibc.rename(from, to) == 0 else { throw failure("cannot rename \(from) to", to) }
    try syncFolder(parent(of: to))
  }

  /// Fsyncs a folder, making the entries created or renamed in it durable.
  package func syncFolder(_ path: String) throws(LoftError) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure("cannot open the folder", path) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw failure("cannot flush the folder", path) }
  }

  /// Points a symbolic link at `target`, replacing an existing link atomically.
  package func switchLink(_ path: String, to target: String) throws(LoftError) {
    let temporary = path + ".tmp-\(getpid())"
    unlink(temporary)
    guard symlink(target, temporary) == 0 else { throw failure("cannot create the link", temporary) }
    try rename(temporary, to: path)
  }

  /// Removes a file or a folder with everything in it; missing is fine.
  package func removeTree(_ path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    if info.st_mode & S_IFMT == S_IFDIR {
      for name in listFolder(path) { removeTree(path + "/" + name) }
      rmdir(path)
    } else {
      unlink(path)
    }
  }

  /// Whether anything exists at the path (links are not followed).
  package func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  private func failure(_ action: String, _ path: String) -> LoftError {
    LoftError(.runtime, code: "io", "\(path): \(action) (\(String(cString: strerror(errno))))")
  }
}

func parent(of path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return "." }
  return slash == path.startIndex ? "/" : String(path[..<slash])
}
