import Foundation
import LoftCore
import LoftPublish

/// Writes the run report as `<output>/reports/<run>.json` and `.txt`; never fails the run.
struct ReportWriter {
  let output: String
  /// With more than one, the two files are made and written at once: the last step of a run,
  /// 0.03–0.05 s for a national report's 6 583 file rows, one after the other.
  var threads = 1

  func write(_ report: RunReport) {
    let files = DurableFiles()
    let folder = output + "/reports"
    let stamp = report.started.filter { $0.isNumber }.prefix(17)
    let path = "\(folder)/\(stamp)-\(getProcessID())"
    // The report is a courtesy; a run's outcome does not depend on it.
    guard (try? files.makeFolder(folder)) != nil else { return }
    let jobs: [@Sendable () -> Void] = [
      { try? files.writeAtomically(Array(report.json().utf8), to: path + ".json") },
      { try? files.writeAtomically(Array(report.text().utf8), to: path + ".txt") },
    ]
    runSideBySide(jobs, threads: threads)
  }
}

/// The rejects file: `file,line,column,reason,message`, RFC 4180, UTF-8.
enum RejectsFile {
  static func render(_ rejects: [Reject]) -> [UInt8] {
    // Appended as bytes: a messy inbox has tens of thousands of rejects, and joining strings
    // per line took a tenth of a second.
    var bytes = Array("file,line,column,reason,message\n".utf8)
    bytes.reserveCapacity(bytes.count + rejects.count * 128)
    for reject in rejects {
      appendField(reject.file, to: &bytes)
      bytes.append(UInt8(ascii: ","))
      bytes.append(contentsOf: String(reject.line).utf8)
      bytes.append(UInt8(ascii: ","))
      appendField(reject.column, to: &bytes)
      bytes.append(UInt8(ascii: ","))
      bytes.append(contentsOf: reject.reason.rawValue.utf8)
      bytes.append(UInt8(ascii: ","))
      appendField(reject.message, to: &bytes)
      bytes.append(UInt8(ascii: "\n"))
    }
    return bytes
  }

  static func quote(_ field: String) -> String {
    guard needsQuotes(field) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// `quote(field)`'s bytes appended to `bytes`.
  private static func appendField(_ field: String, to bytes: inout [UInt8]) {
    if needsQuotes(field) {
      bytes.append(contentsOf: quote(field).utf8)
    } else {
      bytes.append(contentsOf: field.utf8)
    }
  }

  /// Whether a field holds a comma, a quote or a line break, as characters.
  private static func needsQuotes(_ field: String) -> Bool {
    // Most fields hold none of these bytes, and a character equal to one of them holds its
    // byte, so the bytes decide quickly; the characters decide when the bytes cannot (a
    // "\r\n" pair or a combining mark makes a character that equals none of them).
    let special = field.utf8.contains { byte in
      byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
        || byte == UInt8(ascii: "\r")
    }
    return special
      && field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
  }
}
