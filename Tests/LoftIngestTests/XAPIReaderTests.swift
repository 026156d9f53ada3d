import LoftIngest
import Testing

/// What a reader makes of a delivery.
private struct Reading: Equatable {
  var items: [XAPIItem] = []
  var error: XAPIError?
  var form: XAPIForm?
}

/// Reads a delivery fed in chunks of the given size, and checks that reading the fields from
/// whole values finds the same.
private func read(
  _ bytes: [UInt8], chunk: Int = .max, limits: XAPILimits = XAPILimits()
) -> Reading {
  let reading = read(bytes, chunk: chunk, limits: limits, throughTrees: false)
  #expect(reading == read(bytes, chunk: chunk, limits: limits, throughTrees: true))
  return reading
}

private func read(
  _ bytes: [UInt8], chunk: Int, limits: XAPILimits, throughTrees: Bool
) -> Reading {
  var reader = XAPIReader(limits: limits, throughTrees: throughTrees)
  var reading = Reading()
  do throws(XAPIError) {
    var start = 0
    while start < bytes.count {
      let end = min(bytes.count, start + min(chunk, bytes.count))
      try reader.feed(Array(bytes[start..<end])) { reading.items.append($0) }
      start = end
    }
    try reader.finish { reading.items.append($0) }
  } catch {
    reading.error = error
  }
  reading.form = reader.form
  return reading
}

private func read(
  _ text: String, chunk: Int = .max, limits: XAPILimits = XAPILimits()
) -> Reading {
  read(Array(text.utf8), chunk: chunk, limits: limits)
}

/// A statement whose only member is its id.
private func statement(_ id: String, line: Int) -> XAPIItem {
  .statement(XAPIStatement(.object([("id", .string(id))])), line: line)
}

@Suite struct XAPIReaderTests {
  @Test("reads JSON Lines: blank lines count, a bad line is one malformed record")
  func jsonLines() {
    let text = """
      {"id":"a"}

      {"id": oops}
      [1]
        {"id":"b"}  \r
      "c"
      {"id":"d"} {"id":"e"}
      {"id":"f"}
      """
    let reading = read(text)
    #expect(reading.error == nil)
    #expect(reading.form == .jsonLines)
    #expect(
      reading.items == [
        statement("a", line: 1),
        .malformed(
          line: 3, message: "invalid JSON: 'o' where a value should follow ':'"),
        .malformed(line: 4, message: "the line holds an array, not an object"),
        statement("b", line: 5),
        .malformed(line: 6, message: "the line holds a string, not an object"),
        .malformed(
          line: 7, message: "invalid JSON: '{' after the end of the JSON value"),
        statement("f", line: 8),
      ])
  }

  @Test("reads JSON Lines with CRLF, trailing blank lines and an unfinished last line")
  func jsonLinesEnds() {
    #expect(
      read("{\"id\":\"a\"}\r\n\r\n{\"id\":\"b\"}\r\n\r\n\n").items == [
        statement("a", line: 1), statement("b", line: 3),
      ])
    #expect(
      read("{\"id\":\"a\"}\n{\"id\":").items == [
        statement("a", line: 1),
        .malformed(line: 2, message: "invalid JSON: the text ends inside an object (1 still open)"),
      ])
  }

  @Test("reads JSON Lines whose first line is not valid JSON")
  func jsonLinesBadFirstLine() {
    let reading = read("{\"id\": x}\n{\"id\":\"b\"}\n")
    #expect(reading.form == .jsonLines)
    #expect(
      reading.items == [
        .malformed(line: 1, message: "invalid JSON: 'x' where a value should follow ':'"),
        statement("b", line: 2),
      ])
    #expect(read("nonsense\n{\"id\":\"b\"}").items.count == 2)
  }

  @Test("reads a pretty-printed first object without statements as JSON Lines, line by line")
  func prettyStatementIsJSONLines() {
    let reading = read("{\n  \"id\": \"a\"\n}\n{\"id\":\"b\"}\n")
    #expect(reading.form == .jsonLines)
    #expect(reading.items.count == 4)
    #expect(reading.items.last == statement("b", line: 4))
  }

  @Test("reads a statements document, each statement at the line of its '{'")
  func document() {
    let text = """
      {
        "more": "/xapi/statements?more=abc",
        "statements": [
          {"id": "a"},
          {
            "id": "b"
          }, {"id": "c"},
          "not an object"
        ],
        "extra": [{"id": "ignored"}]
      }

      """
    let reading = read(text)
    #expect(reading.error == nil)
    #expect(reading.form == .document)
    #expect(
      reading.items == [
        statement("a", line: 4), statement("b", line: 5), statement("c", line: 7),
        .statement(XAPIStatement(.string("not an object")), line: 8),
      ])
  }

  @Test("reads a one-line document whose statements follow other keys")
  func oneLineDocument() {
    let text = #"{"more": {"statements": [1]}, "statements": [{"id": "a"}, {"id": "b"}]}"#
    let reading = read(text)
    #expect(reading.form == .document)
    #expect(reading.items == [statement("a", line: 1), statement("b", line: 1)])
  }

  @Test("reads every top-level statements array, and a first object without one as JSON Lines")
  func statementsKeys() {
    let twice = read(#"{"statements": [{"id": "a"}], "more": "", "statements": [{"id": "b"}]}"#)
    #expect(twice.form == .document)
    #expect(twice.items == [statement("a", line: 1), statement("b", line: 1)])
    let notArray = read("{\"statements\": null, \"id\": \"a\"}\n{\"id\": \"b\"}\n")
    #expect(notArray.form == .jsonLines)
    #expect(notArray.items.count == 2)
    #expect(notArray.items.last == statement("b", line: 2))
  }

  @Test("reads a JSON Lines line with invalid UTF-8 in a string as malformed")
  func invalidUTF8Line() {
    let bytes = Array("{\"id\": \"".utf8) + [0xFF] + Array("\"}\n{\"id\": \"å\"}".utf8)
    #expect(
      read(bytes).items == [
        .malformed(line: 1, message: "invalid JSON: a string that is not valid UTF-8"),
        statement("å", line: 2),
      ])
  }

  @Test("reads a top-level array like a statements document")
  func array() {
    let reading = read("\u{FEFF}\n[\n  {\"id\": \"a\"},\n  {\"id\": \"b\"}\n]\n")
    #expect(reading.error == nil)
    #expect(reading.form == .array)
    #expect(reading.items == [statement("a", line: 3), statement("b", line: 4)])
  }

  @Test("skips a byte-order mark and leading blank lines, counting them")
  func leading() {
    #expect(read("\u{FEFF}\n\n{\"id\":\"a\"}\n").items == [statement("a", line: 3)])
    #expect(read("").items.isEmpty)
    #expect(read("").form == nil)
    #expect(read(" \n \n").items.isEmpty)
  }

  @Test(
    "quarantines a document or array that is not valid JSON as bad_json",
    arguments: [
      ("{\"statements\": [\n  {\"id\": \"a\"},\n  {\"id\": }\n]}", 3),
      ("[\n  {\"id\": \"a\"},\n]", 3),
      ("[\n  {\"id\": \"a\"}\n]\n{\"id\": \"b\"}", 4),
      ("{\"statements\": [\n  {\"id\": \"a\"}\n", 3),
      ("[{\"id\": \"a\"}", 1),
    ])
  func badJSON(text: String, line: Int) {
    let reading = read(text)
    guard case .badJSON(let errorLine, _) = reading.error else {
      Issue.record("no bad_json for \(text.debugDescription): \(reading)")
      return
    }
    #expect(errorLine == line)
    #expect(reading.error?.reason == .badJSON)
    // Statements before the error were handed over; the file is quarantined anyway.
    #expect(
      reading.items.first == statement("a", line: 2)
        || reading.items.first == statement("a", line: 1))
  }

  @Test("quarantines 65 nested arrays as limit_exceeded, in every form")
  func depthLimit() {
    let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    let message = "nesting deeper than max_json_depth (64 levels)"
    #expect(read(deep).error == .limitExceeded(line: 1, message: message))
    #expect(
      read("{\"statements\": [\n{\"a\": \(deep)}]}").error
        == .limitExceeded(line: 2, message: message))
    let lines = read("{\"id\": \"a\"}\n\n{\"a\": \(deep)}\n{\"id\": \"b\"}\n")
    #expect(lines.error == .limitExceeded(line: 3, message: message))
    #expect(lines.error?.reason == .limitExceeded)
    #expect(lines.items == [statement("a", line: 1)])
    // Within the limit, the same nesting is read.
    let allowed = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
    #expect(read("{\"a\": \(allowed)}").error == nil)
  }

  @Test("quarantines a string over max_field_bytes as limit_exceeded")
  func stringLimit() {
    let limits = XAPILimits(maxStringBytes: 8)
    #expect(
      read("{\"id\": \"a\"}\n{\"id\": \"123456789\"}", limits: limits).error
        == .limitExceeded(line: 2, message: "a string longer than max_field_bytes (8 bytes)"))
    #expect(read("[{\"id\": \"12345678\"}]", limits: limits).error == nil)
  }

  @Test("gives the same items and errors for any chunk size, down to one byte")
  func chunks() {
    let texts = [
      "{\"id\":\"a\"}\n\n{\"id\": oops}\n[1]\n  {\"id\":\"b\", \"x\": \"\\ud83d\\ude00 æ\"}\r\n",
      "\u{FEFF}{\n  \"more\": \"\",\n  \"statements\": [\n {\"id\": \"a\"},\n"
        + " {\"id\": \"b\"}\n ]\n}",
      "[\n  {\"id\": \"a\"},\n  {\"id\": \"b\"}\n]",
      "{\n  \"id\": \"a\"\n}\n{\"id\":\"b\"}\n",
      "{\"statements\": [\n  {\"id\": \"a\"},\n  {\"id\": }\n]}",
      "{\"id\": \"a\"}\n{\"a\": " + String(repeating: "[", count: 70),
      "\u{FEFF}\n\n{\"id\":\"a\"}",
    ]
    for text in texts {
      let whole = read(text)
      for chunk in [1, 2, 3, 7, 16] {
        #expect(read(text, chunk: chunk) == whole, "\(text.debugDescription) in chunks of \(chunk)")
      }
    }
  }

  @Test("treats a broken byte-order mark as a malformed first line")
  func brokenMark() {
    let reading = read([0xEF, 0xBB, 0x7B, 0x7D, 0x0A] + Array("{\"id\":\"a\"}".utf8))
    #expect(reading.form == .jsonLines)
    #expect(
      reading.items == [
        .malformed(line: 1, message: "invalid JSON: a broken UTF-8 byte-order mark"),
        statement("a", line: 2),
      ])
  }

  @Test("throws the same error again after a failure")
  func failureSticks() {
    var reader = XAPIReader()
    #expect(throws: XAPIError.self) { try reader.feed(Array("[1,]".utf8)) { _ in } }
    #expect(throws: XAPIError.self) { try reader.finish { _ in } }
  }
}
