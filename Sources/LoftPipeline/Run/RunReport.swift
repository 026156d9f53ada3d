import Foundation
import LoftCore

/// The run report: per file status and counts, the most frequent rejects per agency,
/// suppression counts and timings. Written as JSON and text for every run, failed ones too.
package struct RunReport: Codable, Sendable {
  package var pipeline: String
  package var asOf: String
  package var started: String
  package var finished: String = ""
  /// `published`, `exists`, `validated` or `failed`.
  package var outcome: String = "failed"
  package var error: String?
  package var snapshot: String?
  package var files: [InputFile] = []
  package var totals = Totals()
  /// Per agency folder: the most frequent reasons, with example locations (never values).
  package var rejectsByAgency: [AgencyRejects] = []
  /// Suppressed cells per table and reason.
  package var suppression: [SuppressionCount] = []
  /// Seconds per stage.
  package var timings: [Timing] = []
  /// The independent disclosure audit, when it was asked for.
  package var audit: Audit?

  package struct Audit: Codable, Sendable {
    package var problems: Int
    package var protectedVectors: Int
    package var exposures: [String]
  }

  package struct Totals: Codable, Sendable {
    package var files = 0
    package var read = 0
    package var quarantined = 0
    package var duplicateFiles = 0
    package var unmatched = 0
    package var rowsRead = 0
    package var rowsAccepted = 0
    package var rowsRejected = 0
    package var rowsDuplicate = 0
  }

  package struct AgencyRejects: Codable, Sendable {
    package var agency: String
    package var reasons: [ReasonCount]
  }

  package struct ReasonCount: Codable, Sendable {
    package var reason: String
    package var count: Int
    /// Up to three `file:line` locations.
    package var examples: [String]
  }

  package struct SuppressionCount: Codable, Sendable {
    package var table: String
    package var reason: String
    package var cells: Int
  }

  package struct Timing: Codable, Sendable {
    package var stage: String
    package var seconds: Double
  }

  init(pipeline: String, asOf: Day, started: Date) {
    self.pipeline = pipeline
    self.asOf = asOf.description
    self.started = Self.timestamp(started)
  }

  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }

  /// Fills the file rows, totals and rejects summary.
  mutating func record(files: [InputFile], rejects: [Reject]) {
    self.files = files
    totals = Totals()
    for file in files {
      totals.files += 1
      switch file.status {
      case .read: totals.read += 1
      case .quarantined: totals.quarantined += 1
      case .duplicateFile: totals.duplicateFiles += 1
      case .unmatched: totals.unmatched += 1
      }
      totals.rowsRead += file.rowsRead
      totals.rowsAccepted += file.rowsAccepted
      totals.rowsRejected += file.rowsRejected
      totals.rowsDuplicate += file.rowsDuplicate
    }
    var byAgency: [String: [String: (count: Int, examples: [String])]] = [:]
    for reject in rejects {
      let agency = reject.file.split(separator: "/").first.map(String.init) ?? ""
      var entry = byAgency[agency, default: [:]][reject.reason.rawValue] ?? (0, [])
      entry.count += 1
      if entry.examples.count < 3 {
        entry.examples.append(
          "\(reject.file):\(reject.line)\(reject.column.isEmpty ? "" : " (\(reject.column))")")
      }
      byAgency[agency, default: [:]][reject.reason.rawValue] = entry
    }
    rejectsByAgency = byAgency.keys.sorted().map { agency in
      let reasons = byAgency[agency]!.map {
        ReasonCount(reason: $0.key, count: $0.value.count, examples: $0.value.examples)
      }
      .sorted { ($1.count, $0.reason) < ($0.count, $1.reason) }
      return AgencyRejects(agency: agency, reasons: Array(reasons.prefix(5)))
    }
  }

  /// The report as text a person reads top to bottom.
  package func text() -> String {
    var lines: [String] = []
    lines.append("Løft run report — \(pipeline), as of \(asOf)")
    lines.append("outcome: \(outcome)\(snapshot.map { " — \($0)" } ?? "")")
    if let error { lines.append("error: \(error)") }
    lines.append("")
    lines.append(
      "files: \(totals.files) (read \(totals.read), quarantined \(totals.quarantined), "
        + "duplicate files \(totals.duplicateFiles), unmatched \(totals.unmatched))")
    lines.append(
      "records: \(totals.rowsRead) read = \(totals.rowsAccepted) accepted + "
        + "\(totals.rowsRejected) rejected + \(totals.rowsDuplicate) duplicate")
    lines.append("")
    lines.append("FILES")
    for file in files {
      var line =
        "  \(file.path)  \(file.kind ?? "-")/\(file.format ?? "-")  \(file.dialect ?? "-")  "
      line += file.status.rawValue
      if let reason = file.reason {
        line += " (\(reason.rawValue)\(file.detail.map { ": \($0)" } ?? ""))"
      }
      line +=
        "  read \(file.rowsRead), accepted \(file.rowsAccepted), rejected \(file.rowsRejected), duplicate \(file.rowsDuplicate)"
      if !file.unknownColumns.isEmpty {
        line += "  unknown columns: \(file.unknownColumns.joined(separator: ", "))"
      }
      lines.append(line)
    }
    if !rejectsByAgency.isEmpty {
      lines.append("")
      lines.append("MOST FREQUENT REJECTS PER AGENCY")
      for agency in rejectsByAgency {
        lines.append("  \(agency.agency)")
        for reason in agency.reasons {
          lines.append(
            "    \(reason.reason): \(reason.count) — e.g. \(reason.examples.joined(separator: ", "))"
          )
        }
      }
    }
    if !suppression.isEmpty {
      lines.append("")
      lines.append("SUPPRESSED CELLS")
      for count in suppression { lines.append("  \(count.table) \(count.reason): \(count.cells)") }
    }
    if !timings.isEmpty {
      lines.append("")
      lines.append("TIMINGS")
      for timing in timings {
        lines.append("  \(timing.stage): \(String(format: "%.3f", timing.seconds)) s")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
