import LoftIngest
import Testing

/// Parses a text fed in chunks of the given size, as a file would arrive.
private func parse(
  _ bytes: [UInt8], chunk: Int = .max, limits: XAPILimits = XAPILimits()
) -> Result<JSONValue, JSONError> {
  var parser = JSONParser(limits: limits)
  var builder = JSONValueBuilder()
  var result: JSONValue?
  do throws(JSONError) {
    var start = 0
    while start < bytes.count {
      let end = min(bytes.count, start + min(chunk, bytes.count))
      try bytes[start..<end].withUnsafeBufferPointer { (buffer) throws(JSONError) in
        var index = 0
        while let event = try parser.next(buffer, &index) {
          if let value = builder.add(event) { result = value }
        }
      }
      start = end
    }
    if let event = try parser.finish(), let value = builder.add(event) { result = value }
    return .success(result!)
  } catch {
    return .failure(error)
  }
}

private func parse(
  _ text: String, chunk: Int = .max, limits: XAPILimits = XAPILimits()
) -> Result<JSONValue, JSONError> {
  parse(Array(text.utf8), chunk: chunk, limits: limits)
}

private func number(_ text: String) -> JSONValue { .number(text, Double(text)!) }

@Suite struct XAPIJSONParserTests {
  @Test("reads every kind of value, in order, with duplicate keys kept")
  func values() throws {
    let text = #"{"a": [1, -2.5e+3, 0, true, false, null], "b": {}, "c": [], "a": "x"}"#
    let value = try parse(text).get()
    #expect(
      value
        == .object([
          (
            "a",
            .array([number("1"), number("-2.5e+3"), number("0"), .bool(true), .bool(false), .null])
          ),
          ("b", .object([])), ("c", .array([])), ("a", .string("x")),
        ]))
    // The last of repeated keys wins, as in JavaScript.
    #expect(value["a"] == .string("x"))
    #expect(value["missing"] == nil)
  }

  @Test("decodes every escape and surrogate pairs")
  func escapes() throws {
    let text = #""q\" b\\ s\/ \b\f\n\r\t \u00e5\u00C6 \ud83d\ude00 \u0000""#
    let value = try parse(text).get()
    #expect(value == .string("q\" b\\ s/ \u{8}\u{C}\n\r\t åÆ 😀 \u{0}"))
    #expect(try parse("\"ærlig 😀\"").get() == .string("ærlig 😀"))
  }

  @Test(
    "keeps a number's text beside its value",
    arguments: ["0", "-0", "1.5", "1e10", "1E-2", "-12.34e+5", "123456789012345678901234567890"])
  func numbers(text: String) throws {
    let value = try parse(text).get()
    #expect(value == number(text))
    guard case .number(let written, let double) = value else { return }
    #expect(written == text)
    #expect(double == Double(text)!)
  }

  @Test("gives a number beyond Double's range as infinity, keeping its text")
  func hugeNumber() throws {
    #expect(
      try parse("[1e400, -1e400]").get()
        == .array([
          .number("1e400", .infinity),
          .number("-1e400", -.infinity),
        ]))
  }

  @Test(
    "rejects what RFC 8259 does not allow",
    arguments: [
      "01", "-", "1.", ".5", "+1", "1e", "1e+", "-01", "0x10", "NaN", "Infinity", "-Infinity",
      "[1,]", #"{"a":1,}"#, "[,1]", "// note\n1", "/* note */ 1", "'a'", #"{a:1}"#, #"{"a" 1}"#,
      #"{"a":1 "b":2}"#, "[1 2]", "1 2", "", "   ", "tru", "truex", "nul", "True",
      "\"a\tb\"", "\"a\nb\"", #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\ud800x""#,
      #""\x""#, #""\u12g4""#, "\"abc", "[1", #"{"a":"#, "]", "}", "[}", #"{"a":1]"#,
    ])
  func invalid(text: String) {
    guard case .failure(let error) = parse(text) else {
      Issue.record("\(text.debugDescription) was accepted")
      return
    }
    #expect(error.kind == .syntax)
  }

  @Test("rejects bytes that are not UTF-8 inside strings and outside them")
  func invalidUTF8() {
    for bytes: [UInt8] in [
      [0x22, 0xC3, 0x22], [0x22, 0xFF, 0x22], [0xC3, 0xA5], [0x22, 0xED, 0xA0, 0x80, 0x22],
    ] {
      guard case .failure(let error) = parse(bytes) else {
        Issue.record("\(bytes) was accepted")
        continue
      }
      #expect(error.kind == .syntax)
    }
  }

  @Test(
    "reports the line of an error",
    arguments: [
      ("[\n1,\n2,\n]", 4, "a trailing comma before ']'"),
      ("{\n\"a\": 01}", 2, "a number with a leading zero"),
      ("\n\n[1,\n\"a\tb\"]", 4, "control character byte 0x09 in a string; write it as an escape"),
      ("{\"a\": 1\n\n", 3, "the text ends inside an object (1 still open)"),
      ("[1]\n\n x", 3, "'x' after the end of the JSON value"),
    ])
  func errorLines(text: String, line: Int, message: String) {
    #expect(parse(text) == .failure(JSONError(.syntax, line: line, message)))
  }

  @Test("allows 64 levels of nesting and rejects 65")
  func depth() throws {
    let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(throws: Never.self) { try parse(deepest).get() }
    let tooDeep = "\n" + String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    let expected = JSONError(
      .limitExceeded, line: 2, "nesting deeper than max_json_depth (64 levels)")
    #expect(parse(tooDeep) == .failure(expected))
    #expect(parse(tooDeep, chunk: 1) == .failure(expected))
    let objects = String(repeating: #"{"a":"#, count: 3) + "1" + String(repeating: "}", count: 3)
    #expect(parse(objects, limits: XAPILimits(maxDepth: 3)).map { _ in true } == .success(true))
    #expect(throws: JSONError.self) {
      try parse("[" + objects + "]", limits: XAPILimits(maxDepth: 3)).get()
    }
  }

  @Test("rejects strings, keys and numbers over the byte limit, counting decoded bytes")
  func stringLimit() throws {
    let limits = XAPILimits(maxStringBytes: 4)
    #expect(try parse(#""abcd""#, limits: limits).get() == .string("abcd"))
    #expect(try parse(#""\u00e5\u00e5""#, limits: limits).get() == .string("åå"))
    let expected = JSONError(
      .limitExceeded, line: 1, "a string longer than max_field_bytes (4 bytes)")
    #expect(parse(#""abcde""#, limits: limits) == .failure(expected))
    #expect(parse(#"{"abcde": 1}"#, limits: limits) == .failure(expected))
    #expect(parse(#""\u00e5\u00e5a""#, limits: limits) == .failure(expected))
    #expect(parse(#""abcde""#, chunk: 1, limits: limits) == .failure(expected))
    #expect(
      parse("123456", limits: limits)
        == .failure(
          JSONError(.limitExceeded, line: 1, "a number longer than max_field_bytes (4 bytes)")))
  }

  @Test("gives the same result for any chunk size")
  func chunks() {
    let texts = [
      #"{"a": [1, -2.5e+3, 0, true, false, null], "b": "\ud83d\ude00 \u00e5 æ", "c": {"d": []}}"#,
      "[\n1,\n2,\n]", "\"\\ud800\\u0041\"", "[1e5 , 0.25,-0]  ", "\"abc", "1.", "[tru]",
    ]
    for text in texts {
      let whole = parse(text)
      for chunk in [1, 2, 3, 5, 7] {
        #expect(
          parse(text, chunk: chunk) == whole, "\(text.debugDescription) in chunks of \(chunk)")
      }
    }
  }

  @Test("parses one whole text with the convenience entry point")
  func convenience() throws {
    #expect(try JSONValue.parse(Array(" [true] ".utf8)) == .array([.bool(true)]))
    #expect(throws: JSONError.self) { try JSONValue.parse(Array("[true] 1".utf8)) }
  }
}
