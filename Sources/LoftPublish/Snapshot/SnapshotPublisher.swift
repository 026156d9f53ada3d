import LoftCore

/// Writes a snapshot folder atomically: everything in a temporary folder beside the target,
/// each file fsync'ed, the folder renamed into place, its parent fsync'ed, `latest` last.
package struct SnapshotPublisher: Sendable {
  /// The run's output folder (`snapshots/`, `latest`, `rejects/`, `reports/` live here).
  package let output: String
  /// Writes every file; tests pass one with injected faults.
  package let files: DurableFiles

  /// A publisher into `output`.
  package init(output: String, files: DurableFiles = DurableFiles()) {
    self.output = output
    self.files = files
  }

  /// The files of one snapshot, apart from `manifest.json`, which is made from them.
  package struct Content: Sendable {
    /// `snapshot.sqlite.zst`'s bytes; their hash names the folder.
    package var database: [UInt8]
    /// Relative path in the folder → bytes (`summary/maturity.csv`, `report.html`).
    package var extraFiles: [(path: String, bytes: [UInt8])]
    /// The rejects file's bytes, written beside the snapshot with mode 0600.
    package var rejects: [UInt8]
    /// The files of a snapshot and its rejects file.
    package init(database: [UInt8], extraFiles: [(path: String, bytes: [UInt8])], rejects: [UInt8])
    {
      self.database = database
      self.extraFiles = extraFiles
      self.rejects = rejects
    }
  }

  /// Where a publish ended.
  package struct Outcome: Sendable, Equatable {
    /// The snapshot folder's absolute path.
    package var path: String
    /// `<as-of>-<hash>`.
    package var name: String
    /// The folder existed already: nothing new was written.
    package var existed: Bool
  }

  /// `<output>/snapshots`.
  package var snapshotsFolder: String { output + "/snapshots" }
  /// `<output>/latest`, a relative link to the snapshot with the newest as-of date.
  package var latestLink: String { output + "/latest" }

  /// The name a database gets: `<as-of date>-<first 8 hex digits of its SHA-256>`.
  package static func name(asOf: Day, databaseSHA256: String) -> String {
    "\(asOf)-\(databaseSHA256.prefix(8))"
  }

  /// Publishes a snapshot; `manifest` turns the list of files (path, sha256, size) into
  /// `manifest.json`'s bytes. The caller holds the output's `OutputLock`: this removes what
  /// earlier, killed runs left, which must not be another live run's work.
  ///
  /// All or nothing: when anything fails, what this call wrote is undone before it throws, so
  /// the earlier snapshots and `latest` are as they were. A kill leaves at most `.tmp-` entries
  /// (removed by the next publish) or a complete folder that `latest` does not point at yet.
  package func publish(
    _ content: Content, asOf: Day,
    manifest: ([(path: String, sha256: String, bytes: Int)]) -> [UInt8]
  ) throws(LoftError) -> Outcome {
    // Hashed once: it names the folder and is the database's line in manifest.json.
    let databaseSHA256 = SHA256.hex(SHA256.hash(content.database))
    let name = Self.name(asOf: asOf, databaseSHA256: databaseSHA256)
    let target = snapshotsFolder + "/" + name
    try files.makeFolder(snapshotsFolder)
    removeLeftovers()
    let latestBefore = readLink(latestLink)
    let existed = files.exists(target)
    do {
      if !existed {
        try writeRejects(content.rejects, name: name)
        try writeFolder(
          content, databaseSHA256: databaseSHA256, at: target, name: name, manifest: manifest)
      }
      // Also when the folder existed: a killed run may have renamed it but not switched latest.
      try switchLatestIfNewest(name: name, asOf: asOf)
    } catch {
      let undone = rollBack(name: existed ? nil : name, latest: latestBefore)
      throw LoftError(
        .runtime, code: error.code,
        error.message
          + (undone
            ? "; nothing was published and latest is unchanged"
            : "; undoing the publish failed as well, check \(output)"))
    }
    return Outcome(path: target, name: name, existed: existed)
  }

  /// Writes every file into `.tmp-<name>-<pid>/` beside the target, fsyncs them and their
  /// folders, then renames the folder into place (and fsyncs `snapshots/`).
  private func writeFolder(
    _ content: Content, databaseSHA256: String, at target: String, name: String,
    manifest: ([(path: String, sha256: String, bytes: Int)]) -> [UInt8]
  ) throws(LoftError) {
    let temporary = snapshotsFolder + "/.tmp-\(name)-\(getProcessID())"
    try files.makeFolder(temporary)
    var listed: [(path: String, sha256: String, bytes: Int)] = []
    // Each file with its hash when known already.
    let all: [(path: String, bytes: [UInt8], sha256: String?)] =
      [("snapshot.sqlite.zst", content.database, databaseSHA256)]
      + content.extraFiles.map { ($0.path, $0.bytes, nil) }
    var folders: Set<String> = [temporary]
    for (path, bytes, known) in all {
      let full = temporary + "/" + path
      let folder = parent(of: full)
      if !folders.contains(folder) {
        try files.makeFolder(folder)
        folders.insert(folder)
      }
      try files.write(bytes, to: full)
      listed.append((path, known ?? SHA256.hex(SHA256.hash(bytes)), bytes.count))
    }
    try files.write(manifest(listed), to: temporary + "/manifest.json")
    for folder in folders.sorted(by: >) { try files.syncFolder(folder) }
    try files.rename(temporary, to: target)
  }

  /// `rejects/<name>.csv`, mode 0600: it holds raw values, so it stays beside the snapshot.
  /// Written before the snapshot folder appears, so every published snapshot has one.
  private func writeRejects(_ bytes: [UInt8], name: String) throws(LoftError) {
    try files.makeFolder(rejectsFolder)
    try files.writeAtomically(bytes, to: rejectsFolder + "/\(name).csv", mode: 0o600)
  }

  /// `latest` follows the newest as-of date; a backfill with an older date leaves it.
  private func switchLatestIfNewest(name: String, asOf: Day) throws(LoftError) {
    let link = "snapshots/" + name
    if let current = readLink(latestLink) {
      if current == link { return }
      let currentName = current.split(separator: "/").last ?? ""
      if currentName.prefix(10) > name.prefix(10) { return }
    }
    try files.switchLink(latestLink, to: link)
  }
}
