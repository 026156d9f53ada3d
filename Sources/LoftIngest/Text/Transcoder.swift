/// Turns raw chunks in a given encoding into UTF-8 chunks, streaming, with a leading BOM
/// removed.
///
/// Chunks may split anything: a multi-byte character, a UTF-16 code unit (an odd byte is
/// carried over), a surrogate pair, the BOM itself. Ill-formed input throws
/// `TextError.badEncoding` (callers quarantine the file as `bad_encoding`):
/// - UTF-8: ill-formed sequences, or one cut off by the end of the file;
/// - UTF-16 LE: an unpaired surrogate, or an odd trailing byte;
/// - Windows-1252: NUL or a byte the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90,
///   0x9D), the same rule `TextSniffer` applies.
///
/// UTF-8 input that `TextSniffer` has checked needs no conversion: when `passesThrough` is
/// true, a caller may use a chunk as it is, instead of copying it with `transcode`.
package struct Transcoder: Sendable {
  /// The encoding of the input.
  package let encoding: TextEncoding
  /// Before the first text byte: a BOM may still be cut away.
  private var atStart = true
  /// UTF-8: how many bytes of a leading EF BB BF have been held back so far.
  private var bomBytesHeld = 0
  private var validator = UTF8Validator()
  /// Input bytes taken so far, for the offsets in error messages.
  private var offset = 0
  /// UTF-16: the first byte of a code unit whose second byte is in the next chunk.
  private var pendingByte: UInt8?
  /// UTF-16: a high surrogate waiting for its low surrogate (0 when none).
  private var pendingHighSurrogate: UInt16 = 0

  private static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// UTF-8 input that `TextSniffer` has already found well-formed, all of it: it is not
  /// checked again.
  private let isChecked: Bool

  /// A transcoder for input in `encoding`. `atTextStart: false` is for input that starts in
  /// the middle of a text (a chunk of a file): no BOM is looked for there. `checked: true`
  /// is for UTF-8 text that `TextSniffer` has found well-formed: it is not validated again.
  package init(_ encoding: TextEncoding, atTextStart: Bool = true, checked: Bool = false) {
    self.encoding = encoding
    atStart = atTextStart
    isChecked = checked
  }

  /// True for UTF-8 text that `TextSniffer` has checked (`checked: true`), past any BOM: from
  /// now on each chunk is its own UTF-8 text and may be used as it is, without `transcode`.
  package var passesThrough: Bool {
    switch encoding {
    case .utf8, .utf8BOM: isChecked && !atStart
    case .utf16LE, .windows1252: false
    }
  }

  /// Appends the UTF-8 text of `chunk` to `output`.
  package mutating func transcode(
    _ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]
  ) throws(TextError) {
    switch encoding {
    case .utf8, .utf8BOM: try transcodeUTF8(chunk, into: &output)
    case .utf16LE: try transcodeUTF16(chunk, into: &output)
    case .windows1252: try transcodeWindows1252(chunk, into: &output)
    }
  }

  /// Appends what the input still holds back to `output`, and checks that nothing is cut
  /// off at the end.
  package mutating func finish(into output: inout [UInt8]) throws(TextError) {
    switch encoding {
    case .utf8, .utf8BOM:
      if atStart && bomBytesHeld > 0 {
        // The file is a bare prefix of the BOM: those bytes were text after all.
        appendHeldBOMBytes(into: &output)
      }
      guard isChecked || validator.isAtBoundary else {
        throw .badEncoding("UTF-8 sequence cut off at the end of the file (byte \(offset))")
      }
    case .utf16LE:
      if pendingByte != nil {
        throw .badEncoding("UTF-16 text with an odd number of bytes (\(offset))")
      }
      if pendingHighSurrogate != 0 {
        throw .badEncoding("unpaired UTF-16 surrogate at the end of the file")
      }
    case .windows1252:
      break
    }
  }

  // MARK: - UTF-8

  private mutating func transcodeUTF8(
    _ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]
  ) throws(TextError) {
    var index = 0
    while atStart && index < chunk.count {
      if chunk[index] == Self.utf8BOM[bomBytesHeld] {
        bomBytesHeld += 1
        index += 1
        offset += 1
        if bomBytesHeld == Self.utf8BOM.count { atStart = false }
      } else {
        // Not a BOM: the bytes held back are text.
        appendHeldBOMBytes(into: &output)
      }
    }
    try appendValidated(UnsafeRawBufferPointer(rebasing: chunk[index...]), &output)
  }

  /// Ends the BOM question: the bytes held back (EF, or EF BB) turned out to be text. They
  /// begin a well-formed sequence, so the validator only needs to see them.
  private mutating func appendHeldBOMBytes(into output: inout [UInt8]) {
    atStart = false
    for byte in Self.utf8BOM[0..<bomBytesHeld] {
      _ = validator.consume(byte)
      output.append(byte)
    }
    bomBytesHeld = 0
  }

  private mutating func appendValidated(
    _ bytes: UnsafeRawBufferPointer, _ output: inout [UInt8]
  ) throws(TextError) {
    if !isChecked, let bad = validator.validate(bytes) { throw invalidUTF8(at: offset + bad) }
    offset += bytes.count
    output.append(contentsOf: bytes)
  }

  private func invalidUTF8(at byteOffset: Int) -> TextError {
    .badEncoding("invalid UTF-8 at byte \(byteOffset)")
  }

  // MARK: - Windows-1252

  private mutating func transcodeWindows1252(
    _ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]
  ) throws(TextError) {
    atStart = false
    let start = offset
    var failure: TextError?
    let table = Self.windows1252C1
    Self.writing(upTo: chunk.count * 3, into: &output) { out in
      var next = 0
      for (index, byte) in chunk.enumerated() {
        if byte < 0x80 {
          if byte == 0 {
            failure = .badEncoding("NUL byte at byte \(start + index) in Windows-1252 text")
            return next
          }
          out[next] = byte
          next += 1
        } else if byte >= 0xA0 {
          // Latin-1: U+00A0...U+00FF, two bytes.
          out[next] = 0xC0 | byte >> 6
          out[next + 1] = 0x80 | byte & 0x3F
          next += 2
        } else {
          let scalar = table[Int(byte - 0x80)]
          guard scalar != 0 else {
            let hex = String(byte, radix: 16, uppercase: true)
            failure = .badEncoding(
              "byte 0x\(hex) at byte \(start + index) is not defined in Windows-1252")
            return next
          }
          next = Self.put(UInt32(scalar), out, next)
        }
      }
      return next
    }
    offset += chunk.count
    if let failure { throw failure }
  }

  /// Windows-1252 0x80...0x9F as Unicode scalars; 0 where the code page defines nothing.
  private static let windows1252C1: [UInt16] = [
    0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // € ‚ ƒ „ … † ‡
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0000, 0x017D, 0x0000,  // ˆ ‰ Š ‹ Œ Ž
    0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // ‘ ’ “ ” • – —
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0000, 0x017E, 0x0178,  // ˜ ™ š › œ ž Ÿ
  ]

  // MARK: - UTF-16 LE

  private mutating func transcodeUTF16(
    _ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]
  ) throws(TextError) {
    var failure: TextError?
    var state = (atStart, pendingByte, pendingHighSurrogate)
    let start = offset
    // At most 3 UTF-8 bytes per code unit, plus a carried byte and surrogate.
    let capacity = (chunk.count / 2 + 2) * 3
    Self.writing(upTo: capacity, into: &output) { out in
      var next = 0
      for (index, byte) in chunk.enumerated() {
        guard let low = state.1 else {
          state.1 = byte
          continue
        }
        state.1 = nil
        let unit = UInt16(low) | UInt16(byte) << 8
        if state.0 {
          state.0 = false
          if unit == 0xFEFF { continue }  // the BOM
        }
        if state.2 != 0 {
          guard (0xDC00...0xDFFF).contains(unit) else {
            failure = .badEncoding("unpaired UTF-16 surrogate at byte \(start + index - 3)")
            return next
          }
          let high = UInt32(state.2 - 0xD800)
          state.2 = 0
          next = Self.put(0x10000 + (high << 10 | UInt32(unit - 0xDC00)), out, next)
        } else if (0xD800...0xDBFF).contains(unit) {
          state.2 = unit
        } else if (0xDC00...0xDFFF).contains(unit) {
          failure = .badEncoding("unpaired UTF-16 surrogate at byte \(start + index - 1)")
          return next
        } else {
          next = Self.put(UInt32(unit), out, next)
        }
      }
      return next
    }
    (atStart, pendingByte, pendingHighSurrogate) = state
    offset += chunk.count
    if let failure { throw failure }
  }

  // MARK: - Writing UTF-8

  /// Grows `output` by `capacity` bytes, lets `body` write up to that many and return how
  /// many it wrote, and trims the rest. Returns the count written.
  @discardableResult
  private static func writing(
    upTo capacity: Int, into output: inout [UInt8],
    _ body: (UnsafeMutablePointer<UInt8>) -> Int
  ) -> Int {
    let base = output.count
    output.append(contentsOf: repeatElement(0, count: capacity))
    let written = output.withUnsafeMutableBufferPointer { buffer in
      body(buffer.baseAddress! + base)
    }
    output.removeLast(capacity - written)
    return written
  }

  /// Writes `scalar` as UTF-8 at `out[next...]`; returns the index after it.
  @inline(__always)
  private static func put(
    _ scalar: UInt32, _ out: UnsafeMutablePointer<UInt8>, _ next: Int
  ) -> Int {
    switch scalar {
    case ..<0x80:
      out[next] = UInt8(scalar)
      return next + 1
    case ..<0x800:
      out[next] = UInt8(0xC0 | scalar >> 6)
      out[next + 1] = UInt8(0x80 | scalar & 0x3F)
      return next + 2
    case ..<0x10000:
      out[next] = UInt8(0xE0 | scalar >> 12)
      out[next + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
      out[next + 2] = UInt8(0x80 | scalar & 0x3F)
      return next + 3
    default:
      out[next] = UInt8(0xF0 | scalar >> 18)
      out[next + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
      out[next + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
      out[next + 3] = UInt8(0x80 | scalar & 0x3F)
      return next + 4
    }
  }
}
