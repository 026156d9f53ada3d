import LoftCore

/// Reads and checks the register (`agencies.csv`) and the catalogue (`courses.csv`).
///
/// Any defect stops the run before data is read (exit 2), with the file, line and column.
package enum ReferenceLoader {
  /// County numbers of the 2024 county structure.
  package static let counties: Set<String> = [
    "03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56",
  ]

  package static func register(bytes: [UInt8], file: String) throws(LoftError) -> Register {
    let table = try ReferenceTable(
      bytes: bytes, file: file,
      required: [
        "org_number", "name", "sector", "county", "size_class", "leader_count",
      ])
    var agencies: [Agency] = []
    var lines: [OrgNumber: Int] = [:]
    for row in table.rows {
      let written = row["org_number"]
      guard let org = OrgNumber(written) else {
        throw row.error(
          "org_number", "`\(written)` is not a valid org number (9 digits, mod-11 check digit)")
      }
      if let earlier = lines[org] {
        throw row.error("org_number", "\(org) is listed twice (first on line \(earlier))")
      }
      lines[org] = row.line
      let name = row["name"]
      guard !name.isEmpty else { throw row.error("name", "the name is empty") }
      guard let sector = Sector(rawValue: row["sector"]) else {
        throw row.error(
          "sector", "`\(row["sector"])` is not state, municipality, county_municipality or other")
      }
      let county = row["county"]
      if county.isEmpty {
        guard sector == .state || sector == .other else {
          throw row.error("county", "a \(sector.rawValue) needs its county number")
        }
      } else if !counties.contains(county) {
        throw row.error("county", "`\(county)` is not a county number of the 2024 structure")
      }
      guard let leaders = Int(row["leader_count"]), leaders >= 1 else {
        throw row.error("leader_count", "`\(row["leader_count"])` is not a whole number ≥ 1")
      }
      guard let sizeClass = SizeClass(rawValue: row["size_class"]) else {
        throw row.error("size_class", "`\(row["size_class"])` is not S, M or L")
      }
      guard sizeClass == SizeClass(leaderCount: leaders) else {
        throw row.error(
          "size_class",
          "\(sizeClass.rawValue) disagrees with \(leaders) leaders (S < 20, M 20–99, L 100+)")
      }
      agencies.append(
        Agency(
          orgNumber: org, name: name, sector: sector, county: county, sizeClass: sizeClass,
          leaderCount: leaders))
    }
    return Register(agencies: agencies)
  }

  package static func catalogue(bytes: [UInt8], file: String, model: Model) throws(LoftError)
    -> Catalogue
  {
    let table = try ReferenceTable(
      bytes: bytes, file: file,
      required: [
        "course_id", "title", "provider", "license", "areas", "minutes", "xapi_activity_id",
      ])
    let areaCodes = Set(model.competence.areas.map(\.code))
    var courses: [Course] = []
    var idLines: [String: Int] = [:]
    var activityLines: [String: Int] = [:]
    for row in table.rows {
      let id = row["course_id"]
      guard !id.isEmpty else { throw row.error("course_id", "the course id is empty") }
      if let earlier = idLines[id] {
        throw row.error("course_id", "`\(id)` is listed twice (first on line \(earlier))")
      }
      idLines[id] = row.line
      let areas = row["areas"].split(separator: "|").map { String($0).trimmingSpaces }
        .filter { !$0.isEmpty }
      for area in areas where !areaCodes.contains(area) {
        throw row.error("areas", "`\(area)` is not a competence area of the model")
      }
      var minutes: Int?
      if !row["minutes"].isEmpty {
        guard let value = FieldParsing.wholeNumber(row["minutes"]), value >= 0 else {
          throw row.error("minutes", "`\(row["minutes"])` is not a whole number of minutes")
        }
        minutes = value
      }
      let activity = row["xapi_activity_id"]
      if !activity.isEmpty {
        if let earlier = activityLines[activity] {
          throw row.error(
            "xapi_activity_id", "`\(activity)` is used twice (first on line \(earlier))")
        }
        activityLines[activity] = row.line
      }
      courses.append(
        Course(
          id: id, title: row["title"], provider: row["provider"], license: row["license"],
          areas: areas, minutes: minutes, xapiActivityID: activity))
    }
    return Catalogue(courses: courses)
  }
}

/// A small reference CSV read whole: its header and rows of trimmed fields by column name.
struct ReferenceTable {
  struct Row {
    let file: String
    let line: Int
    let fields: [String: String]
    subscript(_ column: String) -> String { fields[column] ?? "" }

    func error(_ column: String, _ message: String) -> LoftError {
      LoftError(.configuration, code: "reference.invalid", "\(file):\(line): \(column): \(message)")
    }
  }

  let rows: [Row]

  init(bytes: [UInt8], file: String, required: [String]) throws(LoftError) {
    let parsed: CSVDocument
    do {
      parsed = try CSVDocument(bytes: bytes, limits: CSVLimits())
    } catch {
      throw LoftError(.configuration, code: "reference.unreadable", "\(file): \(error)")
    }
    guard let header = parsed.header else {
      throw LoftError(
        .configuration, code: "reference.no_header", "\(file): the file has no header")
    }
    let names = header.map { $0.trimmingSpaces.lowercased() }
    for column in required where !names.contains(column) {
      throw LoftError(
        .configuration, code: "reference.missing_column",
        "\(file):\(parsed.headerLine): the column `\(column)` is missing")
    }
    var rows: [Row] = []
    for record in parsed.records {
      guard record.fields.count == names.count else {
        throw LoftError(
          .configuration, code: "reference.malformed",
          "\(file):\(record.line): \(record.fields.count) fields where the header has \(names.count)"
        )
      }
      var fields: [String: String] = [:]
      for (name, value) in zip(names, record.fields) where fields[name] == nil {
        fields[name] = value.trimmingSpaces
      }
      rows.append(Row(file: file, line: record.line, fields: fields))
    }
    self.rows = rows
  }
}
