import LoftCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One delivery on disk, opened without following links, hashed in a first pass.
///
/// Small files are kept in memory for the second pass; larger ones are read again in chunks,
/// so memory never grows with the file's size. Opening never blocks (a FIFO or device put in a
/// file's place is refused, not waited on), and a file that grows, shrinks or is replaced while
/// it is read fails with `.changed`.
struct DeliveryFile {
  /// Files up to this size are read once and kept; larger ones are streamed twice.
  static let inMemoryLimit = 64 << 20
  static let chunkSize = 4 << 20

  /// The path, as text (for messages and the test seam).
  let path: String
  /// The path as the file system has it, NUL-terminated: names need not be UTF-8.
  private let fileSystemPath: [CChar]
  let identity: Identity
  let sha256: String
  let size: Int
  /// The whole file, when it is small.
  let bytes: [UInt8]?
  /// The first bytes, for compression magic numbers.
  private(set) var prefix: [UInt8] = []

  /// What identifies a file's content on disk; a change means the file changed while read.
  struct Identity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modified: Int
    var changed: Int
  }

  enum OpenError: Error {
    case notRegular
    /// The file's size or identity changed between `fstat` and the end of a read.
    case changed
    case unreadable(String)
  }

  /// Read-only, no links followed, and no waiting: with `O_NONBLOCK` a FIFO opens at once (and
  /// `fstat` then refuses it) instead of blocking until someone writes to it.
  private static let openFlags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK

  /// Opens and hashes a file; `keepingBytes: false` never keeps it in memory.
  init(path: String, keepingBytes: Bool = true) throws(OpenError) {
    try self.init(fileSystemPath: Array(path.utf8), keepingBytes: keepingBytes)
  }

  /// Opens and hashes the file at a path given as the file system's bytes. `hashing: false`
  /// (a later reading of a file hashed before, known by its identity) leaves `sha256` empty and
  /// reads a large file only for its first bytes.
  init(fileSystemPath rawPath: [UInt8], keepingBytes: Bool = true, hashing: Bool = true)
    throws(OpenError)
  {
    path = String(decoding: rawPath, as: UTF8.self)
    let fileSystemPath = rawPath.map { CChar(bitPattern: $0) } + [0]
    self.fileSystemPath = fileSystemPath
    let descriptor = open(fileSystemPath, Self.openFlags)
    guard descriptor >= 0 else {
      if errno == ELOOP || errno == ENXIO { throw .notRegular }
      throw .unreadable(String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
    guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegular }
    identity = Self.identity(info)
    let expected = Int(info.st_size)
    var hasher = SHA256()
    var kept: [UInt8]?
    var total = 0
    if keepingBytes && expected <= Self.inMemoryLimit {
      // Small files: one buffer of the file's size plus one byte, to notice growth, read once.
      var buffer = [UInt8](repeating: 0, count: expected + 1)
      while total < buffer.count {
        let count = buffer.withUnsafeMutableBytes { raw in
          read(descriptor, raw.baseAddress! + total, raw.count - total)
        }
        if count < 0 {
          if errno == EINTR { continue }
          throw .unreadable(String(cString: strerror(errno)))
        }
        if count == 0 { break }
        total += count
      }
      // More bytes than `fstat` said, or fewer: the file is being written.
      guard total == expected else { throw .changed }
      buffer.removeSubrange(total...)
      if hashing { buffer.withUnsafeBytes { hasher.update($0) } }
      kept = buffer
    } else if !hashing {
      var prefix = [UInt8](repeating: 0, count: 8)
      let count = prefix.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 8, 0) }
      guard count >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
      self.prefix = Array(prefix.prefix(count))
      total = expected
    } else {
      var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
      var prefix: [UInt8] = []
      while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
          if errno == EINTR { continue }
          throw .unreadable(String(cString: strerror(errno)))
        }
        if count == 0 { break }
        chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        if prefix.count < 8 { prefix += chunk[..<min(count, 8 - prefix.count)] }
        total += count
        // A file that keeps growing is not read to its end, whenever that would be.
        guard total <= expected else { throw .changed }
      }
      guard total == expected else { throw .changed }
      self.prefix = prefix
    }
    sha256 = hashing ? SHA256.hex(hasher.finalize()) : ""
    size = total
    bytes = kept
    if let kept { prefix = Array(kept.prefix(8)) }
  }

  static func identity(_ info: stat) -> Identity {
    Identity(
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int(info.st_size),
      modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec),
      changed: Int(info.st_ctim.tv_sec) * 1_000_000_000 + Int(info.st_ctim.tv_nsec))
  }

  /// Whether the file on disk is still the one hashed.
  var isUnchanged: Bool {
    var info = stat()
    guard lstat(fileSystemPath, &info) == 0 else { return false }
    return Self.identity(info) == identity
  }

  /// Calls `body` with the raw bytes in chunks: from memory, or read again from disk.
  func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    try forEachChunk(in: 0..<size, body)
  }

  /// Calls `body` with the raw bytes of `range` in chunks: from memory, or read from disk (so
  /// that several readers can each read their own range at once).
  func forEachChunk(in range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    if let bytes {
      try bytes.withUnsafeBytes { raw in
        var offset = range.lowerBound
        while offset < range.upperBound {
          let end = min(offset + Self.chunkSize, range.upperBound)
          try body(UnsafeRawBufferPointer(rebasing: raw[offset..<end]))
          offset = end
        }
      }
      return
    }
    let descriptor = open(fileSystemPath, Self.openFlags)
    guard descriptor >= 0 else {
      if errno == ELOOP || errno == ENXIO { throw OpenError.changed }
      throw OpenError.unreadable(String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    // The second pass must read the file that was hashed, not whatever has taken its name.
    var info = stat()
    guard fstat(descriptor, &info) == 0, Self.identity(info) == identity else {
      throw OpenError.changed
    }
    var offset = range.lowerBound
    var chunk = [UInt8](repeating: 0, count: min(Self.chunkSize, range.count + 1))
    while true {
      let wanted =
        range.upperBound == size ? chunk.count : min(chunk.count, range.upperBound - offset)
      if wanted == 0 { return }
      let count = chunk.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress, wanted, off_t(offset))
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw OpenError.unreadable(String(cString: strerror(errno)))
      }
      if count == 0 {
        // The file ended before the range did: it shrank.
        guard offset >= range.upperBound else { throw OpenError.changed }
        return
      }
      offset += count
      // Reading to the end of the file: more than it had means it grew.
      guard offset <= range.upperBound else { throw OpenError.changed }
      try chunk.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }
  }
}
