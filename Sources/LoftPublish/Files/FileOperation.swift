/// One step of `DurableFiles` that can fail or be interrupted: what `FileSystemFaults` sees.
package struct FileOperation: Sendable, CustomStringConvertible {
  /// The kinds of step, each consulted just before its system call.
  package enum Kind: String, Sendable, CaseIterable {
    /// `mkdir`, once per `makeFolder` call (however many parents it creates).
    case mkdir
    /// Writing a whole file; consulted after it is created, before its bytes are written.
    case write
    /// `fsync` of a file or a folder.
    case fsync
    /// `rename`; `path` is the source and `destination` the target.
    case rename
    /// `symlink`; `path` is the link being created.
    case symlink
  }

  /// Which system call this is.
  package var kind: Kind
  /// The file or folder acted on (the source of a rename).
  package var path: String
  /// The target of a rename; nil for every other kind.
  package var destination: String?

  /// An operation on `path` (renamed to `destination`, for a rename).
  package init(_ kind: Kind, _ path: String, destination: String? = nil) {
    self.kind = kind
    self.path = path
    self.destination = destination
  }

  /// `write /out/snapshots/.tmp-…/report.html`, `rename /a → /b`: for messages and logs.
  package var description: String {
    destination.map { "\(kind) \(path) → \($0)" } ?? "\(kind) \(path)"
  }
}
