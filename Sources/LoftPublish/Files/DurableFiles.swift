import LoftCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// File writing that survives a crash: every write is fsync'ed, a new folder's parent and a
/// rename's folder are fsync'ed too. Failures come back as `LoftError`s (exit 1) naming the path
/// and the system's reason, e.g. `…/manifest.json: cannot write (No space left on device)`.
///
/// Every `mkdir`, write, `fsync`, `rename` and `symlink` first asks `faults`, the test seam that
/// can fail it or kill the process there.
package struct DurableFiles: Sendable {
  /// Failures to inject; nil in production (apart from the debug-only environment hook).
  package let faults: FileSystemFaults?

  /// Files with the given faults; the default is the debug-only `LOFT_KILL_AT_FILE_OP` hook,
  /// which is nil unless that variable is set.
  package init(faults: FileSystemFaults? = FileSystemFaults.environment) {
    self.faults = faults
  }

  /// The same files without any injected faults, for cleaning up after a failure.
  package var withoutFaults: DurableFiles { DurableFiles(faults: nil) }

  /// Writes a whole file (created or truncated) with the given mode, and fsyncs it.
  package func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(LoftError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard descriptor >= 0 else { throw failure("cannot create", path, errno) }
    defer { close(descriptor) }
    // The mode given to open() is reduced by the umask; set it exactly (rejects are 0600).
    guard fchmod(descriptor, mode) == 0 else {
      throw failure("cannot set the mode of", path, errno)
    }
    try perform(FileOperation(.write, path), "cannot write") { writeAll(bytes, to: descriptor) }
    try perform(FileOperation(.fsync, path), "cannot flush to disk") { fsync(descriptor) }
  }

  /// Replaces a file in one step: writes `.tmp-<pid>-<name>` beside it, then renames it over.
  /// A reader sees the old file or the new one, never a part; a crash leaves at most the
  /// temporary file, which `SnapshotPublisher.removeLeftovers` cleans.
  package func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644)
    throws(LoftError)
  {
    let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
    let temporary = String(path[..<slash]) + ".tmp-\(getpid())-" + String(path[slash...])
    do {
      try write(bytes, to: temporary, mode: mode)
      try rename(temporary, to: path)
    } catch {
      unlink(temporary)
      throw error
    }
  }

  /// Creates a folder and any missing parents, fsyncing the folder that holds each new one.
  package func makeFolder(_ path: String) throws(LoftError) {
    if let code = faults?.consult(FileOperation(.mkdir, path)) {
      throw failure("cannot create the folder", path, code)
    }
    var created: [String] = []
    guard createFolders(path, created: &created) else {
      throw failure("cannot create the folder", path, errno)
    }
    // A new folder survives a crash only once the entry in its parent is flushed.
    for folder in created { try syncFolder(parent(of: folder)) }
  }

  /// Renames atomically, then fsyncs the destination's folder so the rename is durable.
  package func rename(_ from: String, to: String) throws(LoftError) {
    try perform(FileOperation(.rename, from, destination: to), "cannot rename to \(to)") {
      Glibc.rename(from, to)
    }
    try syncFolder(parent(of: to))
  }

  /// Fsyncs a folder, making the entries created or renamed in it durable.
  package func syncFolder(_ path: String) throws(LoftError) {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure("cannot open the folder", path, errno) }
    defer { close(descriptor) }
    try perform(FileOperation(.fsync, path), "cannot flush to disk") { fsync(descriptor) }
  }

  /// Points a symbolic link at `target`, replacing an existing link atomically.
  package func switchLink(_ path: String, to target: String) throws(LoftError) {
    let temporary = path + ".tmp-\(getpid())"
    unlink(temporary)
    try perform(FileOperation(.symlink, temporary), "cannot create the link") {
      symlink(target, temporary)
    }
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

  /// Asks `faults` about `operation`, then runs `call` (a system call: 0 or -1 with errno).
  private func perform(_ operation: FileOperation, _ action: String, _ call: () -> Int32)
    throws(LoftError)
  {
    if let code = faults?.consult(operation) { throw failure(action, operation.path, code) }
    guard call() == 0 else { throw failure(action, operation.path, errno) }
  }

  /// `write(2)` until every byte is out: 0, or -1 with errno set.
  private func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return -1
      }
      offset += written
    }
    return 0
  }

  /// `mkdir -p`, listing the folders it made, outermost first; false with errno set on failure.
  private func createFolders(_ path: String, created: inout [String]) -> Bool {
    if mkdir(path, 0o755) == 0 {
      created.append(path)
      return true
    }
    if errno == ENOENT {
      let above = parent(of: path)
      guard above != path, createFolders(above, created: &created) else { return false }
      return createFolders(path, created: &created)
    }
    guard errno == EEXIST else { return false }
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
      errno = ENOTDIR
      return false
    }
    return true
  }

  private func failure(_ action: String, _ path: String, _ code: Int32) -> LoftError {
    LoftError(.runtime, code: "io", "\(path): \(action) (\(String(cString: strerror(code))))")
  }
}

/// The folder that holds `path` (`.` for a bare name).
func parent(of path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return "." }
  return slash == path.startIndex ? "/" : String(path[..<slash])
}
