#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension DeliveryReader {
  /// The debug-only default of `IngestSettings.afterHashing`, for tests that run the `loft`
  /// binary: `LOFT_CHANGE_AFTER_HASH=<path below the inbox>` appends a line to that delivery once
  /// it has been hashed, as an agency exporting over a file during the run would. Release builds
  /// ignore the variable.
  package static let environmentHook: (@Sendable (_ file: String) -> Void)? = {
    #if DEBUG
      guard let value = getenv("LOFT_CHANGE_AFTER_HASH") else { return nil }
      let target = "/" + String(cString: value)
      return { file in
        guard file.hasSuffix(target) else { return }
        appendLine(to: file)
      }
    #else
      return nil
    #endif
  }()

  /// Appends `changed after hashing` and a newline to a file (for the test seam).
  package static func appendLine(to file: String) {
    let descriptor = open(file, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    let line = Array("changed after hashing\n".utf8)
    _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  }
}
