import LoftCore

/// Turns one xAPI statement into an accepted `XAPIEvent` or a `Reject`, by SPEC §1.3 and §3.
///
/// A statement is rejected once, for its first defect in this order:
/// 1. `malformed_row` — not a JSON object.
/// 2. `missing_required` — `id`, `actor.account.name`, `verb.id`, `object.id`, then neither
///    `timestamp` nor `stored`; absent, null, blank and non-string values alike.
/// 3. `bad_org_number`, `unknown_org`, `org_mismatch` — from
///    `context.extensions["urn:loft:org-number"]` when it is given (a string or a number).
/// 4. `out_of_range` — a pseudonym longer than 128 characters.
/// 5. `unknown_course` — `object.id` is no course's `xapi_activity_id` (not checked for a voiding
///    statement, whose `object.id` is the voided statement's `id`).
/// 6. `bad_date`, then `future_date` — `timestamp`, else `stored`.
///
/// Rejects name the canonical column: empty for `id` and the whole record, `learner_id`,
/// `status` (the verb), `course_id`, `enrolled_on` (the date), `org_number`.
package struct XAPIStatementValidator: Sendable {
  /// The delivery being validated.
  package let context: XAPIContext

  /// The key of the agency's org number among `context.extensions`.
  package static let orgNumberExtension = "urn:loft:org-number"
  /// The longest pseudonym accepted, in characters.
  package static let maxPseudonymLength = 128

  /// A validator for the statements of one delivery.
  package init(context: XAPIContext) {
    self.context = context
    var activities = ByteInterner()
    var courses: [Int32] = []
    for (index, course) in context.catalogue.courses.enumerated()
    where !course.xapiActivityID.isEmpty {
      var id = course.xapiActivityID
      guard id.withUTF8(\.isASCII) else {
        self.activities = nil
        self.courseOfActivity = []
        return
      }
      let number = Int(activities.number(course.xapiActivityID))
      // As in the catalogue, the last course with an activity id has it.
      if number == courses.count {
        courses.append(Int32(index))
      } else {
        courses[number] = Int32(index)
      }
    }
    self.activities = activities
    self.courseOfActivity = courses
  }

  /// The catalogue's activity ids by their bytes, numbered; nil when one is not ASCII.
  private let activities: ByteInterner?
  /// The catalogue index of the course with each activity id, by its number in `activities`.
  private let courseOfActivity: [Int32]

  /// The catalogue index of the course whose activity id is `id`.
  private func courseIndex(ofActivity id: UnsafeBufferPointer<UInt8>) -> Int? {
    // ASCII equal as `String`s (canonical equivalence) only when equal as bytes: no `String` made
    // and hashed per statement.
    if let activities, id.isASCII {
      return activities.lookup(id).map { Int(courseOfActivity[Int($0)]) }
    }
    return context.catalogue.index(ofActivity: Self.string(id))
  }

  /// Validates what the reader found: a statement, or a JSON Lines line that was malformed.
  package func validate(_ item: XAPIItem) -> XAPIOutcome {
    switch item {
    case .statement(let statement, let line):
      return validate(statement, line: line)
    case .malformed(let line, let message):
      return reject(line, "", .malformedRow, message)
    }
  }

  /// Validates one statement, given as a whole value, starting on the given line.
  package func validate(_ statement: JSONValue, line: Int) -> XAPIOutcome {
    validate(XAPIStatement(statement), line: line)
  }

  /// Validates one statement starting on the given line.
  package func validate(_ statement: XAPIStatement, line: Int) -> XAPIOutcome {
    guard statement.kind == .object else {
      return reject(
        line, "", .malformedRow, "the statement is \(statement.kind.description), not an object")
    }
    return statement.withBytes { bytes in validate(statement, bytes, line: line) }
  }

  /// Validates an object statement whose texts are `bytes`.
  private func validate(
    _ statement: XAPIStatement, _ bytes: UnsafeBufferPointer<UInt8>, line: Int
  ) -> XAPIOutcome {
    /// The trimmed text of a required string field, or why it cannot be used.
    func required(_ field: XAPIStatement.Field) -> Result<UnsafeBufferPointer<UInt8>, Problem> {
      func problem(_ what: String) -> Problem {
        Problem(message: "\(field.path.joined(separator: ".")) is \(what)")
      }
      switch statement.kind(of: field) {
      case nil, .null?:
        return .failure(problem("missing"))
      case .string?:
        let text = text(field)
        return text.isEmpty ? .failure(problem("empty")) : .success(text)
      case let other?:
        return .failure(problem("\(other.description), not a string"))
      }
    }
    /// Whether an optional field is given: not null and not a blank string.
    func isGiven(_ field: XAPIStatement.Field) -> Bool {
      switch statement.kind(of: field) {
      case nil, .null?: false
      case .string?: !text(field).isEmpty
      default: true
      }
    }
    /// The trimmed text of a field (empty unless a string or number).
    func text(_ field: XAPIStatement.Field) -> UnsafeBufferPointer<UInt8> {
      Self.trimmed(UnsafeBufferPointer(rebasing: bytes[statement.range(of: field)]))
    }

    // Required values, in the order of SPEC §3.
    let id: UnsafeBufferPointer<UInt8>
    let learner: UnsafeBufferPointer<UInt8>
    let verbIRI: UnsafeBufferPointer<UInt8>
    let objectID: UnsafeBufferPointer<UInt8>
    switch required(.id) {
    case .success(let text): id = text
    case .failure(let problem): return reject(line, "", .missingRequired, problem.message)
    }
    switch required(.learner) {
    case .success(let text): learner = text
    case .failure(let problem): return reject(line, "learner_id", .missingRequired, problem.message)
    }
    switch required(.verb) {
    case .success(let text): verbIRI = text
    case .failure(let problem): return reject(line, "status", .missingRequired, problem.message)
    }
    switch required(.object) {
    case .success(let text): objectID = text
    case .failure(let problem): return reject(line, "course_id", .missingRequired, problem.message)
    }
    let dateField: XAPIStatement.Field
    if isGiven(.timestamp) {
      dateField = .timestamp
    } else if isGiven(.stored) {
      dateField = .stored
    } else {
      return reject(
        line, "enrolled_on", .missingRequired, "the statement has neither timestamp nor stored")
    }

    if isGiven(.orgNumber), let kind = statement.kind(of: .orgNumber),
      let problem = orgProblem(kind, Self.string(text(.orgNumber)))
    {
      return reject(line, "org_number", problem.reason, problem.message)
    }

    // Characters are never more than bytes: only a long name is counted.
    if learner.count > Self.maxPseudonymLength {
      let name = Self.string(learner)
      if name.count > Self.maxPseudonymLength {
        return reject(
          line, "learner_id", .outOfRange,
          "actor.account.name \(Self.quoted(name)) is \(name.count) characters long; "
            + "at most \(Self.maxPseudonymLength) are allowed")
      }
    }

    let verb = XAPIVerb(iri: verbIRI)
    var course: Int32 = -1
    if verb != .voided {
      guard let index = courseIndex(ofActivity: objectID) else {
        return reject(
          line, "course_id", .unknownCourse,
          "object.id \(Self.quoted(Self.string(objectID))) is not the xapi_activity_id of any "
            + "course in the catalogue")
      }
      course = Int32(index)
    }

    let dateName = dateField == .timestamp ? "timestamp" : "stored"
    // Given, so present and not null.
    let dateKind = statement.kind(of: dateField) ?? .null
    guard dateKind == .string else {
      return reject(
        line, "enrolled_on", .badDate,
        "\(dateName) is \(dateKind.description), not an ISO 8601 date-time")
    }
    let dateText = text(dateField)
    guard let date = XAPIDateTime.day(of: dateText) else {
      return reject(
        line, "enrolled_on", .badDate,
        "\(dateName) \(Self.quoted(Self.string(dateText))) is not a valid ISO 8601 date-time")
    }
    guard date <= context.asOf else {
      return reject(
        line, "enrolled_on", .futureDate,
        "\(dateName) \(Self.quoted(Self.string(dateText))) is after the as-of date \(context.asOf)")
    }

    let duration =
      statement.kind(of: .duration) == .string
      ? XAPIDuration.milliseconds(of: text(.duration)) : nil
    let registration = text(.registration)
    return .accepted(
      XAPIEvent(
        id: Self.string(id), learner: Self.string(learner), course: course, verb: verb,
        date: date, durationMilliseconds: duration,
        registration: statement.kind(of: .registration) == .string && !registration.isEmpty
          ? Self.string(registration) : nil,
        voidedID: verb == .voided ? Self.string(objectID) : nil, line: line))
  }

  // MARK: - Org number

  /// The org-number defect of a given `context.extensions["urn:loft:org-number"]` of a kind,
  /// trimmed `written`, or nil when it names the folder's agency.
  private func orgProblem(
    _ kind: XAPIStatement.Kind, _ written: String
  ) -> (reason: RejectReason, message: String)? {
    let path = "context.extensions[\"\(Self.orgNumberExtension)\"]"
    guard kind == .string || kind == .number else {
      return (.badOrgNumber, "\(path) is \(kind.description), not an org number")
    }
    let org: OrgNumber
    switch OrgNumber.parse(written) {
    case .success(let parsed): org = parsed
    case .failure(.notNineDigits):
      return (.badOrgNumber, "org number \(Self.quoted(written)) in \(path) is not nine digits")
    case .failure(.badCheckDigit):
      return (
        .badOrgNumber,
        "org number \(Self.quoted(written)) in \(path) has a wrong mod-11 check digit"
      )
    }
    guard let index = context.register.index(of: org) else {
      return (.unknownOrg, "org number \(org) is not in the register of agencies")
    }
    guard index == Int(context.folderAgency) else {
      let agencies = context.register.agencies
      let folder =
        agencies.indices.contains(Int(context.folderAgency))
        ? agencies[Int(context.folderAgency)].orgNumber.digits : "unknown"
      return (.orgMismatch, "org number \(org) is not that of the agency folder (\(folder))")
    }
    return nil
  }

  // MARK: - Helpers

  private func reject(
    _ line: Int, _ column: String, _ reason: RejectReason, _ message: String
  ) -> XAPIOutcome {
    .rejected(
      Reject(file: context.file, line: line, column: column, reason: reason, message: message))
  }

  /// Why a required value cannot be used.
  private struct Problem: Error {
    var message: String
  }

  /// The bytes without leading and trailing white space (Unicode's, as in `String`).
  private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = bytes.count
    while start < end {
      let (scalar, length) = scalar(in: bytes, at: start)
      guard isWhitespace(scalar) else { break }
      start += length
    }
    while end > start {
      var first = end - 1
      // Back to the lead byte: the parser checked that the text is valid UTF-8.
      while bytes[first] & 0xC0 == 0x80 { first -= 1 }
      guard isWhitespace(scalar(in: bytes, at: first).scalar) else { break }
      end = first
    }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  /// The scalar whose valid UTF-8 starts at `index`, and its length in bytes.
  private static func scalar(
    in bytes: UnsafeBufferPointer<UInt8>, at index: Int
  ) -> (scalar: Unicode.Scalar, length: Int) {
    let lead = bytes[index]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    var value = UInt32(lead) & (0x7F >> length)
    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
  }

  private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    // ASCII first: looking up Unicode properties costs more than the rest of validation.
    if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
    return scalar.properties.isWhitespace
  }

  /// Valid UTF-8 bytes as text.
  private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  /// A value in quotes for a message, shortened when long.
  private static func quoted(_ text: String) -> String {
    let limit = 80
    return text.count > limit ? "\"\(text.prefix(limit))…\"" : "\"\(text)\""
  }
}
