import LoftCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `<output>/.lock`: an advisory lock (`flock`, exclusive) that a run holds from start to end,
/// so two runs never publish into one output folder at once and a run may remove what killed
/// runs left there. The kernel drops the lock when its holder ends, killed or not.
///
/// The file holds the last holder's pid, for the message a second run prints. It is never
/// removed: removing it would let two runs lock two different files of the same name.
package struct OutputLock: Sendable {
  /// The lock file.
  package let path: String
  private let descriptor: Int32

  /// Creates the output folder if need be and takes its lock without waiting. Throws (exit 1)
  /// when the folder cannot be created or written, or when another run holds the lock.
  package static func acquire(output: String, files: DurableFiles) throws(LoftError) -> OutputLock {
    do {
      try files.makeFolder(output)
    } catch {
      throw LoftError(
        .runtime, code: "output.unwritable",
        "\(error.message); choose another --output or make the folder writable")
    }
    let path = output + "/.lock"
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw LoftError(
        .runtime, code: "output.unwritable",
        "\(path): cannot create the lock file (\(reason(errno))); "
          + "choose another --output or make the folder writable")
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let code = errno
      let holder = holderID(descriptor)
      close(descriptor)
      if code == EWOULDBLOCK {
        throw LoftError(
          .runtime, code: "output.locked",
          "another run holds the lock on \(output) (pid \(holder.map(String.init) ?? "unknown")); "
            + "wait for it to end")
      }
      throw LoftError(.runtime, code: "output.lock", "\(path): cannot lock (\(reason(code)))")
    }
    // Only the holder writes here, so a reader sees a whole pid or nothing.
    let pid = Array("\(getpid())\n".utf8)
    guard ftruncate(descriptor, 0) == 0, pwrite(descriptor, pid, pid.count, 0) == pid.count else {
      let code = errno
      close(descriptor)
      throw LoftError(
        .runtime, code: "output.unwritable", "\(path): cannot write the lock file (\(reason(code)))"
      )
    }
    return OutputLock(path: path, descriptor: descriptor)
  }

  /// Releases the lock; call once, when the run ends.
  package func release() {
    close(descriptor)
  }

  /// The pid written by the process holding the lock, if it wrote one yet.
  private static func holderID(_ descriptor: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = pread(descriptor, &buffer, buffer.count, 0)
    guard count > 0 else { return nil }
    return Int32(String(decoding: buffer[..<count], as: UTF8.self).filter(\.isNumber))
  }

  private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
