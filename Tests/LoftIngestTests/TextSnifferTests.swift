import LoftIngest
import Testing

@Suite struct TextSnifferTests {
  private func profile(_ encoding: TextEncoding, _ lineEnding: LineEnding) -> TextProfile {
    TextProfile(encoding: encoding, lineEnding: lineEnding)
  }

  @Test("plain ASCII and UTF-8 are utf-8, with each kind of line ending")
  func utf8LineEndings() {
    #expect(ChunkedReading.sniffAllWays(Array("a;b\n1;2\n".utf8)) == profile(.utf8, .lf))
    #expect(ChunkedReading.sniffAllWays(Array("a;b\r\n1;2\r\n".utf8)) == profile(.utf8, .crlf))
    #expect(ChunkedReading.sniffAllWays(Array("a;b\r1;2\r".utf8)) == profile(.utf8, .cr))
    #expect(ChunkedReading.sniffAllWays(Array("a;b".utf8)) == profile(.utf8, .none))
    #expect(ChunkedReading.sniffAllWays([]) == profile(.utf8, .none))
    #expect(
      ChunkedReading.sniffAllWays(Array("navn;by\nÆsa;Tromsø 🏔️\n".utf8)) == profile(.utf8, .lf))
  }

  @Test("CRLF wins when at least half of the LFs follow a CR")
  func mixedLineEndings() {
    #expect(ChunkedReading.sniffAllWays(Array("a\r\nb\r\nc\nd\n".utf8)) == profile(.utf8, .crlf))
    #expect(ChunkedReading.sniffAllWays(Array("a\r\nb\nc\n".utf8)) == profile(.utf8, .lf))
    // A lone CR in a file with LFs does not make it `cr`.
    #expect(ChunkedReading.sniffAllWays(Array("a\rb\nc\n".utf8)) == profile(.utf8, .lf))
  }

  @Test("NUL bytes are valid UTF-8")
  func nulInUTF8() {
    #expect(ChunkedReading.sniffAllWays(Array("a;\u{0}\n".utf8)) == profile(.utf8, .lf))
  }

  @Test("a UTF-8 BOM makes utf-8-bom; the rest must be valid UTF-8")
  func utf8BOM() {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    #expect(ChunkedReading.sniffAllWays(bom + Array("a;b\r\n".utf8)) == profile(.utf8BOM, .crlf))
    #expect(ChunkedReading.sniffAllWays(bom) == profile(.utf8BOM, .none))
    #expect(ChunkedReading.sniffAllWays(bom + [0x61, 0xE6, 0x0A]) == nil)
  }

  @Test("a UTF-16 LE BOM makes utf-16le, with line endings on code units")
  func utf16LE() {
    #expect(ChunkedReading.sniffAllWays(.utf16LE("a\tb\r\n1\t😀\r\n")) == profile(.utf16LE, .crlf))
    #expect(ChunkedReading.sniffAllWays(.utf16LE("a\tb\n")) == profile(.utf16LE, .lf))
    #expect(ChunkedReading.sniffAllWays(.utf16LE("a\rb\r")) == profile(.utf16LE, .cr))
    // U+0A0D is one code unit, not a line ending.
    #expect(ChunkedReading.sniffAllWays(.utf16LE("\u{0A0D}")) == profile(.utf16LE, .none))
    #expect(ChunkedReading.sniffAllWays([0xFF, 0xFE]) == profile(.utf16LE, .none))
  }

  @Test("ill-formed UTF-16 is bad_encoding")
  func badUTF16() {
    #expect(ChunkedReading.sniffAllWays(.utf16LE("ab") + [0x61]) == nil)  // odd byte
    #expect(ChunkedReading.sniffAllWays([0xFF, 0xFE, 0x3D, 0xD8]) == nil)  // lone high
    #expect(ChunkedReading.sniffAllWays([0xFF, 0xFE, 0x3D, 0xD8, 0x61, 0x00]) == nil)
    #expect(ChunkedReading.sniffAllWays([0xFF, 0xFE, 0x00, 0xDE]) == nil)  // lone low
  }

  @Test("non-UTF-8 text without undefined bytes is windows-1252")
  func windows1252() {
    let text = Array("navn;by\r\n".utf8) + [0xE6, 0xF8, 0xE5, 0x3B, 0x80, 0x0D, 0x0A]
    #expect(ChunkedReading.sniffAllWays(text) == profile(.windows1252, .crlf))
    // A UTF-8 sequence cut off at the end is not UTF-8; Ã is a Windows-1252 letter.
    #expect(ChunkedReading.sniffAllWays([0x61, 0xC3]) == profile(.windows1252, .none))
    // A BOM prefix that is not a BOM.
    #expect(ChunkedReading.sniffAllWays([0xEF, 0xBB]) == profile(.windows1252, .none))
    #expect(ChunkedReading.sniffAllWays([0xFF, 0x0A]) == profile(.windows1252, .lf))
  }

  @Test(
    "bytes Windows-1252 leaves undefined are bad_encoding",
    arguments: [
      0x81, 0x8D, 0x8F, 0x90, 0x9D,
    ] as [UInt8])
  func undefinedInWindows1252(byte: UInt8) {
    #expect(ChunkedReading.sniffAllWays(Array("a;b\n".utf8) + [byte, 0x0A]) == nil)
  }

  @Test("a NUL byte in text that is not UTF-8 is bad_encoding")
  func nulInWindows1252() {
    #expect(ChunkedReading.sniffAllWays(Array("a;b\n\u{0}".utf8) + [0xE6]) == nil)
  }

  @Test(
    "line endings are counted wherever they fall in the eight-byte words",
    arguments: 0...9, 0...8)
  func lineEndingsAtEveryOffset(gap: Int, lead: Int) {
    let run = String(repeating: "x", count: gap)
    let start = String(repeating: "é", count: lead % 2) + String(repeating: "x", count: lead)
    // Twelve CR LF pairs among 24 LFs (over 64 bytes, to reach the SIMD path whole): exactly
    // half, so `crlf`; one LF more tips it to `lf`. Lone CRs (not before an LF) count for
    // neither.
    let pairs = String(repeating: "\r\n\(run)\n\(run)\r\(run)", count: 12)
    #expect(ChunkedReading.sniffAllWays(Array((start + pairs).utf8)) == profile(.utf8, .crlf))
    #expect(
      ChunkedReading.sniffAllWays(Array((start + pairs + "x\n").utf8)) == profile(.utf8, .lf))
    let carriageReturnsOnly = String(repeating: "\(run)\r", count: 6)
    #expect(
      ChunkedReading.sniffAllWays(Array((start + carriageReturnsOnly).utf8))
        == profile(.utf8, .cr))
  }

  @Test("bytes past the first 64 are checked like the first ones")
  func longText() {
    let plain = Array(String(repeating: "abc;def\n", count: 12).utf8)
    #expect(ChunkedReading.sniffAllWays(plain + Array("Tromsø\n".utf8)) == profile(.utf8, .lf))
    #expect(ChunkedReading.sniffAllWays(plain + [0x00] + plain) == profile(.utf8, .lf))
    #expect(ChunkedReading.sniffAllWays(plain + [0xE6] + plain) == profile(.windows1252, .lf))
    #expect(ChunkedReading.sniffAllWays(plain + [0xE6, 0x00] + plain) == nil)
    #expect(ChunkedReading.sniffAllWays(plain + [0x81] + plain) == nil)
    // Non-ASCII letters on every line, and CR LF line endings across them.
    let norwegian = String(repeating: "Ærlig;Tromsø;blåbær\r\n", count: 12)
    #expect(ChunkedReading.sniffAllWays(Array(norwegian.utf8)) == profile(.utf8, .crlf))
    let windows1252 = Array(norwegian.unicodeScalars.map { UInt8($0.value) })
    #expect(ChunkedReading.sniffAllWays(windows1252) == profile(.windows1252, .crlf))
  }
}
