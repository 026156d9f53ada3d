import Dispatch
import LoftCore

extension DeliveryReader {
  /// How a reading may check one large file in chunks.
  struct Chunking {
    /// Threads for the chunks (more than 1, or nothing is chunked).
    var threads: Int
    /// Files smaller than this are read as one.
    var minimumBytes = 32 << 20
  }

  /// Checks the records of a large plain CSV file in chunks read and parsed in parallel; the
  /// valid records are counted, not kept (the first reading of a large agency). Returns false,
  /// having changed nothing, when the file is not fit for it: compressed, UTF-16, CR line
  /// endings, no header, or a cut that turned out not to fall between records (broken
  /// quoting); then the file is read as one.
  ///
  /// Cuts are placed just after an LF with an even number of quotes before it: with RFC 4180
  /// quoting that LF ends a record. Each chunk's tokenizer is started at its cut with the
  /// line number the LFs before it give. Broken quoting can make the quote count lie, so a
  /// chunk must end exactly after a record, or the whole file is read again as one: from a
  /// true record start, a tokenizer reads what one tokenizer over the whole file would.
  func checkInChunks(
    _ content: DeliveryContent, profile: TextProfile, kind: SourceKind,
    into outcome: inout FileOutcome, chunking: Chunking
  ) -> Bool {
    let file = content.file
    let threads = chunking.threads
    guard threads > 1, !content.compressed, file.size >= chunking.minimumBytes,
      profile.encoding != .utf16LE, profile.lineEnding == .lf || profile.lineEnding == .crlf,
      let cuts = try? CSVCuts(file, chunks: threads * 2)
    else { return false }
    let limits = CSVLimits(
      maxFieldBytes: settings.limits.maxFieldBytes, maxColumns: settings.limits.maxColumns)

    // The header, from the start of the first chunk.
    var probe = CSVReader(profile: profile, limits: limits)
    var header: [String]?
    do {
      // A header line is at most `maxFieldBytes` long (else the file is refused whole).
      try file.forEachChunk(in: 0..<min(cuts.ends[0], 4 << 20)) { chunk in
        guard header == nil else { return }
        try probe.feed(
          rawChunk: chunk, onHeader: { fields, _ in header = fields }, onRecord: { _ in })
      }
    } catch {
      return false
    }
    let path = outcome.input.path
    guard let header, let delimiter = probe.delimiter,
      let checker = try? checker(header: header, kind: kind, path: path, rereading: nil)
    else { return false }

    let results = WorkerSlots<FileOutcome>(count: cuts.ends.count)
    let next = WorkCounter()
    let input = outcome.input
    let linesSkipped = probe.linesSkipped
    DispatchQueue.concurrentPerform(iterations: min(threads, cuts.ends.count)) { _ in
      // A checker of its own: threads sharing one object would contend for its reference count.
      // (The header made one above, so it cannot fail here.)
      let checker = try! self.checker(header: header, kind: kind, path: path, rereading: nil)
      while let chunk = next.take(below: cuts.ends.count) {
        var part = FileOutcome(input: input)
        part.input.rowsRead = 0
        let clean = checkChunk(
          chunk, of: cuts, file: file, profile: profile, limits: limits, delimiter: delimiter,
          linesSkipped: linesSkipped, checker: checker, into: &part)
        results[chunk] = clean ? part : nil
      }
    }
    var parts: [FileOutcome] = []
    for chunk in cuts.ends.indices {
      guard let part = results[chunk] else { return false }
      parts.append(part)
    }
    outcome.input.unknownColumns = checker.unknownColumns
    outcome.input.dialect = probe.dialectLabel
    outcome.input.rowsRead = parts.reduce(0) { $0 + $1.input.rowsRead }
    outcome.rejects = parts.flatMap(\.rejects)
    return true
  }

  /// Checks one chunk; false when it does not end exactly after a record, or cannot be read.
  private func checkChunk(
    _ chunk: Int, of cuts: CSVCuts, file: DeliveryFile, profile: TextProfile, limits: CSVLimits,
    delimiter: UInt8, linesSkipped: Int, checker: CSVRowChecker, into outcome: inout FileOutcome
  ) -> Bool {
    var pseudonyms = Pseudonyms(numbering: false)
    let isLast = chunk == cuts.ends.count - 1
    // The first chunk holds the header (and BOM, `sep=` line): a reader of the file skips them.
    // The others start at a record, numbered from the line feeds before them.
    var reader =
      chunk == 0
      ? CSVReader(profile: profile, limits: limits)
      : CSVReader(
        continuing: profile, limits: limits, delimiter: delimiter,
        firstLine: cuts.lineFeedsBefore[chunk] + 1 - linesSkipped)
    func onRecord(_ record: CSVRecord) {
      checker.take(record, into: &outcome, pseudonyms: &pseudonyms)
      outcome.dropValidRecords()
    }
    do {
      try file.forEachChunk(in: (chunk == 0 ? 0 : cuts.ends[chunk - 1])..<cuts.ends[chunk]) {
        try reader.feed(rawChunk: $0, onHeader: { _, _ in }, onRecord: onRecord)
      }
      if isLast { try reader.finish(onHeader: { _, _ in }, onRecord: onRecord) }
      return isLast || reader.isAtRecordStart
    } catch {
      return false
    }
  }
}

/// Where a plain CSV file can be cut into chunks: just after an LF with an even number of
/// quotes before it, near equal shares of the file, found in one sequential pass.
struct CSVCuts {
  /// Where each chunk ends; the last is the file's size. Chunk `i` starts where `i - 1` ends.
  var ends: [Int] = []
  /// How many LFs come before each chunk's first byte.
  var lineFeedsBefore: [Int] = [0]

  init(_ file: DeliveryFile, chunks: Int) throws {
    let share = max(1, file.size / chunks)
    var target = share
    var offset = 0
    var quotes = 0
    var lineFeeds = 0
    try file.forEachChunk { raw in
      let bytes = raw.assumingMemoryBound(to: UInt8.self)
      for index in bytes.indices {
        let byte = bytes[index]
        if byte == 0x22 {
          quotes &+= 1
        } else if byte == 0x0A {
          lineFeeds += 1
          if offset + index + 1 >= target && quotes & 1 == 0 && ends.count < chunks - 1 {
            ends.append(offset + index + 1)
            lineFeedsBefore.append(lineFeeds)
            target = offset + index + 1 + share
          }
        }
      }
      offset += bytes.count
    }
    ends.append(file.size)
  }
}
