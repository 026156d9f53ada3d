import LoftCore

/// The inbox sorted out before any file is read: what is set aside by its place alone, and
/// each agency's files with the source they match, in byte order of path.
package struct IngestPlan: Sendable {
  /// One file to read, with the source that decided its kind.
  package struct PlannedFile: Sendable {
    package var entry: InboxEntry
    package var source: Source

    /// The bytes the file is expected to hold once decompressed: a `.zst` file at 8 times its
    /// size.
    package var expectedBytes: Int {
      entry.size * (entry.path.lowercased().hasSuffix(".zst") ? 8 : 1)
    }
  }

  /// One agency folder's files.
  package struct AgencyFiles: Sendable {
    package var agency: Int32
    package var files: [PlannedFile]

    /// The bytes the files are expected to hold once decompressed: what orders the agencies
    /// and decides which one is read in parts.
    package var expectedBytes: Int {
      files.reduce(0) { total, planned in total + planned.expectedBytes }
    }

    /// About how many CSV records the files hold, at some 40 bytes a row: what an agency's
    /// duplicate check and enrolments are sized for, so that they seldom grow.
    package var expectedCSVRecords: Int {
      files.reduce(0) { total, planned in
        total + (planned.source.format == .csv ? planned.expectedBytes / 40 : 0)
      }
    }
  }

  /// Files settled without reading: not regular, unmatched, or not in a registered agency folder.
  package var settled: [InputFile] = []
  package var agencies: [AgencyFiles] = []

  /// Sorts the entries: `not_a_regular_file`, then `unmatched`, then `unknown_agency_folder`.
  package init(entries: [InboxEntry], settings: IngestSettings) {
    var byAgency: [Int32: [PlannedFile]] = [:]
    for entry in entries {
      var input = InputFile(path: entry.path, bytes: entry.size, status: .quarantined)
      guard entry.isRegularFile else {
        input.quarantine(.notARegularFile, "a symbolic link or special file is never followed")
        settled.append(input)
        continue
      }
      guard let source = settings.sources.first(where: { $0.glob.matches(entry.pathInAgency) })
      else {
        input.status = .unmatched
        settled.append(Self.hashed(input, entry, inbox: settings.inbox))
        continue
      }
      input.kind = source.kind.rawValue
      input.format = source.format.rawValue
      guard !entry.agencyFolder.isEmpty, entry.agencyFolder.allSatisfy(\.isNumber),
        let org = OrgNumber(entry.agencyFolder), let agency = settings.register.index(of: org)
      else {
        let detail =
          entry.agencyFolder.isEmpty
          ? "the file lies directly in the inbox, not in an agency folder"
          : "`\(entry.agencyFolder)` is not the org number of a registered agency"
        input.quarantine(.unknownAgencyFolder, detail)
        settled.append(Self.hashed(input, entry, inbox: settings.inbox))
        continue
      }
      byAgency[Int32(agency), default: []].append(PlannedFile(entry: entry, source: source))
    }
    agencies = byAgency.keys.sorted().map { AgencyFiles(agency: $0, files: byAgency[$0]!) }
  }

  /// A settled file's row with its SHA-256 and size, when it can be read: it is counted, not parsed.
  static func hashed(_ input: InputFile, _ entry: InboxEntry, inbox: String) -> InputFile {
    let path = Array(inbox.utf8) + [UInt8(ascii: "/")] + entry.fileSystemPath
    guard let file = try? DeliveryFile(fileSystemPath: path, keepingBytes: false) else {
      return input
    }
    var input = input
    input.sha256 = file.sha256
    input.bytes = file.size
    return input
  }
}
