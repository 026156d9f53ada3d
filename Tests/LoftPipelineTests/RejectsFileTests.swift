import Testing

@testable import LoftCore
@testable import LoftPipeline

@Suite struct RejectsFileTests {
  /// The rejects file as it was written before it was appended as bytes.
  static func rejectsAsBefore(_ rejects: [Reject]) -> [UInt8] {
    func quote(_ field: String) -> String {
      guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
        return field
      }
      return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    var text = "file,line,column,reason,message\n"
    for reject in rejects {
      text +=
        [
          quote(reject.file), String(reject.line), quote(reject.column), reject.reason.rawValue,
          quote(reject.message),
        ]
        .joined(separator: ",") + "\n"
    }
    return Array(text.utf8)
  }

  @Test("the rejects file quotes exactly the fields it quoted before")
  func rejectsFile() {
    // Quotes, backslashes, every control character, non-ASCII letters, an emoji, CR LF (one
    // character) and combining marks.
    let fields = [
      "", "plain", #"quote " and backslash \ and slash /"#,
      String(decoding: (0..<0x20).map { UInt8($0) } + [0x7F], as: UTF8.self),
      "Bodø kommune — Vågå, Tromsø", "😀 emoji", "line\r\nbreak", "e\u{301} combining, \"quoted\"",
      "a,b", ",\u{301}", "\r\n", "\n", "\r", "x\r\ny", "\"", "é,",
    ]
    let rejects = fields.enumerated().map { index, text in
      Reject(
        file: "\(text)/file.csv", line: index + 1, column: text, reason: .badDate,
        message: "could not read \(text)")
    }
    #expect(RejectsFile.render(rejects) == Self.rejectsAsBefore(rejects))
    #expect(RejectsFile.render([]) == Self.rejectsAsBefore([]))
  }
}
