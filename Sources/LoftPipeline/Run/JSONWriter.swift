/// Pretty JSON written straight into bytes, laid out byte for byte as Foundation's `JSONEncoder`
/// lays it out with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`.
///
/// It exists for the run report: `JSONEncoder` boxed every value of the national report (6 583
/// file rows) before writing it, and took 0.05–0.1 s at the very end of the run, on its critical
/// path. The writer does not sort: callers write an object's members in ascending order of the
/// keys' UTF-8 bytes (uppercase before lowercase), the order `.sortedKeys` gives.
///
/// The layout it copies: two spaces of indentation per level, `"key" : value`, members and
/// elements separated by `,` and a line break, and an empty object or array as its brackets
/// with a blank line between them. Strings escape `"`, `\` and the control characters (`\b`,
/// `\f`, `\n`, `\r`, `\t`, otherwise `\u00xx` in lowercase hex); `/` and non-ASCII are written
/// as they are.
struct JSONWriter: ~Copyable {
  // The bytes live in a buffer of our own: a report is a few hundred thousand small appends,
  // and an array checked its uniqueness and called a generic copy for each of them.
  /// The bytes written so far are `buffer[0..<count]`.
  private var buffer: UnsafeMutableBufferPointer<UInt8>
  private var count = 0
  /// How many containers are open around the next value; each indents by two spaces.
  private var depth = 0
  /// Whether the innermost open container has no member or element yet.
  private var isEmpty = true

  /// A writer whose first `capacity` bytes need no reallocation.
  init(capacity: Int = 4096) {
    buffer = .allocate(capacity: max(capacity, 64))
  }

  deinit {
    buffer.deallocate()
  }

  /// The document written, ending in a line break as a text file does.
  consuming func text() -> String {
    append(UInt8(ascii: "\n"))
    return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
  }

  /// An object whose members `body` writes, with `key(_:)` or `member(_:_:)`.
  mutating func object(_ body: (inout JSONWriter) -> Void) {
    open(UInt8(ascii: "{"))
    body(&self)
    close(UInt8(ascii: "}"))
  }

  /// An array of `elements`, each written by `body` as one value.
  mutating func array<Elements: Sequence>(
    _ elements: Elements, _ body: (inout JSONWriter, Elements.Element) -> Void
  ) {
    open(UInt8(ascii: "["))
    for element in elements {
      startItem()
      body(&self, element)
    }
    close(UInt8(ascii: "]"))
  }

  /// Starts an object member; the value written next is its value.
  mutating func key(_ key: StaticString) {
    startItem()
    append(UInt8(ascii: "\""))
    append(key)
    append("\" : ")
  }

  /// A member: its key, then its value (the overloads differ only in the value's type).
  mutating func member(_ key: StaticString, _ value: String) {
    self.key(key)
    string(value)
  }

  /// Nothing when `value` is nil: `JSONEncoder` leaves out a nil optional of synthesised
  /// `Codable` (`encodeIfPresent`).
  mutating func member(_ key: StaticString, _ value: String?) {
    if let value { member(key, value) }
  }

  mutating func member(_ key: StaticString, _ value: Int) {
    self.key(key)
    integer(value)
  }

  mutating func member(_ key: StaticString, _ value: Double) {
    self.key(key)
    number(value)
  }

  mutating func member(_ key: StaticString, _ values: [String]) {
    self.key(key)
    array(values) { $0.string($1) }
  }

  /// A string, escaped as `JSONEncoder` escapes it.
  mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { utf8 in
      // An escape takes at most six bytes (`\u001f`) for one.
      reserve(utf8.count * 6 + 2)
      append(UInt8(ascii: "\""))
      // Runs of bytes that need no escape are copied whole; report strings rarely have any.
      var start = 0
      for index in utf8.indices {
        let byte = utf8[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
          continue
        }
        append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
        escape(byte)
        start = index + 1
      }
      append(UnsafeBufferPointer(rebasing: utf8[start...]))
      append(UInt8(ascii: "\""))
    }
  }

  /// An integer in decimal, written without making a `String` of it.
  mutating func integer(_ value: Int) {
    reserve(20)
    if value < 0 { append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits = 1
    var rest = magnitude / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    // The digits come least significant first, so they are put in from the right.
    for offset in stride(from: digits - 1, through: 0, by: -1) {
      buffer[count + offset] = UInt8(ascii: "0") + UInt8(magnitude % 10)
      magnitude /= 10
    }
    count += digits
  }

  /// A double as `JSONEncoder` writes it: Swift's shortest round-trip `description` without a
  /// trailing `.0` (`2`, `0.1`, `1e-05`, `1e+20`). `JSONEncoder` refuses a non-finite double,
  /// and with it the whole document; here it is `null`.
  mutating func number(_ value: Double) {
    guard value.isFinite else { return append("null") }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    text.withUTF8 { append($0) }
  }

  private mutating func escape(_ byte: UInt8) {
    append(UInt8(ascii: "\\"))
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
    case 0x08: append(UInt8(ascii: "b"))
    case 0x0C: append(UInt8(ascii: "f"))
    case UInt8(ascii: "\n"): append(UInt8(ascii: "n"))
    case UInt8(ascii: "\r"): append(UInt8(ascii: "r"))
    case UInt8(ascii: "\t"): append(UInt8(ascii: "t"))
    default:
      let hex: StaticString = "0123456789abcdef"
      append("u00")
      append(hex.utf8Start[Int(byte >> 4)])
      append(hex.utf8Start[Int(byte & 0xF)])
    }
  }

  private mutating func open(_ bracket: UInt8) {
    append(bracket)
    append(UInt8(ascii: "\n"))
    depth += 1
    isEmpty = true
  }

  private mutating func close(_ bracket: UInt8) {
    append(UInt8(ascii: "\n"))
    depth -= 1
    indent()
    append(bracket)
    // The container just closed is a value inside the enclosing one, which is not empty now.
    isEmpty = false
  }

  /// The separator before a member or element, and its indentation.
  private mutating func startItem() {
    if !isEmpty { append(",\n") }
    isEmpty = false
    indent()
  }

  private mutating func indent() {
    reserve(depth * 2)
    (buffer.baseAddress! + count).initialize(repeating: UInt8(ascii: " "), count: depth * 2)
    count += depth * 2
  }

  // MARK: - Bytes

  @inline(__always)
  private mutating func append(_ byte: UInt8) {
    reserve(1)
    buffer[count] = byte
    count += 1
  }

  private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    reserve(bytes.count)
    (buffer.baseAddress! + count).initialize(from: source, count: bytes.count)
    count += bytes.count
  }

  /// A literal of a few bytes: copied a byte at a time, which is quicker than `memmove` here.
  @inline(__always)
  private mutating func append(_ literal: StaticString) {
    reserve(literal.utf8CodeUnitCount)
    for index in 0..<literal.utf8CodeUnitCount {
      buffer[count + index] = literal.utf8Start[index]
    }
    count += literal.utf8CodeUnitCount
  }

  /// Room for `extra` more bytes.
  @inline(__always)
  private mutating func reserve(_ extra: Int) {
    if count + extra > buffer.count { grow(toHold: count + extra) }
  }

  /// A buffer at least twice as large, holding the bytes written so far.
  private mutating func grow(toHold needed: Int) {
    let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(buffer.count * 2, needed))
    larger.baseAddress!.initialize(from: buffer.baseAddress!, count: count)
    buffer.deallocate()
    buffer = larger
  }
}
