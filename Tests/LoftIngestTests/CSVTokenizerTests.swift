import LoftIngest
import Testing

@Suite struct CSVTokenizerTests {
  @Test("RFC 4180: quoted delimiters, doubled quotes, empty fields")
  func rfc4180() {
    let outcome = ChunkedReading.tokenizeAllWays(
      "a,\"b,c\",\"say \"\"hi\"\"\"\n,,\n\"\",x,\"\"\n")
    #expect(
      outcome.rows == [
        Row(1, ["a", "b,c", "say \"hi\""]), Row(2, ["", "", ""]), Row(3, ["", "x", ""]),
      ])
    #expect(outcome.blankLines == [2])
    #expect(outcome.error == nil)
  }

  @Test("a newline inside quotes is data and starts a new physical line")
  func quotedNewlines() {
    let lf = ChunkedReading.tokenizeAllWays("\"1\n2\n3\",x\ny,z\n")
    #expect(lf.rows == [Row(1, ["1\n2\n3", "x"]), Row(4, ["y", "z"])])
    let crlf = ChunkedReading.tokenizeAllWays("\"1\r\n2\",x\r\ny,z\r\n", lineEnding: .crlf)
    #expect(crlf.rows == [Row(1, ["1\r\n2", "x"]), Row(3, ["y", "z"])])
    let cr = ChunkedReading.tokenizeAllWays("\"1\r2\",x\ry,z\r", lineEnding: .cr)
    #expect(cr.rows == [Row(1, ["1\r2", "x"]), Row(3, ["y", "z"])])
  }

  @Test("CR before LF is the line ending; a lone CR is data, unless at the very end")
  func carriageReturns() {
    let outcome = ChunkedReading.tokenizeAllWays("a\rb,c\r\n\"q\"\r\n\r\nd,\r\ne\r")
    #expect(
      outcome.rows == [
        Row(1, ["a\rb", "c"]), Row(2, ["q"]), Row(3, [""]), Row(4, ["d", ""]), Row(5, ["e"]),
      ])
    #expect(outcome.blankLines == [3])
    // In `cr` mode an LF is data.
    let cr = ChunkedReading.tokenizeAllWays("a\nb,c\rd\r", lineEnding: .cr)
    #expect(cr.rows == [Row(1, ["a\nb", "c"]), Row(2, ["d"])])
  }

  @Test("the last record needs no line ending; trailing empty lines are blank records")
  func endOfInput() {
    #expect(
      ChunkedReading.tokenizeAllWays("a,b\n1,2").rows == [Row(1, ["a", "b"]), Row(2, ["1", "2"])])
    let trailing = ChunkedReading.tokenizeAllWays("a\n\n \n\t\n")
    #expect(trailing.rows == [Row(1, ["a"]), Row(2, [""]), Row(3, [" "]), Row(4, ["\t"])])
    #expect(trailing.blankLines == [2, 3, 4])
    #expect(ChunkedReading.tokenizeAllWays("").rows == [])
    #expect(ChunkedReading.tokenizeAllWays("\"\"").rows == [Row(1, [""])])
  }

  @Test("rows of empty delimiters are blank", arguments: [";;;;", " ; ;\t;", "\"\";\" \""])
  func blankRows(line: String) {
    let outcome = ChunkedReading.tokenizeAllWays("a;b\n\(line)\n", delimiter: ";")
    #expect(outcome.blankLines == [2])
  }

  @Test("broken quoting marks the record and keeps the text")
  func brokenQuoting() {
    let outcome = ChunkedReading.tokenizeAllWays(
      "\"abc\"def,x\nab\"c,y\n\"q\"\rz,w\nok,1\n\"open,x\nstill open\n")
    #expect(
      outcome.rows == [
        Row(1, ["abcdef", "x"], defect: .brokenQuoting),
        Row(2, ["ab\"c", "y"], defect: .brokenQuoting),
        Row(3, ["q\rz", "w"], defect: .brokenQuoting),
        Row(4, ["ok", "1"]),
        Row(5, ["open,x\nstill open\n"], defect: .brokenQuoting),
      ])
    // A defective record is never blank, not even a lone quote.
    let lone = ChunkedReading.tokenizeAllWays("\"")
    #expect(lone.rows == [Row(1, [""], defect: .brokenQuoting)])
    #expect(lone.blankLines == [])
  }

  @Test("non-ASCII text passes through byte for byte")
  func nonASCII() {
    let outcome = ChunkedReading.tokenizeAllWays("æøå\tÆØÅ\n🏔️\t\"🧑‍💻\t\"\n", delimiter: "\t")
    #expect(outcome.rows == [Row(1, ["æøå", "ÆØÅ"]), Row(2, ["🏔️", "🧑‍💻\t"])])
  }

  @Test("lines count from firstLine")
  func firstLine() {
    let outcome = ChunkedReading.tokenizeAllWays("a\n\"b\nc\"\nd", firstLine: 5)
    #expect(outcome.rows == [Row(5, ["a"]), Row(6, ["b\nc"]), Row(8, ["d"])])
  }

  @Test("a field over maxFieldBytes throws limit_exceeded with the record's line")
  func fieldLimit() {
    let limits = CSVLimits(maxFieldBytes: 4, maxColumns: 10)
    let fits = ChunkedReading.tokenizeAllWays("abcd,\"ab\"\"c\"\n", limits: limits)
    #expect(fits.rows == [Row(1, ["abcd", "ab\"c"])])
    #expect(fits.error == nil)
    let unquoted = ChunkedReading.tokenizeAllWays("a\nb\nabcde\n", limits: limits)
    #expect(unquoted.error == .limitExceeded("field longer than 4 bytes at line 3"))
    #expect(unquoted.rows == [Row(1, ["a"]), Row(2, ["b"])])
    let quoted = ChunkedReading.tokenizeAllWays("a\n\"\"\"\"\"\"\"\"\"\"\"\n", limits: limits)
    #expect(quoted.error == .limitExceeded("field longer than 4 bytes at line 2"))
    let spanning = ChunkedReading.tokenizeAllWays("a\n\"a\nb\nc\nd\"\n", limits: limits)
    #expect(spanning.error == .limitExceeded("field longer than 4 bytes at line 2"))
  }

  @Test("the default field limit is 1 MiB")
  func defaultFieldLimit() {
    let field = String(repeating: "x", count: 1 << 20)
    let fits = ChunkedReading.tokenize(
      field + "\n", delimiter: 0x2C, lineEnding: .lf, limits: CSVLimits(), firstLine: 1,
      chunkSize: 0)
    #expect(fits.error == nil)
    // 1-byte chunks over a megabyte are slow in debug builds; `fieldLimit` covers them.
    for chunkSize in [0, 3] {
      let over = ChunkedReading.tokenize(
        "a\n\(field)x\n", delimiter: 0x2C, lineEnding: .lf, limits: CSVLimits(), firstLine: 1,
        chunkSize: chunkSize)
      #expect(over.error == .limitExceeded("field longer than 1 MiB at line 2"))
    }
  }

  @Test("more than maxColumns fields throws limit_exceeded with the record's line")
  func columnLimit() {
    let limits = CSVLimits(maxFieldBytes: 100, maxColumns: 3)
    let fits = ChunkedReading.tokenizeAllWays("a,b,c\n,,\n", limits: limits)
    #expect(fits.error == nil)
    let over = ChunkedReading.tokenizeAllWays("a,b,c\n\"x\ny\",2,3,\n", limits: limits)
    #expect(over.error == .limitExceeded("more than 3 columns at line 2"))
    let wide = String(repeating: ",", count: 1000)
    let overDefault = ChunkedReading.tokenizeAllWays("a\n\(wide)\n")
    #expect(overDefault.error == .limitExceeded("more than 1000 columns at line 2"))
    let fitsDefault = ChunkedReading.tokenizeAllWays("a\n\(wide.dropLast())\n")
    #expect(fitsDefault.error == nil)
  }

  @Test("a record's fields as strings, trimmed strings and bytes")
  func recordAccessors() throws {
    var tokenizer = CSVTokenizer(delimiter: 0x3B, lineEnding: .lf, limits: CSVLimits())
    var seen = 0
    try Array(" a ;\"b;\"\"\";\t\n".utf8).withUnsafeBufferPointer { text in
      try tokenizer.feed(text) { record in
        seen += 1
        #expect(record.line == 1)
        #expect(record.count == 3)
        #expect(record.string(0) == " a ")
        #expect(record.trimmedString(0) == "a")
        #expect(record.string(1) == "b;\"")
        #expect(record.trimmedString(2) == "")
        #expect(record.withBytes(1) { Array($0) } == Array("b;\"".utf8))
        #expect(record.defect == nil)
        #expect(!record.isBlank)
      }
    }
    try tokenizer.finish { _ in Issue.record("no record is left") }
    #expect(seen == 1)
  }

  @Test(
    "long records: runs found 64 bytes at a time give what byte by byte gives",
    arguments: [(LineEnding.lf, ","), (.crlf, ";"), (.cr, "\t")] as [(LineEnding, Character)])
  func longRecords(lineEnding: LineEnding, delimiter: Character) {
    let newline = lineEnding == .cr ? "\r" : "\n"
    // Each piece as written, and its value.
    let pieces: [(written: String, value: String)] = [
      ("", ""), ("a", "a"), ("bb", "bb"),
      (String(repeating: "x", count: 70), String(repeating: "x", count: 70)),
      ("l3ebb9114b636", "l3ebb9114b636"), ("\"q\(delimiter)q\"", "q\(delimiter)q"),
      ("\"say \"\"hi\"\"\"", "say \"hi\""), ("\"two\(newline)lines\"", "two\(newline)lines"),
      ("2024-09-30", "2024-09-30"),
    ]
    var text = ""
    var expected: [Row] = []
    var line = 1
    for record in 0..<60 {
      let chosen = (0...(record % 7)).map { pieces[(record * 7 + $0 * 3) % pieces.count] }
      text += chosen.map(\.written).joined(separator: String(delimiter))
      text += lineEnding == .crlf ? "\r\n" : newline
      expected.append(Row(line, chosen.map(\.value)))
      line += 1 + chosen.filter { $0.value.contains(newline) }.count
    }
    let outcome = ChunkedReading.tokenizeAllWays(
      text, delimiter: delimiter, lineEnding: lineEnding)
    #expect(outcome.rows == expected)
    #expect(outcome.error == nil)
  }

  /// Texts whose tricky part starts after `pad` plain bytes, and the rows they give.
  static func blockBoundaryCases(pad: Int) -> [(String, LineEnding, [Row])] {
    let x = String(repeating: "x", count: pad)
    return [
      // A quote at or around a block boundary, opening a field or stray in one.
      ("\(x),\"a,b\"\nc,d\n", .lf, [Row(1, [x, "a,b"]), Row(2, ["c", "d"])]),
      ("\(x)a\"b,c\n", .lf, [Row(1, [x + "a\"b", "c"], defect: .brokenQuoting)]),
      // CRLF split across blocks, and a lone CR, which is data.
      ("\(x),y\r\nz,\r\n", .crlf, [Row(1, [x, "y"]), Row(2, ["z", ""])]),
      ("\(x)\ry,z\n", .lf, [Row(1, [x + "\ry", "z"])]),
      ("\(x),y\r", .lf, [Row(1, [x, "y"])]),
      // A quote as the last byte.
      ("\(x),\"", .lf, [Row(1, [x, ""], defect: .brokenQuoting)]),
      // Empty fields and empty lines.
      ("\(x),,,\n,,\n\n", .lf, [Row(1, [x, "", "", ""]), Row(2, ["", "", ""]), Row(3, [""])]),
      // A file of lone CRs.
      ("\(x),a\rb,\rc\r", .cr, [Row(1, [x, "a"]), Row(2, ["b", ""]), Row(3, ["c"])]),
    ]
  }

  @Test("records read 64 bytes at a time: quotes, CRs and line ends on a block's edge")
  func blockBoundaries() {
    for pad in 0..<140 {
      for (text, lineEnding, rows) in Self.blockBoundaryCases(pad: pad) {
        let outcome = ChunkedReading.tokenizeAllWays(text, lineEnding: lineEnding)
        #expect(outcome.rows == rows, "\(pad) bytes before")
        #expect(outcome.error == nil)
      }
    }
  }

  @Test("limits hold for records read 64 bytes at a time")
  func blockLimits() {
    let limits = CSVLimits(maxFieldBytes: 100, maxColumns: 40)
    let field = String(repeating: "y", count: 100)
    let fits = ChunkedReading.tokenizeAllWays("\(field),\(field)\r\n\(field)\n", limits: limits)
    #expect(fits.rows == [Row(1, [field, field]), Row(2, [field])])
    for tail in ["\n", ",", "\"", "\r", ""] {
      let over = ChunkedReading.tokenizeAllWays(
        "a\n\(field),\(field)y\(tail)", limits: limits)
      #expect(over.error == .limitExceeded("field longer than 100 bytes at line 2"))
      #expect(over.rows == [Row(1, ["a"])])
    }
    let wide = String(repeating: "ab,", count: 40) + "\n"
    let over = ChunkedReading.tokenizeAllWays("a\n" + wide, limits: limits)
    #expect(over.error == .limitExceeded("more than 40 columns at line 2"))
  }
}
