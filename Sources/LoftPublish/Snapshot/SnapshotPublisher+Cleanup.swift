extension SnapshotPublisher {
  /// `<output>/rejects`: one `<snapshot>.csv` per published snapshot.
  package var rejectsFolder: String { output + "/rejects" }

  /// Removes what failed or killed runs left: `.tmp-` entries in `snapshots/` and `rejects/`,
  /// rejects files of no snapshot, `latest.tmp-` links, and `.tmp-<pid>-` reports of processes
  /// that are gone. Only while
  /// holding the output's `OutputLock`: a live run's temporary folder looks the same.
  package func removeLeftovers() {
    for folder in [snapshotsFolder, rejectsFolder] {
      for name in listFolder(folder) where name.hasPrefix(".tmp-") {
        files.removeTree(folder + "/" + name)
      }
    }
    // A run killed between its rejects file and its folder's rename leaves a rejects file of
    // no snapshot; it holds raw values, so it goes too.
    for name in listFolder(rejectsFolder) where name.hasSuffix(".csv") {
      if !files.exists(snapshotsFolder + "/" + name.dropLast(4)) {
        files.removeTree(rejectsFolder + "/" + name)
      }
    }
    for name in listFolder(output) where name.hasPrefix("latest.tmp-") {
      files.removeTree(output + "/" + name)
    }
    // A run that failed to get the lock still writes its report here, without the lock.
    let reports = output + "/reports"
    for name in listFolder(reports) where name.hasPrefix(".tmp-") {
      let pid = name.dropFirst(5).prefix { $0.isNumber }
      if let pid = Int32(pid), processIsAlive(pid) { continue }
      files.removeTree(reports + "/" + name)
    }
  }

  /// Undoes a publish that failed part way: `latest` back to `before`, the folder `name` (when
  /// this run made it) removed, and with it, by `removeLeftovers`, its rejects file and every
  /// temporary entry. Best effort and without injected faults; true when everything is as it
  /// was before the publish.
  func rollBack(name: String?, latest before: String?) -> Bool {
    let files = files.withoutFaults
    var undone = true
    if readLink(latestLink) != before {
      do {
        if let before {
          try files.switchLink(latestLink, to: before)
        } else {
          files.removeTree(latestLink)
          try files.syncFolder(output)
        }
      } catch {
        undone = false
      }
    }
    if let name {
      let target = snapshotsFolder + "/" + name
      if readLink(latestLink) == "snapshots/" + name {
        // latest could not be moved back: the folder it points at must stay.
        undone = false
      } else if files.exists(target) {
        // Renamed away first, so the folder vanishes in one step rather than file by file.
        let doomed = snapshotsFolder + "/.tmp-undo-\(name)-\(getProcessID())"
        do {
          try files.rename(target, to: doomed)
        } catch {
          undone = false
        }
      }
    }
    removeLeftovers()
    return undone
  }
}
