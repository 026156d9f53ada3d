import LoftCore

/// What every row check needs to know about the file it is in.
package struct RowContext: Sendable {
  /// The file, relative to the inbox.
  package var file: String
  /// The agency whose folder holds the file (its register index).
  package var folderAgency: Int32
  package var register: Register
  package var model: Model
  /// Dates after this are `future_date`.
  package var asOf: Day
  /// The folder agency's org number as registered: nine digits.
  private let folderOrgDigits: [UInt8]

  package init(file: String, folderAgency: Int32, register: Register, model: Model, asOf: Day) {
    self.file = file
    self.folderAgency = folderAgency
    self.register = register
    self.model = model
    self.asOf = asOf
    folderOrgDigits = Array(register.agencies[Int(folderAgency)].orgNumber.description.utf8)
  }

  /// A reject of the record starting at `line`.
  package func reject(
    _ line: Int, _ column: CanonicalColumn?, _ reason: RejectReason, _ message: String
  ) -> Reject {
    Reject(
      file: file, line: line, column: column.map { $0.name(in: model) } ?? "", reason: reason,
      message: message)
  }

  /// Whether a written org number is empty (the folder's) or the folder's as registered: what
  /// nearly every row writes, and always passes `checkOrg`.
  @inline(__always)
  package func isFolderOrg(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.isEmpty || bytes.equals(folderOrgDigits)
  }

  /// Checks a written org number against the register and the folder; empty means the folder's.
  package func checkOrg(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> Reject? {
    if isFolderOrg(bytes) { return nil }
    let text = String(decoding: bytes, as: UTF8.self)
    guard let org = OrgNumber(text) else {
      return reject(line, .orgNumber, .badOrgNumber, "`\(text)` is not a valid org number")
    }
    guard let index = register.index(of: org) else {
      return reject(line, .orgNumber, .unknownOrg, "\(org) is not in the register")
    }
    guard Int32(index) == folderAgency else {
      let folder = register.agencies[Int(folderAgency)].orgNumber
      return reject(line, .orgNumber, .orgMismatch, "\(org) differs from the folder's \(folder)")
    }
    return nil
  }

  /// Checks a pseudonym's length: more than 128 characters is `out_of_range`. The message
  /// gives the length, never the pseudonym.
  package func checkPseudonym(
    _ bytes: UnsafeBufferPointer<UInt8>, column: CanonicalColumn, line: Int
  ) -> Reject? {
    // At most 128 bytes is at most 128 characters: count characters only for long ones.
    guard bytes.count > 128 else { return nil }
    let characters = String(decoding: bytes, as: UTF8.self).count
    guard characters > 128 else { return nil }
    return reject(
      line, column, .outOfRange, "the pseudonym is \(characters) characters (at most 128)")
  }

  /// Checks a date: `bad_date` when it cannot be read, `future_date` after the as-of date.
  package func checkDate(
    _ bytes: UnsafeBufferPointer<UInt8>, column: CanonicalColumn, line: Int
  ) -> Result<Day, Reject> {
    guard let day = FieldParsing.date(bytes: bytes) else {
      return .failure(
        reject(line, column, .badDate, "`\(String(decoding: bytes, as: UTF8.self))` is not a date"))
    }
    guard day <= asOf else {
      return .failure(reject(line, column, .futureDate, "\(day) is after the as-of date \(asOf)"))
    }
    return .success(day)
  }
}
