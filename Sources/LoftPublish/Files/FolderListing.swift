#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The names in a folder (without `.` and `..`), sorted; empty when it cannot be listed.
package func listFolder(_ path: String) -> [String] {
  guard let directory = opendir(path) else { return [] }
  defer { closedir(directory) }
  var names: [String] = []
  while let entry = readdir(directory) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    if name != "." && name != ".." { names.append(name) }
  }
  return names.sorted()
}

/// Where a symbolic link points, or nil when the path is not a link.
package func readLink(_ path: String) -> String? {
  var buffer = [CChar](repeating: 0, count: 4096)
  let count = readlink(path, &buffer, buffer.count - 1)
  guard count >= 0 else { return nil }
  return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// This process's id.
package func getProcessID() -> Int32 { getpid() }

/// Whether a process with this id exists (possibly one that reused the id of one that ended).
package func processIsAlive(_ pid: Int32) -> Bool {
  kill(pid, 0) == 0 || errno == EPERM
}
