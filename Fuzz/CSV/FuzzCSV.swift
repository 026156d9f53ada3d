import LoftCore
import LoftFuzzSupport
import LoftIngest

/// libFuzzer target: arbitrary bytes as a CSV delivery — encoding and line endings
/// (`TextSniffer`), dialect and header (`CSVReader`), header mapping, the row checks of whichever
/// kind the header fits, and the agency fold.
///
/// Besides crashes it checks two laws: the outcome is the same whether the bytes arrive whole or
/// cut into small chunks (chunks may split anything), and the file's row keeps SPEC §3's
/// identity `rows_read = accepted + rejected + duplicate`. Small limits make the limit paths
/// reachable with short inputs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
  let input = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
  let whole = CSVTrace(input, chunkSizes: input.isEmpty ? [] : [input.count])
  let chunked = CSVTrace(input, chunkSizes: FuzzWorld.chunkSizes(for: input))
  if whole != chunked {
    fatalError("chunking changed the outcome\nwhole:   \(whole.events)\nchunked: \(chunked.events)")
  }
  return 0
}

/// Everything a CSV reading produced, in order.
struct CSVTrace: Equatable {
  enum Event: Equatable {
    case profile(TextProfile?)
    case header(line: Int, [String])
    case mapped(SourceKind?)
    case record(line: Int, CSVDefect?, [String])
    case assessment(AssessmentRecord)
    case completion(CompletionRecord)
    case rejected(Reject)
    case end(dialect: String, sawHeader: Bool)
    case error(String)
    case row(InputFile.Status, read: Int, accepted: Int, rejected: Int, duplicate: Int)
  }

  private(set) var events: [Event] = []

  static let limits = CSVLimits(maxFieldBytes: 512, maxColumns: 40)

  init(_ input: [UInt8], chunkSizes: [Int]) {
    var sniffer = TextSniffer()
    FuzzWorld.forEachChunk(input, sizes: chunkSizes) { sniffer.feed($0) }
    let profile = sniffer.finish()
    events.append(.profile(profile))
    guard let profile else { return }
    let agency = FuzzWorld.folderAgency(for: input)
    let context = RowContext(
      file: "fuzz.csv", folderAgency: agency, register: FuzzWorld.register,
      model: FuzzWorld.model, asOf: FuzzWorld.asOf)
    var assessments: AssessmentRowValidator?
    var completions: CompletionRowValidator?
    var trace: [Event] = []
    var outcome = FileOutcome(input: InputFile(path: "fuzz.csv", bytes: input.count, status: .read))
    var pseudonyms = Pseudonyms()

    func onHeader(_ header: [String], _ line: Int) {
      trace.append(.header(line: line, header))
      for (kind, vocabulary) in FuzzWorld.vocabularies {
        guard
          let mapping = try? HeaderMapping(
            header: header, vocabulary: vocabulary, model: FuzzWorld.model)
        else { continue }
        switch kind {
        case .assessment: assessments = AssessmentRowValidator(mapping: mapping, context: context)
        case .completion:
          completions = CompletionRowValidator(
            mapping: mapping, context: context, catalogue: FuzzWorld.catalogue)
        }
        trace.append(.mapped(kind))
        return
      }
      trace.append(.mapped(nil))
    }

    func onRecord(_ record: CSVRecord) {
      let fields = (0..<record.count).map(record.trimmedString)
      trace.append(.record(line: record.line, record.defect, fields))
      guard assessments != nil || completions != nil else { return }
      outcome.input.rowsRead += 1
      if let defect = record.defect {
        outcome.rejects.append(context.reject(record.line, nil, .malformedRow, "\(defect)"))
      } else if let assessments {
        switch assessments.validate(record, pseudonyms: &pseudonyms.respondents) {
        case .success(let value):
          outcome.assessments.append(Line(record.line, value))
          trace.append(.assessment(value))
        case .failure(let reject):
          outcome.rejects.append(reject)
          trace.append(.rejected(reject))
        }
      } else if let completions {
        switch completions.validate(record, pseudonyms: &pseudonyms.learners) {
        case .success(let value):
          outcome.completions.append(Line(record.line, value))
          trace.append(.completion(value))
        case .failure(let reject):
          outcome.rejects.append(reject)
          trace.append(.rejected(reject))
        }
      }
    }

    var reader = CSVReader(profile: profile, limits: Self.limits)
    do {
      try FuzzWorld.forEachChunk(input, sizes: chunkSizes) { chunk in
        try reader.feed(rawChunk: chunk, onHeader: onHeader, onRecord: onRecord)
      }
      try reader.finish(onHeader: onHeader, onRecord: onRecord)
      trace.append(.end(dialect: reader.dialectLabel, sawHeader: reader.sawHeader))
    } catch {
      trace.append(.error("\(error)"))
      events += trace
      return
    }
    var fold = AgencyFold(agency: agency, granularity: .year, maxRejectRate: 0.2)
    let row = fold.add(outcome)
    _ = fold.finish(learners: &pseudonyms.learners)
    guard row.rowsRead == row.rowsAccepted + row.rowsRejected + row.rowsDuplicate else {
      fatalError("rows_read \(row.rowsRead) ≠ accepted + rejected + duplicate in \(row)")
    }
    trace.append(
      .row(
        row.status, read: row.rowsRead, accepted: row.rowsAccepted, rejected: row.rowsRejected,
        duplicate: row.rowsDuplicate))
    events += trace
  }
}
