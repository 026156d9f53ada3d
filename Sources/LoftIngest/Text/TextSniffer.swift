import CIntrinsics

/// Pass 1 over a file's raw bytes (run alongside hashing): which encoding and which line
/// endings the file has.
///
/// The rules, in order:
/// - EF BB BF at the start → `utf8BOM` (the rest must be valid UTF-8, else `bad_encoding`:
///   the BOM declares the encoding);
/// - FF FE at the start → `utf16LE` (the rest must be well-formed UTF-16: no odd trailing
///   byte, no unpaired surrogate);
/// - valid UTF-8 over the whole file (NUL included) → `utf8`;
/// - otherwise a NUL byte or one of 0x81, 0x8D, 0x8F, 0x90, 0x9D → `bad_encoding`;
/// - otherwise `windows1252`.
///
/// Line endings: with any LF, `crlf` when CR LF pairs are at least half of the LFs, else
/// `lf`; with no LF but a CR, `cr`; with neither, `none`. For UTF-16 the 16-bit code units
/// 0x000A and 0x000D are counted. Chunks may split anything, down to one byte each.
package struct TextSniffer: Sendable {
  /// What the start of the file said about the encoding.
  private enum Mode: Sendable {
    /// Fewer than three bytes seen, and they could still begin a BOM.
    case undecided
    /// No BOM: UTF-8 or Windows-1252, decided at the end.
    case plain
    case utf8BOM
    case utf16LE
  }

  private var mode = Mode.undecided
  /// The first bytes, held until the BOM question is settled.
  private var head: [UInt8] = []

  /// UTF-8 (and UTF-8 BOM) state.
  private var validator = UTF8Validator()
  private var isValidUTF8 = true
  private var sawNUL = false
  private var sawUndefinedInWindows1252 = false

  /// UTF-16 state: a byte waiting for its partner, a high surrogate waiting for its low one.
  private var pendingByte: UInt8?
  private var pendingHighSurrogate = false
  private var isValidUTF16 = true

  /// Line endings, counted on bytes (or UTF-16 code units).
  private var lineFeeds = 0
  private var carriageReturnLineFeeds = 0
  private var carriageReturns = 0
  private var previousWasCarriageReturn = false

  /// A sniffer that has seen no bytes.
  package init() {}

  /// Takes the next chunk of the file's raw bytes.
  package mutating func feed(_ chunk: UnsafeRawBufferPointer) {
    guard !chunk.isEmpty else { return }
    if case .undecided = mode {
      let taken = min(3 - head.count, chunk.count)
      head.append(contentsOf: chunk[0..<taken])
      decide(atEnd: false)
      let rest = UnsafeRawBufferPointer(rebasing: chunk[taken...])
      if case .undecided = mode { return }
      process(rest)
      return
    }
    process(chunk)
  }

  /// The profile, or nil when the file is `bad_encoding`. Does not change the sniffer.
  package func finish() -> TextProfile? {
    var sniffer = self
    if case .undecided = sniffer.mode { sniffer.decide(atEnd: true) }
    let encoding: TextEncoding
    switch sniffer.mode {
    case .undecided:
      return nil  // decide(atEnd: true) always settles the mode
    case .plain:
      if sniffer.isValidUTF8 && sniffer.validator.isAtBoundary {
        encoding = .utf8
      } else if sniffer.sawNUL || sniffer.sawUndefinedInWindows1252 {
        return nil
      } else {
        encoding = .windows1252
      }
    case .utf8BOM:
      guard sniffer.isValidUTF8 && sniffer.validator.isAtBoundary else { return nil }
      encoding = .utf8BOM
    case .utf16LE:
      guard
        sniffer.isValidUTF16 && sniffer.pendingByte == nil && !sniffer.pendingHighSurrogate
      else { return nil }
      encoding = .utf16LE
    }
    return TextProfile(encoding: encoding, lineEnding: sniffer.lineEnding)
  }

  /// The line ending the counts so far add up to.
  private var lineEnding: LineEnding {
    if lineFeeds > 0 { return carriageReturnLineFeeds * 2 >= lineFeeds ? .crlf : .lf }
    return carriageReturns > 0 ? .cr : .none
  }

  /// Settles the mode from the head bytes if it can, then replays them past any BOM.
  private mutating func decide(atEnd: Bool) {
    let bomLength: Int
    if head.count >= 2 && head[0] == 0xFF && head[1] == 0xFE {
      mode = .utf16LE
      bomLength = 2
    } else if head.count == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF {
      mode = .utf8BOM
      bomLength = 3
    } else if !atEnd && (head == [0xFF] || head == [0xEF] || head == [0xEF, 0xBB]) {
      return  // could still be a BOM
    } else {
      mode = .plain
      bomLength = 0
    }
    let bytes = head
    head = []
    bytes.withUnsafeBytes { process(UnsafeRawBufferPointer(rebasing: $0[bomLength...])) }
  }

  /// Takes bytes once the mode is known.
  private mutating func process(_ bytes: UnsafeRawBufferPointer) {
    switch mode {
    case .undecided: preconditionFailure("process before the mode is known")
    case .plain, .utf8BOM: processBytes(bytes)
    case .utf16LE: processUTF16(bytes)
    }
  }

  /// UTF-8 validation, the Windows-1252 checks and line endings, in one pass.
  private mutating func processBytes(_ bytes: UnsafeRawBufferPointer) {
    let count = bytes.count
    var index = 0
    while index < count {
      // 64 plain ASCII bytes at a time (SIMD): only their line endings count.
      if index + 64 <= count && (validator.isAtBoundary || !isValidUTF8) {
        var lineFeedMask: UInt64 = 0
        var carriageReturnMask: UInt64 = 0
        let other = loft_text_bytes64(
          bytes.baseAddress!.advanced(by: index).assumingMemoryBound(to: UInt8.self),
          &lineFeedMask, &carriageReturnMask)
        // The plain bytes before the first that is not (all 64, or fewer): that one is left
        // to the byte loop below, and the next 64 are scanned after it.
        let plain = other.trailingZeroBitCount
        if plain > 0 {
          let kept: UInt64 = plain == 64 ? ~0 : (1 << UInt64(plain)) - 1
          countLineEndings(
            lineFeeds: lineFeedMask & kept, carriageReturns: carriageReturnMask & kept,
            bitsPerByte: 1, count: UInt64(plain))
          index += plain
          if plain == 64 { continue }
        }
      }
      // Eight ASCII bytes without NUL at a time: they keep UTF-8 valid and say nothing about
      // Windows-1252, so only their line endings count. Rows are short, so most words hold
      // one; counting them here keeps the byte loop for the rare bytes that need it.
      if index + 8 <= count && (validator.isAtBoundary || !isValidUTF8) {
        let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        if word & 0x8080_8080_8080_8080 == 0 && !Self.hasZeroByte(word) {
          // Byte i's bit at 8i.
          countLineEndings(
            lineFeeds: Self.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A) >> 7,
            carriageReturns: Self.zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D) >> 7,
            bitsPerByte: 8, count: 8)
          index += 8
          continue
        }
      }
      let byte = bytes[index]
      index += 1
      if isValidUTF8 { isValidUTF8 = validator.consume(byte) }
      switch byte {
      case 0x0A:
        lineFeeds += 1
        if previousWasCarriageReturn { carriageReturnLineFeeds += 1 }
        previousWasCarriageReturn = false
      case 0x0D:
        carriageReturns += 1
        previousWasCarriageReturn = true
      case 0x00:
        sawNUL = true
        previousWasCarriageReturn = false
      case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
        sawUndefinedInWindows1252 = true
        previousWasCarriageReturn = false
      default:
        previousWasCarriageReturn = false
      }
    }
  }

  /// UTF-16 LE well-formedness and line endings on code units.
  private mutating func processUTF16(_ bytes: UnsafeRawBufferPointer) {
    for byte in bytes {
      guard let low = pendingByte else {
        pendingByte = byte
        continue
      }
      pendingByte = nil
      let unit = UInt16(low) | UInt16(byte) << 8
      let isLowSurrogate = (0xDC00...0xDFFF).contains(unit)
      if pendingHighSurrogate {
        pendingHighSurrogate = false
        if isLowSurrogate {
          previousWasCarriageReturn = false
          continue
        }
        isValidUTF16 = false
      }
      if (0xD800...0xDBFF).contains(unit) {
        pendingHighSurrogate = true
      } else if isLowSurrogate {
        isValidUTF16 = false
      }
      switch unit {
      case 0x000A:
        lineFeeds += 1
        if previousWasCarriageReturn { carriageReturnLineFeeds += 1 }
        previousWasCarriageReturn = false
      case 0x000D:
        carriageReturns += 1
        previousWasCarriageReturn = true
      default:
        previousWasCarriageReturn = false
      }
    }
  }

  /// Counts the line endings of `count` plain ASCII bytes, given as masks: byte i is LF (or
  /// CR) when bit `i * bitsPerByte` is set.
  @inline(__always)
  private mutating func countLineEndings(
    lineFeeds lineFeedMask: UInt64, carriageReturns carriageReturnMask: UInt64,
    bitsPerByte: UInt64, count: UInt64
  ) {
    if lineFeedMask | carriageReturnMask != 0 {
      lineFeeds += lineFeedMask.nonzeroBitCount
      carriageReturns += carriageReturnMask.nonzeroBitCount
      // A CR directly before an LF: inside these bytes, or the first of them after a CR that
      // ended the bytes before.
      carriageReturnLineFeeds +=
        ((carriageReturnMask << bitsPerByte) & lineFeedMask).nonzeroBitCount
      if previousWasCarriageReturn && lineFeedMask & 1 != 0 { carriageReturnLineFeeds += 1 }
    }
    previousWasCarriageReturn = carriageReturnMask >> ((count - 1) * bitsPerByte) & 1 != 0
  }

  /// 0x80 in each byte of an ASCII `word` (high bits clear) that is zero, 0 in the others.
  @inline(__always)
  private static func zeroBytes(_ word: UInt64) -> UInt64 {
    // No byte of an ASCII word carries into the next when 0x7F is added to it.
    ~((word &+ 0x7F7F_7F7F_7F7F_7F7F) | word | 0x7F7F_7F7F_7F7F_7F7F)
  }

  /// Whether any of the eight bytes of `word` is zero.
  @inline(__always)
  private static func hasZeroByte(_ word: UInt64) -> Bool {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
  }
}
