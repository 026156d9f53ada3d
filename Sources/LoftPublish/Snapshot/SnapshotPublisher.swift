import LoftCore

/// Writes a snapshot folder atomically: everything in a temporary folder beside the target,
/// each file fsync'ed, the folder renamed into place, its parent fsync'ed, `latest` last.
package struct SnapshotPublisher: Sendable {
  /// The run's output folder (`snapshots/`, `latest`, `rejects/`, `reports/` live here).
  package let output: String
  package let files: DurableFiles

  package init(output: String, files: DurableFiles = DurableFiles()) {
    self.output = output
    self.files = files
  }

  /// The files of one snapshot, apart from `manifest.json`, which is made from them.
  package struct Content: Sendable {
    package var database: [UInt8]
    /// Relative path in the folder → bytes (`summary/maturity.csv`, `report.html`).
    package var extraFiles: [(path: String, bytes: [UInt8])]
    /// The rejects file's bytes, written beside the snapshot with mode 0600.
    package var rejects: [UInt8]
    package init(database: [UInt8], extraFiles: [(path: String, bytes: [UInt8])], rejects: [UInt8]) {
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

  package var snapshotsFolder: String { output + "/snapshots" }

  /// The name a database gets: `<as-of date>-<first 8 hex digits of its SHA-256>`.
  package static func name(asOf: Day, database: [UInt8]) -> String {
    "\(asOf)-\(SHA256.hex(SHA256.hash(database)).prefix(8))"
  }

  /// Publishes a snapshot; `manifest` turns the list of files (path, sha256, size) into
  /// `manifest.json`'s bytes.
  package func publish(
    _ content: Content, asOf: Day,
    manifest: ([(path: String, sha256: String, bytes: Int)]) -> [UInt8]
  ) throws(LoftError) -> Outcome {
    let name = Self.name(asOf: asOf, database: content.database)
    let target = snapshotsFolder + "/" + name
    try files.makeFolder(snapshotsFolder)
    removeLeftovers()
    if files.exists(target) { return Outcome(path: target, name: name, existed: true) }

    try writeRejects(content.rejects, name: name)

    let temporary = snapshotsFolder + "/.tmp-\(name)-\(getProcessID())"
    files.removeTree(temporary)
    try files.makeFolder(temporary)
    var listed: [(path: String, sha256: String, bytes: Int)] = []
    let all = [("snapshot.sqlite.zst", content.database)] + content.extraFiles
    var folders: Set<String> = [temporary]
    for (path, bytes) in all {
      let full = temporary + "/" + path
      let folder = parent(of: full)
      if !folders.contains(folder) {
        try files.makeFolder(folder)
        folders.insert(folder)
      }
      try files.write(bytes, to: full)
      listed.append((path, SHA256.hex(SHA256.hash(bytes)), bytes.count))
    }
    try files.write(manifest(listed), to: temporary + "/manifest.json")
    for folder in folders.sorted(by: >) { try files.syncFolder(folder) }
    try files.rename(temporary, to: target)
    try switchLatestIfNewest(name: name, asOf: asOf)
    return Outcome(path: target, name: name, existed: false)
  }

  /// `rejects/<name>.csv`, mode 0600: it holds raw values, so it stays beside the snapshot.
  private func writeRejects(_ bytes: [UInt8], name: String) throws(LoftError) {
    let folder = output + "/rejects"
    try files.makeFolder(folder)
    let path = folder + "/\(name).csv"
    let temporary = folder + "/.tmp-\(name)-\(getProcessID()).csv"
    try files.write(bytes, to: temporary, mode: 0o600)
    try files.rename(temporary, to: path)
  }

  /// `latest` follows the newest as-of date; a backfill with an older date leaves it.
  private func switchLatestIfNewest(name: String, asOf: Day) throws(LoftError) {
    let link = output + "/latest"
    if let current = readLink(link), let slash = current.lastIndex(of: "/") {
      let currentName = current[current.index(after: slash)...]
      if currentName.prefix(10) > name.prefix(10) { return }
    }
    try files.switchLink(link, to: "snapshots/" + name)
  }

  /// Removes what a failed or killed run left: temporary snapshot folders and links.
  package func removeLeftovers() {
    for name in listFolder(snapshotsFolder) where name.hasPrefix(".tmp-") {
      files.removeTree(snapshotsFolder + "/" + name)
    }
    for name in listFolder(output) where name.hasPrefix("latest.tmp-") {
      files.removeTree(output + "/" + name)
    }
    for name in listFolder(output + "/rejects") where name.hasPrefix(".tmp-") {
      files.removeTree(output + "/rejects/" + name)
    }
  }
}
