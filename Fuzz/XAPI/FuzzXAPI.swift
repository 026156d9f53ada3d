import LoftCore
import LoftFuzzSupport
import LoftIngest

/// libFuzzer target: arbitrary bytes as an xAPI delivery — the streaming JSON parser, the three
/// forms (JSON Lines, statements document, array), the statement checks, and the agency fold
/// (voiding, enrolments).
///
/// Besides crashes it checks three laws: the outcome is the same whether the bytes arrive whole or
/// in small chunks; reading the fields validation reads straight from the parser's events (as
/// `loft` does) finds what reading them from each statement's whole value finds; and the file's
/// row keeps
/// `rows_read = accepted + rejected + duplicate`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXAPI(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
  let input = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
  let whole = XAPITrace(input, chunkSizes: input.isEmpty ? [] : [input.count])
  let chunked = XAPITrace(input, chunkSizes: FuzzWorld.chunkSizes(for: input))
  if whole != chunked {
    fatalError("chunking changed the outcome\nwhole:   \(whole.events)\nchunked: \(chunked.events)")
  }
  let trees = XAPITrace(
    input, chunkSizes: input.isEmpty ? [] : [input.count], throughTrees: true)
  if whole != trees {
    fatalError("reading from events changed the outcome\nevents: \(whole.events)\ntrees:  \(trees.events)")
  }
  return 0
}

/// What reading, checking and folding one xAPI delivery produced, in order.
struct XAPITrace: Equatable {
  enum Event: Equatable {
    case item(XAPIItem, XAPIOutcome)
    case form(XAPIForm?)
    case error(XAPIError)
    case row(InputFile.Status, read: Int, accepted: Int, rejected: Int, duplicate: Int)
    case enrolments(Int)
  }

  private(set) var events: [Event] = []

  init(_ input: [UInt8], chunkSizes: [Int], throughTrees: Bool = false) {
    let agency = FuzzWorld.folderAgency(for: input)
    let validator = XAPIStatementValidator(
      context: XAPIContext(
        file: "fuzz.json", folderAgency: agency, register: FuzzWorld.register,
        catalogue: FuzzWorld.catalogue, asOf: FuzzWorld.asOf))
    var reader = XAPIReader(
      limits: XAPILimits(maxDepth: 16, maxStringBytes: 512), throughTrees: throughTrees)
    var outcome = FileOutcome(
      input: InputFile(path: "fuzz.json", bytes: input.count, status: .read))
    var events: [Event] = []
    func onItem(_ item: XAPIItem) {
      outcome.input.rowsRead += 1
      let checked = validator.validate(item)
      events.append(.item(item, checked))
      switch checked {
      case .accepted(let event): outcome.statements.append(event)
      case .rejected(let reject): outcome.rejects.append(reject)
      }
    }
    do throws(XAPIError) {
      try input.withUnsafeBufferPointer { (bytes) throws(XAPIError) in
        var offset = 0
        for size in chunkSizes {
          try reader.feed(UnsafeBufferPointer(rebasing: bytes[offset..<(offset + size)]), onItem)
          offset += size
        }
      }
      try reader.finish(onItem)
      events.append(.form(reader.form))
    } catch {
      events.append(.error(error))
      self.events = events
      return
    }
    var fold = AgencyFold(agency: agency, granularity: .year, maxRejectRate: 0.2)
    let row = fold.add(outcome)
    var learners = ByteInterner()
    let records = fold.finish(learners: &learners)
    guard row.rowsRead == row.rowsAccepted + row.rowsRejected + row.rowsDuplicate else {
      fatalError("rows_read \(row.rowsRead) ≠ accepted + rejected + duplicate in \(row)")
    }
    events.append(
      .row(
        row.status, read: row.rowsRead, accepted: row.rowsAccepted, rejected: row.rowsRejected,
        duplicate: row.rowsDuplicate))
    events.append(.enrolments(records.enrolments.count))
    self.events = events
  }
}
