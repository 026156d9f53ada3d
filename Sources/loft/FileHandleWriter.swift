#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes text straight to a file descriptor (stderr for progress and errors).
enum FileHandleWriter {
  static func write(_ string: String, to descriptor: Int32) {
    var bytes = Array(string.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { raw in
        Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
      }
      if written <= 0 { return }
      offset += written
    }
  }
}
