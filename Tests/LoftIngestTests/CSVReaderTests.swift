import LoftIngest
import Testing

@Suite struct CSVReaderTests {
  @Test("RFC 4180 through the reader: quotes, doubled quotes, quoted newlines, empty fields")
  func rfc4180() {
    let outcome = ChunkedReading.readAllWays(
      "id,comment,note\n1,\"a, b\",\"say \"\"hi\"\"\"\n2,\"line1\nline2\",\n3,,\"\"\n,x,\n")
    #expect(outcome.header == ["id", "comment", "note"])
    #expect(outcome.headerLine == 1)
    #expect(
      outcome.rows == [
        Row(2, ["1", "a, b", "say \"hi\""]), Row(3, ["2", "line1\nline2", ""]),
        Row(5, ["3", "", ""]), Row(6, ["", "x", ""]),
      ])
    #expect(outcome.dialect == "csv;utf-8;lf;comma")
    #expect(outcome.error == nil)
  }

  @Test("a quoted CRLF in a CRLF file is kept and counts a line")
  func quotedCRLF() {
    let outcome = ChunkedReading.readAllWays("a,b\r\n\"l1\r\nl2\",x\r\n3,y\r\n")
    #expect(outcome.profile == TextProfile(encoding: .utf8, lineEnding: .crlf))
    #expect(outcome.header == ["a", "b"])
    #expect(outcome.rows == [Row(2, ["l1\r\nl2", "x"]), Row(4, ["3", "y"])])
  }

  @Test("the last line needs no newline")
  func lastLineWithoutNewline() {
    let outcome = ChunkedReading.readAllWays("a;b\r\n1;2\r\n3;4")
    #expect(outcome.rows == [Row(2, ["1", "2"]), Row(3, ["3", "4"])])
    let headerOnly = ChunkedReading.readAllWays("a;b")
    #expect(headerOnly.header == ["a", "b"])
    #expect(headerOnly.headerLine == 1)
    #expect(headerOnly.rows == [])
    #expect(headerOnly.dialect == "csv;utf-8;none;semicolon")
  }

  @Test("non-ASCII text survives: æøå and emoji")
  func nonASCII() {
    let outcome = ChunkedReading.readAllWays("navn;by\nÆsa Ødegård;Tromsø 🏔️\n")
    #expect(outcome.header == ["navn", "by"])
    #expect(outcome.rows == [Row(2, ["Æsa Ødegård", "Tromsø 🏔️"])])
  }

  @Test("the delimiter is the most frequent of , ; and tab on the header line")
  func delimiters() {
    let tab = ChunkedReading.readAllWays("a\tb\tc\n1\t2,5\t3;4\n")
    #expect(tab.header == ["a", "b", "c"])
    #expect(tab.rows == [Row(2, ["1", "2,5", "3;4"])])
    #expect(tab.dialect == "csv;utf-8;lf;tab")
    let semicolon = ChunkedReading.readAllWays("a;b\n1,5;2,5\n")
    #expect(semicolon.rows == [Row(2, ["1,5", "2,5"])])
    #expect(semicolon.dialect == "csv;utf-8;lf;semicolon")
    let comma = ChunkedReading.readAllWays("a,b,c;d\n1,2,3;4\n")
    #expect(comma.header == ["a", "b", "c;d"])
    #expect(comma.dialect == "csv;utf-8;lf;comma")
    // Delimiters inside quotes do not count.
    let quoted = ChunkedReading.readAllWays("\"a;b;c\",d\n1,2\n")
    #expect(quoted.header == ["a;b;c", "d"])
  }

  @Test("ties go to ; then tab then ,; no delimiter at all means ,")
  func delimiterTies() {
    #expect(ChunkedReading.readAllWays("a;b,c\n").header == ["a", "b,c"])
    #expect(ChunkedReading.readAllWays("a\tb,c\n").header == ["a", "b,c"])
    #expect(ChunkedReading.readAllWays("a,b;c\tx\n").header == ["a,b", "c\tx"])
    let single = ChunkedReading.readAllWays("name\nx\n")
    #expect(single.header == ["name"])
    #expect(single.rows == [Row(2, ["x"])])
    #expect(single.dialect == "csv;utf-8;lf;comma")
  }

  @Test("quotes in the header: quoted newlines, doubled quotes, a stray quote")
  func quotesInHeader() {
    let quoted = ChunkedReading.readAllWays("\"a\nb\";\"c\"\"d\"\n1;2\n")
    #expect(quoted.header == ["a\nb", "c\"d"])
    #expect(quoted.headerLine == 1)
    #expect(quoted.rows == [Row(3, ["1", "2"])])
    // A quote inside a field is data: it does not hold the rest of the file as header.
    let limits = CSVLimits(maxFieldBytes: 8, maxColumns: 10)
    let stray = ChunkedReading.readAllWays("ab\"c;d\n1;2\n3;4\n5;6\n", limits: limits)
    #expect(stray.header == ["ab\"c", "d"])
    #expect(stray.rows == [Row(2, ["1", "2"]), Row(3, ["3", "4"]), Row(4, ["5", "6"])])
    #expect(stray.error == nil)
  }

  @Test("header fields are trimmed of spaces; record fields are not")
  func headerTrimmed() {
    let outcome = ChunkedReading.readAllWays(" id ;\tnavn \n 1 ; x \n")
    #expect(outcome.header == ["id", "navn"])
    #expect(outcome.rows == [Row(2, [" 1 ", " x "])])
  }

  @Test("UTF-8 with BOM: the BOM is not part of the first header field")
  func utf8BOM() {
    let outcome = ChunkedReading.readAllWays([0xEF, 0xBB, 0xBF] + Array("a;b\r\n1;æ\r\n".utf8))
    #expect(outcome.header == ["a", "b"])
    #expect(outcome.rows == [Row(2, ["1", "æ"])])
    #expect(outcome.dialect == "csv;utf-8-bom;crlf;semicolon")
  }

  @Test("Windows-1252: æøå (0xE6 0xF8 0xE5) and € survive")
  func windows1252() {
    let bytes =
      Array("navn;by\r\n".utf8) + [0xE6, 0xF8, 0xE5, 0x3B, 0xC6, 0xD8, 0xC5, 0x20, 0x80]
      + Array("\r\n".utf8)
    let outcome = ChunkedReading.readAllWays(bytes)
    #expect(outcome.profile == TextProfile(encoding: .windows1252, lineEnding: .crlf))
    #expect(outcome.header == ["navn", "by"])
    #expect(outcome.rows == [Row(2, ["æøå", "ÆØÅ €"])])
    #expect(outcome.dialect == "csv;windows-1252;crlf;semicolon")
  }

  @Test("UTF-16 LE with BOM (Excel's Unicode text)")
  func utf16LE() {
    let outcome = ChunkedReading.readAllWays(.utf16LE("navn\tby\r\nÆsa\t\"Tromsø 🏔️\"\r\n"))
    #expect(outcome.header == ["navn", "by"])
    #expect(outcome.rows == [Row(2, ["Æsa", "Tromsø 🏔️"])])
    #expect(outcome.dialect == "csv;utf-16le;crlf;tab")
  }

  @Test("LF, CRLF and CR-only files give the same records")
  func lineEndings() {
    for (newline, name) in [("\n", "lf"), ("\r\n", "crlf"), ("\r", "cr")] {
      let text = ["a;b", "1;2", "", "3;\"x\(newline)y\"", "4;5", ""].joined(separator: newline)
      let outcome = ChunkedReading.readAllWays(text)
      #expect(outcome.header == ["a", "b"], "\(name)")
      #expect(
        outcome.rows == [Row(2, ["1", "2"]), Row(4, ["3", "x\(newline)y"]), Row(6, ["4", "5"])],
        "\(name)")
      #expect(outcome.dialect == "csv;utf-8;\(name);semicolon")
    }
  }

  @Test("a lone CR inside an LF file is data")
  func loneCRInLFFile() {
    let outcome = ChunkedReading.readAllWays("a,b\nx\ry,z\n")
    #expect(outcome.profile?.lineEnding == .lf)
    #expect(outcome.rows == [Row(2, ["x\ry", "z"])])
  }

  @Test("Excel's sep= line sets the delimiter and counts as a line")
  func sepLine() {
    let outcome = ChunkedReading.readAllWays("sep=;\r\na,b;c\r\n1,5;2\r\n")
    #expect(outcome.header == ["a,b", "c"])
    #expect(outcome.headerLine == 2)
    #expect(outcome.rows == [Row(3, ["1,5", "2"])])
    #expect(outcome.dialect == "csv;utf-8;crlf;semicolon")
    let blankBetween = ChunkedReading.readAllWays("\nSEP=|\n\n ||\na|b\n1|2")
    #expect(blankBetween.header == ["a", "b"])
    // The blank line before `SEP=|` is not counted; those after it are.
    #expect(blankBetween.headerLine == 4)
    #expect(blankBetween.rows == [Row(5, ["1", "2"])])
    #expect(blankBetween.dialect == "csv;utf-8;lf;pipe")
    // Only the first non-blank line can be a sep= line.
    let second = ChunkedReading.readAllWays("a;b\nsep=,\n")
    #expect(second.rows == [Row(2, ["sep=,"])])
  }

  @Test("a sep= line and nothing else: no header, but the delimiter is known")
  func sepLineOnly() {
    let outcome = ChunkedReading.readAllWays("sep=\t\r\n\r\n")
    #expect(outcome.header == nil)
    #expect(outcome.dialect == "csv;utf-8;crlf;tab")
  }

  @Test("lines count from 1 at the header: blank lines before it are not counted")
  func leadingBlankLines() {
    let outcome = ChunkedReading.readAllWays("\n  \n;;\n\t,\na;b\n1;2\n")
    #expect(outcome.header == ["a", "b"])
    #expect(outcome.headerLine == 1)
    #expect(outcome.rows == [Row(2, ["1", "2"])])
  }

  @Test("rows of empty fields and trailing blank lines are not records")
  func blankRows() {
    let outcome = ChunkedReading.readAllWays(
      "a;b;c\r\n1;2;3\r\n;;\r\n ; ;\r\n4;5;6\r\n\r\n \r\n\r\n")
    #expect(outcome.rows == [Row(2, ["1", "2", "3"]), Row(5, ["4", "5", "6"])])
  }

  @Test("broken quoting is a defect on the record, at the line it starts")
  func brokenQuoting() {
    let outcome = ChunkedReading.readAllWays(
      "a,b\n\"abc\"def,1\nab\"c,2\n3,4\n\"open,5\n6,7\n")
    #expect(
      outcome.rows == [
        Row(2, ["abcdef", "1"], defect: .brokenQuoting),
        Row(3, ["ab\"c", "2"], defect: .brokenQuoting),
        Row(4, ["3", "4"]),
        Row(5, ["open,5\n6,7\n"], defect: .brokenQuoting),
      ])
    #expect(outcome.error == nil)
  }

  @Test("field and column limits throw limit_exceeded")
  func limits() {
    let limits = CSVLimits(maxFieldBytes: 8, maxColumns: 3)
    let field = ChunkedReading.readAllWays("a;b\n1;2\n123456789;x\n", limits: limits)
    #expect(field.error == .limitExceeded("field longer than 8 bytes at line 3"))
    #expect(field.rows == [Row(2, ["1", "2"])])
    let columns = ChunkedReading.readAllWays("a;b;c\n1;2;3;4\n", limits: limits)
    #expect(columns.error == .limitExceeded("more than 3 columns at line 2"))
    let header = ChunkedReading.readAllWays("a;b;c;d\n", limits: limits)
    #expect(header.error == .limitExceeded("more than 3 columns at line 1"))
    #expect(header.header == nil)
    let longHeader = ChunkedReading.readAllWays("\n\nabcdefghi\n", limits: limits)
    #expect(longHeader.error == .limitExceeded("header line longer than 8 bytes at line 3"))
    let longBlank = ChunkedReading.readAllWays("\n          \na\n", limits: limits)
    #expect(longBlank.error == .limitExceeded("header line longer than 8 bytes at line 2"))
    let wide = ChunkedReading.readAllWays("a\n" + String(repeating: ",", count: 1000) + "\n")
    #expect(wide.error == .limitExceeded("more than 1000 columns at line 2"))
  }

  @Test("bad_encoding: undefined Windows-1252 bytes, NUL outside UTF-8")
  func badEncoding() {
    let undefined = ChunkedReading.readAllWays(Array("a;b\n".utf8) + [0xE6, 0x81, 0x0A])
    #expect(undefined.profile == nil)
    let nul = ChunkedReading.readAllWays(Array("a;b\n\u{0};".utf8) + [0xE6, 0x0A])
    #expect(nul.profile == nil)
  }

  @Test("no non-blank line: onHeader is never called")
  func noHeader() {
    for text in ["", "\n\n", " ; ;\r\n\t\r\n"] {
      let outcome = ChunkedReading.readAllWays(text)
      #expect(outcome.header == nil)
      #expect(outcome.rows == [])
      #expect(outcome.error == nil)
    }
    #expect(ChunkedReading.readAllWays("").dialect == "csv;utf-8;none")
  }

  /// A sink that keeps what it is handed and throws at one record's line.
  struct Keeper: CSVSink {
    var header: [String]?
    var lines: [Int] = []
    var throwAt: Int?

    mutating func header(_ fields: [String], line: Int) { header = fields }

    mutating func record(_ record: CSVRecord) throws {
      if record.line == throwAt { throw TextError.limitExceeded("stop at \(record.line)") }
      lines.append(record.line)
    }
  }

  @Test("a sink gets the header once, then every record that is not blank")
  func sink() throws {
    let profile = TextProfile(encoding: .utf8, lineEnding: .lf)
    var reader = CSVReader(profile: profile)
    var keeper = Keeper()
    for chunk in ["\n a ;b\n1;", "2\n\n;;\n3;4\n", "5;6"] {
      try Array(chunk.utf8).withUnsafeBytes { try reader.feed(rawChunk: $0, into: &keeper) }
    }
    try reader.finish(into: &keeper)
    #expect(keeper.header == ["a", "b"])
    #expect(keeper.lines == [2, 5, 6])
    #expect(reader.dialectLabel == "csv;utf-8;lf;semicolon")
  }

  @Test("a sink that throws keeps what it took before, and the error comes out")
  func throwingSink() {
    let profile = TextProfile(encoding: .utf8, lineEnding: .lf)
    var reader = CSVReader(profile: profile)
    var keeper = Keeper(throwAt: 3)
    #expect(throws: TextError.limitExceeded("stop at 3")) {
      try Array("a;b\n1;2\n3;4\n5;6\n".utf8).withUnsafeBytes {
        try reader.feed(rawChunk: $0, into: &keeper)
      }
    }
    #expect(keeper.header == ["a", "b"])
    #expect(keeper.lines == [2])
  }
}
