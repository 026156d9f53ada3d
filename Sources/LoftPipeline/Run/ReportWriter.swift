import Foundation
import LoftCore
import LoftPublish

/// Writes the run report as `<output>/reports/<run>.json` and `.txt`; never fails the run.
struct ReportWriter {
  let output: String

  func write(_ report: RunReport) {
    let files = DurableFiles()
    let folder = output + "/reports"
    let stamp = report.started.filter { $0.isNumber }.prefix(17)
    let name = "\(stamp)-\(getProcessID())"
    do {
      try files.makeFolder(folder)
      try files.writeAtomically(Array(report.json().utf8), to: "\(folder)/\(name).json")
      try files.writeAtomically(Array(report.text().utf8), to: "\(folder)/\(name).txt")
    } catch {
      // The report is a courtesy; a run's outcome does not depend on it.
    }
  }
}

/// The rejects file: `file,line,column,reason,message`, RFC 4180, UTF-8.
enum RejectsFile {
  static func render(_ rejects: [Reject]) -> [UInt8] {
    var text = "file,line,column,reason,message\n"
    for reject in rejects {
      text +=
        [
          quote(reject.file), String(reject.line), quote(reject.column), reject.reason.rawValue,
          quote(reject.message),
        ]
        .joined(separator: ",") + "\n"
    }
    return Array(text.utf8)
  }

  static func quote(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
