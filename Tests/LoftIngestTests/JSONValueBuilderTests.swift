import Foundation
import Testing

@testable import LoftCore
@testable import LoftIngest

/// `JSONValueBuilder` with a `JSONKeyTree`: only the values validation reads are kept.
@Suite struct JSONValueBuilderTests {
  /// The top-level value of `text`, built keeping what `tree` names.
  func build(_ text: String, keeping tree: JSONKeyTree?) throws -> JSONValue {
    var parser = JSONParser()
    var builder = JSONValueBuilder(keeping: tree)
    var result: JSONValue?
    let bytes = Array(text.utf8)
    try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) in
      var index = 0
      while let event = try parser.next(buffer, &index) {
        if let value = builder.add(event) { result = value }
      }
    }
    if let event = try parser.finish(), let value = builder.add(event) { result = value }
    return try #require(result)
  }

  @Test("keeps the named members, leaves' kinds without their contents, and drops the rest")
  func keepsNamedMembers() throws {
    let tree = JSONKeyTree(paths: [["id"], ["actor", "account", "name"], ["object", "id"]])
    let value = try build(
      """
      {"id": "s1", "actor": {"mbox": "x", "account": {"name": "r-1", "homePage": "h"}},
       "object": {"id": ["not", "a", "string"], "definition": {"name": {"nb": "Kurs"}}},
       "result": {"extensions": {"urn:x": [1, 2, 3]}}, "version": "1.0.3"}
      """, keeping: tree)
    #expect(
      value
        == .object([
          ("id", .string("s1")),
          ("actor", .object([("account", .object([("name", .string("r-1"))]))])),
          ("object", .object([("id", .array([]))])),
        ]))
  }

  @Test("of a repeated kept key only the last value is kept, as the subscript reads it")
  func repeatedKeys() throws {
    let tree = JSONKeyTree(paths: [["id"]])
    let repeated = (1...1000).map { "\"id\": \"s\($0)\"" }.joined(separator: ", ")
    let value = try build("{\(repeated)}", keeping: tree)
    #expect(value == .object([("id", .string("s1000"))]))
    let full = try build("{\(repeated)}", keeping: nil)
    #expect(full["id"] == value["id"])
  }

  @Test("a top-level array or scalar keeps its kind; without a tree everything is kept")
  func kinds() throws {
    let tree = XAPIStatementValidator.keyTree
    #expect(try build("[1, {\"id\": \"x\"}]", keeping: tree) == .array([]))
    #expect(try build("\"text\"", keeping: tree) == .string("text"))
    let text = "{\"a\": [1, {\"b\": null}], \"id\": 2}"
    #expect(try build(text, keeping: nil) == JSONValue.parse(Array(text.utf8)))
  }

  @Test("validation sees the same statements with or without the values it does not read")
  func sameValidation() throws {
    let inbox = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/demo/inbox").path
    let files = [
      "803778574/lrs-export-2025.json", "803778574/statements-2026.jsonl",
      "849768336/xapi/lrs-export-2024.json", "849768336/xapi/statements-2025.jsonl",
    ]
    let register = Register(
      agencies: ["803778574", "849768336"].map {
        Agency(
          orgNumber: OrgNumber($0)!, name: $0, sector: .state, county: "", sizeClass: .large,
          leaderCount: 600)
      })
    // The demo's courses by their activity ids (the last column), so statements get that far.
    let courses = try String(contentsOfFile: inbox + "/../reference/courses.csv", encoding: .utf8)
      .split(separator: "\n").dropFirst().enumerated().map { index, line in
        Course(
          id: "C\(index)", title: "", provider: "", license: "", areas: [], minutes: 1,
          xapiActivityID: String(line.split(separator: ",").last!))
      }
    for file in files {
      let validator = XAPIStatementValidator(
        context: XAPIContext(
          file: file, folderAgency: file.hasPrefix("803") ? 0 : 1, register: register,
          catalogue: Catalogue(courses: courses), asOf: Day(year: 2026, month: 11, day: 30)!))
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: inbox + "/" + file)))
      var outcomes: [[XAPIOutcome]] = []
      for tree in [nil, XAPIStatementValidator.keyTree] {
        var reader = XAPIReader(keeping: tree)
        var found: [XAPIOutcome] = []
        try reader.feed(bytes) { found.append(validator.validate($0)) }
        try reader.finish { found.append(validator.validate($0)) }
        outcomes.append(found)
      }
      #expect(outcomes[0].count > 50, "\(file)")
      #expect(
        outcomes[0].filter { if case .accepted = $0 { true } else { false } }.count > 50, "\(file)")
      #expect(outcomes[0] == outcomes[1], "\(file)")
    }
  }
}
