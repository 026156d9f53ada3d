import LoftIngest
import Testing

@Suite struct TranscoderTests {
  private func text(_ result: Result<[UInt8], TextError>) -> String? {
    guard case .success(let bytes) = result else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  private func error(_ result: Result<[UInt8], TextError>) -> TextError? {
    guard case .failure(let error) = result else { return nil }
    return error
  }

  @Test("Windows-1252 0x80...0x9F map to the code page's characters")
  func windows1252Controls() {
    let defined = (0x80...0x9F).filter { ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) }
    let result = ChunkedReading.transcodeAllWays(defined.map(UInt8.init), from: .windows1252)
    #expect(text(result) == "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
  }

  @Test("Windows-1252 0xA0...0xFF are Latin-1, so æøå survive")
  func windows1252Latin1() {
    let bytes = Array(UInt8(0xA0)...UInt8(0xFF))
    let expected = String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    #expect(text(ChunkedReading.transcodeAllWays(bytes, from: .windows1252)) == expected)
    let norwegian: [UInt8] = [0x6E, 0x3B, 0xE6, 0xF8, 0xE5, 0xC6, 0xD8, 0xC5, 0x0D, 0x0A]
    #expect(text(ChunkedReading.transcodeAllWays(norwegian, from: .windows1252)) == "n;æøåÆØÅ\r\n")
  }

  @Test("Windows-1252 undefined bytes and NUL throw bad_encoding")
  func windows1252Undefined() {
    #expect(
      error(ChunkedReading.transcodeAllWays([0x61, 0x81], from: .windows1252))
        == .badEncoding("byte 0x81 at byte 1 is not defined in Windows-1252"))
    #expect(
      error(ChunkedReading.transcodeAllWays([0x61, 0x62, 0x00], from: .windows1252))
        == .badEncoding("NUL byte at byte 2 in Windows-1252 text"))
  }

  @Test("UTF-16 LE becomes UTF-8 without the BOM, surrogate pairs split anywhere")
  func utf16() {
    let source = "a\tæ😀\r\nØ€🏔️\u{FEFF}x"
    #expect(text(ChunkedReading.transcodeAllWays(.utf16LE(source), from: .utf16LE)) == source)
    #expect(text(ChunkedReading.transcodeAllWays([0xFF, 0xFE], from: .utf16LE)) == "")
  }

  @Test("ill-formed UTF-16 LE throws bad_encoding")
  func badUTF16() {
    #expect(
      error(ChunkedReading.transcodeAllWays(.utf16LE("ab") + [0x61], from: .utf16LE))
        == .badEncoding("UTF-16 text with an odd number of bytes (7)"))
    #expect(
      error(ChunkedReading.transcodeAllWays([0xFF, 0xFE, 0x3D, 0xD8], from: .utf16LE))
        == .badEncoding("unpaired UTF-16 surrogate at the end of the file"))
    #expect(
      error(ChunkedReading.transcodeAllWays([0xFF, 0xFE, 0x3D, 0xD8, 0x61, 0x00], from: .utf16LE))
        == .badEncoding("unpaired UTF-16 surrogate at byte 2"))
    #expect(
      error(ChunkedReading.transcodeAllWays([0xFF, 0xFE, 0x61, 0x00, 0x00, 0xDE], from: .utf16LE))
        == .badEncoding("unpaired UTF-16 surrogate at byte 4"))
  }

  @Test("UTF-8 passes through with the BOM cut away")
  func utf8() {
    let source = "a;æ😀\r\n"
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    #expect(
      text(ChunkedReading.transcodeAllWays(bom + Array(source.utf8), from: .utf8BOM)) == source)
    #expect(text(ChunkedReading.transcodeAllWays(Array(source.utf8), from: .utf8)) == source)
    // EF BB 80 is U+FEC0, not a BOM: the bytes held back are text.
    #expect(text(ChunkedReading.transcodeAllWays([0xEF, 0xBB, 0x80], from: .utf8)) == "\u{FEC0}")
  }

  @Test("ill-formed UTF-8 throws bad_encoding")
  func badUTF8() {
    #expect(
      error(ChunkedReading.transcodeAllWays([0x61, 0xE6, 0x62], from: .utf8))
        == .badEncoding("invalid UTF-8 at byte 2"))
    #expect(
      error(ChunkedReading.transcodeAllWays([0x61, 0xC0, 0x80], from: .utf8))
        == .badEncoding("invalid UTF-8 at byte 1"))
    #expect(
      error(ChunkedReading.transcodeAllWays([0xED, 0xA0, 0x80], from: .utf8))  // a surrogate
        == .badEncoding("invalid UTF-8 at byte 1"))
    #expect(
      error(ChunkedReading.transcodeAllWays([0xEF, 0xBB], from: .utf8))
        == .badEncoding("UTF-8 sequence cut off at the end of the file (byte 2)"))
  }

  @Test("passesThrough once the BOM question is settled, for text the sniffer checked")
  func passesThrough() throws {
    var transcoder = Transcoder(.utf8BOM, checked: true)
    #expect(!transcoder.passesThrough)
    var output: [UInt8] = []
    try ([0xEF, 0xBB] as [UInt8]).withUnsafeBytes { try transcoder.transcode($0, into: &output) }
    #expect(!transcoder.passesThrough)
    try ([0xBF, 0x61] as [UInt8]).withUnsafeBytes { try transcoder.transcode($0, into: &output) }
    #expect(transcoder.passesThrough)
    #expect(output == [0x61])
    // Unchecked text is never used as it is: transcoding validates every chunk.
    var unchecked = Transcoder(.utf8BOM)
    try ([0xEF, 0xBB, 0xBF, 0x61, 0x62] as [UInt8]).withUnsafeBytes {
      try unchecked.transcode($0, into: &output)
    }
    #expect(!unchecked.passesThrough)
    #expect(throws: TextError.badEncoding("invalid UTF-8 at byte 6")) {
      try ([0x63, 0xFF] as [UInt8]).withUnsafeBytes { try unchecked.transcode($0, into: &output) }
    }
    #expect(!Transcoder(.windows1252, checked: true).passesThrough)
  }
}
