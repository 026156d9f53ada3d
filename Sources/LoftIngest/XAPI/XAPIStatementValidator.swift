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

  /// Every value of a statement that validation reads: readers keep these and drop the rest
  /// (`XAPIReader(keeping:)`), so a statement's size cannot exhaust memory.
  package static let keyTree = JSONKeyTree(paths: [
    ["id"], ["actor", "account", "name"], ["verb", "id"], ["object", "id"], ["timestamp"],
    ["stored"], ["result", "duration"], ["context", "registration"],
    ["context", "extensions", orgNumberExtension],
  ])

  /// A validator for the statements of one delivery.
  package init(context: XAPIContext) {
    self.context = context
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

  /// Validates one statement starting on the given line.
  package func validate(_ statement: JSONValue, line: Int) -> XAPIOutcome {
    guard case .object = statement else {
      return reject(
        line, "", .malformedRow, "the statement is \(statement.kindDescription), not an object")
    }

    // Required values, in the order of SPEC §3.
    let id: String
    let learner: String
    let verbIRI: String
    let objectID: String
    switch Self.text(statement["id"], "id") {
    case .success(let text): id = text
    case .failure(let problem): return reject(line, "", .missingRequired, problem.message)
    }
    let name = statement["actor"]?["account"]?["name"]
    switch Self.text(name, "actor.account.name") {
    case .success(let text): learner = text
    case .failure(let problem): return reject(line, "learner_id", .missingRequired, problem.message)
    }
    switch Self.text(statement["verb"]?["id"], "verb.id") {
    case .success(let text): verbIRI = text
    case .failure(let problem): return reject(line, "status", .missingRequired, problem.message)
    }
    switch Self.text(statement["object"]?["id"], "object.id") {
    case .success(let text): objectID = text
    case .failure(let problem): return reject(line, "course_id", .missingRequired, problem.message)
    }
    let dateField: String
    let dateValue: JSONValue
    if let timestamp = statement["timestamp"], Self.isGiven(timestamp) {
      (dateField, dateValue) = ("timestamp", timestamp)
    } else if let stored = statement["stored"], Self.isGiven(stored) {
      (dateField, dateValue) = ("stored", stored)
    } else {
      return reject(
        line, "enrolled_on", .missingRequired, "the statement has neither timestamp nor stored")
    }

    if let problem = orgProblem(statement) {
      return reject(line, "org_number", problem.reason, problem.message)
    }

    if learner.count > Self.maxPseudonymLength {
      return reject(
        line, "learner_id", .outOfRange,
        "actor.account.name \(Self.quoted(learner)) is \(learner.count) characters long; "
          + "at most \(Self.maxPseudonymLength) are allowed")
    }

    let verb = XAPIVerb(iri: verbIRI)
    var course: Int32 = -1
    if verb != .voided {
      guard let index = context.catalogue.index(ofActivity: objectID) else {
        return reject(
          line, "course_id", .unknownCourse,
          "object.id \(Self.quoted(objectID)) is not the xapi_activity_id of any course "
            + "in the catalogue")
      }
      course = Int32(index)
    }

    guard let written = dateValue.stringValue else {
      return reject(
        line, "enrolled_on", .badDate,
        "\(dateField) is \(dateValue.kindDescription), not an ISO 8601 date-time")
    }
    let dateText = Self.trimmed(written)
    guard let date = XAPIDateTime.day(of: dateText) else {
      return reject(
        line, "enrolled_on", .badDate,
        "\(dateField) \(Self.quoted(dateText)) is not a valid ISO 8601 date-time")
    }
    guard date <= context.asOf else {
      return reject(
        line, "enrolled_on", .futureDate,
        "\(dateField) \(Self.quoted(dateText)) is after the as-of date \(context.asOf)")
    }

    let duration = statement["result"]?["duration"]?.stringValue.flatMap {
      XAPIDuration.milliseconds(of: Self.trimmed($0))
    }
    let registration = statement["context"]?["registration"]?.stringValue
      .map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 }
    return .accepted(
      XAPIEvent(
        id: id, learner: learner, course: course, verb: verb, date: date,
        durationMilliseconds: duration, registration: registration,
        voidedID: verb == .voided ? objectID : nil, line: line))
  }

  // MARK: - Org number

  /// The org-number defect of a statement, or nil when it names the folder's agency or none.
  private func orgProblem(_ statement: JSONValue) -> (reason: RejectReason, message: String)? {
    let path = "context.extensions[\"\(Self.orgNumberExtension)\"]"
    guard let value = statement["context"]?["extensions"]?[Self.orgNumberExtension],
      Self.isGiven(value)
    else { return nil }
    let written: String
    switch value {
    case .string(let text): written = Self.trimmed(text)
    case .number(let text, _): written = text
    default:
      return (.badOrgNumber, "\(path) is \(value.kindDescription), not an org number")
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

  /// The trimmed text of a required string value.
  private static func text(_ value: JSONValue?, _ path: String) -> Result<String, Problem> {
    switch value {
    case nil, .null?:
      return .failure(Problem(message: "\(path) is missing"))
    case .string(let text)?:
      let trimmed = trimmed(text)
      return trimmed.isEmpty ? .failure(Problem(message: "\(path) is empty")) : .success(trimmed)
    case let other?:
      return .failure(Problem(message: "\(path) is \(other.kindDescription), not a string"))
    }
  }

  /// Whether an optional value is given: not null and not a blank string.
  private static func isGiven(_ value: JSONValue) -> Bool {
    switch value {
    case .null: false
    case .string(let text): !trimmed(text).isEmpty
    default: true
    }
  }

  /// The text without leading and trailing white space.
  private static func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
      let last = scalars.lastIndex(where: { !isWhitespace($0) })
    else { return "" }
    if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) {
      return text
    }
    return String(scalars[first...last])
  }

  private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    // ASCII first: looking up Unicode properties costs more than the rest of validation.
    if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
    return scalar.properties.isWhitespace
  }

  /// A value in quotes for a message, shortened when long.
  private static func quoted(_ text: String) -> String {
    let limit = 80
    return text.count > limit ? "\"\(text.prefix(limit))…\"" : "\"\(text)\""
  }
}
