import LoftCore

/// A small CSV file read whole, in any dialect: for reference data, not deliveries.
package struct CSVDocument {
  /// A record: its first physical line and its fields, untrimmed.
  package struct Record {
    package var line: Int
    package var fields: [String]
    /// The record's quoting is broken.
    package var isBroken: Bool
  }

  /// The header's names, trimmed; nil when the file has no header line.
  package private(set) var header: [String]?
  package private(set) var headerLine = 0
  package private(set) var records: [Record] = []

  /// Why a document cannot be read.
  package struct ReadError: Error, CustomStringConvertible {
    package var description: String
  }

  package init(bytes: [UInt8], limits: CSVLimits) throws(ReadError) {
    var sniffer = TextSniffer()
    bytes.withUnsafeBytes { sniffer.feed($0) }
    guard let profile = sniffer.finish() else {
      throw ReadError(description: "the file is neither UTF-8, UTF-16 with a BOM, nor Windows-1252")
    }
    var reader = CSVReader(profile: profile, limits: limits)
    var headerLine = 0
    var header: [String]?
    var records: [Record] = []
    func onHeader(_ names: [String], _ line: Int) {
      header = names
      headerLine = line
    }
    func onRecord(_ record: CSVRecord) {
      records.append(
        Record(line: record.line, fields: record.fields, isBroken: record.defect != nil))
    }
    do {
      try bytes.withUnsafeBytes { raw in
        try reader.feed(rawChunk: raw, onHeader: onHeader, onRecord: onRecord)
      }
      try reader.finish(onHeader: onHeader, onRecord: onRecord)
    } catch {
      throw ReadError(description: "\(error)")
    }
    self.header = header
    self.records = records
    self.headerLine = headerLine
  }
}
