import Foundation
import Testing

@testable import LoftCore
@testable import LoftIngest

/// `XAPIStatementBuilder`: the fields validation reads, straight from the parser's events, with
/// the meaning of reading them from the whole value.
@Suite struct XAPIStatementBuilderTests {
  /// The statement of `text`, built from events or through trees.
  func build(_ text: String, throughTrees: Bool = false) throws -> XAPIStatement {
    var parser = JSONParser()
    var builder = XAPIStatementBuilder(throughTrees: throughTrees)
    var result: XAPIStatement?
    let bytes = Array(text.utf8)
    try bytes.withUnsafeBufferPointer { (buffer) throws(JSONError) in
      var index = 0
      while let kind = try parser.nextKind(buffer, &index) {
        if builder.add(kind, from: parser, in: buffer) {
          result = builder.built()
        }
      }
    }
    if let kind = try parser.finishKind(), builder.add(kind, from: parser) {
      result = builder.built()
    }
    let statement = try #require(result)
    if !throughTrees {
      #expect(try statement == build(text, throughTrees: true), "\(text)")
      #expect(statement == XAPIStatement(try JSONValue.parse(bytes)), "\(text)")
    }
    return statement
  }

  @Test("keeps the fields, leaves' kinds without their contents, and drops the rest")
  func keepsFields() throws {
    let statement = try build(
      """
      {"id": "s1", "actor": {"mbox": "x", "account": {"name": "r-1", "homePage": "h"}},
       "object": {"id": ["not", "a", "string"], "definition": {"name": {"nb": "Kurs"}}},
       "result": {"extensions": {"urn:x": [1, 2, 3]}, "duration": 12.50},
       "verb": {"id": null}, "stored": true, "version": "1.0.3"}
      """)
    #expect(statement.kind == .object)
    #expect(statement.text(of: .id) == "s1")
    #expect(statement.text(of: .learner) == "r-1")
    #expect(statement.kind(of: .object) == .array)
    #expect(statement.kind(of: .verb) == .null)
    #expect(statement.kind(of: .stored) == .boolean)
    #expect(statement.kind(of: .duration) == .number)
    #expect(statement.text(of: .duration) == "12.50")
    #expect(statement.kind(of: .timestamp) == nil)
    #expect(statement.kind(of: .registration) == nil)
  }

  @Test("decodes escapes, surrogate pairs included, in the fields' texts")
  func escapes() throws {
    let statement = try build(
      #"{"id": "a\"b\/c\u00e6\ud83d\ude00", "context": {"extensions": {"urn:loft:\u006frg-number": " 974760673"}}}"#
    )
    #expect(statement.text(of: .id) == "a\"b/cæ😀")
    #expect(statement.text(of: .orgNumber) == " 974760673")
  }

  @Test("of a repeated key the last value counts, and it replaces what was below the first")
  func repeatedKeys() throws {
    let repeated = (1...1000).map { "\"id\": \"s\($0)\"" }.joined(separator: ", ")
    #expect(try build("{\(repeated)}").text(of: .id) == "s1000")
    let replaced = try build(
      """
      {"id": "first", "actor": {"account": {"name": "n"}}, "context": {"registration": "r",
       "extensions": {"urn:loft:org-number": 974760673}}, "id": "second",
       "actor": {"objectType": "Agent"}, "context": {"registration": "s"}}
      """)
    #expect(replaced.text(of: .id) == "second")
    #expect(replaced.kind(of: .learner) == nil)
    #expect(replaced.text(of: .registration) == "s")
    #expect(replaced.kind(of: .orgNumber) == nil)
    let scalarOverObject = try build(#"{"verb": {"id": "v"}, "verb": "v", "id": "i"}"#)
    #expect(scalarOverObject.kind(of: .verb) == nil)
    #expect(scalarOverObject.text(of: .id) == "i")
  }

  @Test("a top-level array or scalar keeps its kind and has no fields")
  func kinds() throws {
    let array = try build("[1, {\"id\": \"x\"}, [[]]]")
    #expect(array.kind == .array)
    #expect(array.kind(of: .id) == nil)
    #expect(try build("\"text\"").kind == .string)
    #expect(try build("null").kind == .null)
    #expect(try build("{}") == XAPIStatement(kind: .object))
  }

  @Test("validation sees the same statements read from events or from whole values")
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
      for throughTrees in [true, false] {
        var reader = XAPIReader(throughTrees: throughTrees)
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
