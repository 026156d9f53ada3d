import Foundation
import LoftCore
import LoftIngest
import LoftPipeline

/// What the fuzz targets read against: the demo pipeline's model, register and catalogue, so
/// that seeds taken from `Fixtures/demo` reach the row and statement checks.
package enum FuzzWorld {
  /// The repository's root, found from this file's path (`Fuzz/Support/FuzzWorld.swift`).
  package static let repository: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The demo definition, loaded once.
  package static let definition: PipelineDefinition = {
    do {
      return try PipelineDefinition.load(path: repository + "/Pipelines/demo.yaml")
    } catch {
      fatalError("cannot load Pipelines/demo.yaml: \(error)")
    }
  }()

  package static var model: Model { definition.model }

  package static let register: Register = {
    do {
      return try ReferenceLoader.register(
        bytes: bytes(definition.register), file: definition.register)
    } catch {
      fatalError("cannot load the demo register: \(error)")
    }
  }()

  package static let catalogue: Catalogue = {
    do {
      return try ReferenceLoader.catalogue(
        bytes: bytes(definition.catalogue), file: definition.catalogue, model: model)
    } catch {
      fatalError("cannot load the demo catalogue: \(error)")
    }
  }()

  /// The built-in column vocabularies of both kinds (building one per input would dominate).
  package static let vocabularies: [(kind: SourceKind, vocabulary: ColumnVocabulary)] =
    SourceKind.allCases.map { ($0, ColumnVocabulary(kind: $0, model: model)) }

  /// The as-of date of the demo's expectations.
  package static let asOf = Day(year: 2026, month: 11, day: 30)!

  /// The agency whose folder a fuzz input is read as coming from: the registered agency whose org
  /// number is the first run of nine digits in the input (so that seeds keep passing the org
  /// checks), else the first agency.
  package static func folderAgency(for input: [UInt8]) -> Int32 {
    var digits = 0
    for (index, byte) in input.enumerated() {
      guard byte >= 0x30 && byte <= 0x39 else {
        if digits == 9, let agency = agencyByDigits[Array(input[(index - 9)..<index])] {
          return agency
        }
        digits = 0
        continue
      }
      digits += 1
    }
    if digits == 9, let agency = agencyByDigits[Array(input.suffix(9))] { return agency }
    return 0
  }

  private static let agencyByDigits: [[UInt8]: Int32] = Dictionary(
    uniqueKeysWithValues: register.agencies.enumerated().map {
      (Array($0.element.orgNumber.description.utf8), Int32($0.offset))
    })

  /// Chunk sizes that cover `count` bytes: varied and small, decided by the bytes themselves,
  /// so that every token boundary gets split somewhere.
  package static func chunkSizes(for input: [UInt8]) -> [Int] {
    var sizes: [Int] = []
    var state = UInt64(truncatingIfNeeded: input.count) &* 0x9E37_79B9_7F4A_7C15
    for byte in input.prefix(16) { state = (state ^ UInt64(byte)) &* 0x1000_0000_01B3 }
    var covered = 0
    while covered < input.count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let size = min(Int((state >> 33) % 9) + 1, input.count - covered)
      sizes.append(size)
      covered += size
    }
    return sizes
  }

  /// Calls `body` with `input` cut into chunks of the given sizes.
  package static func forEachChunk(
    _ input: [UInt8], sizes: [Int], _ body: (UnsafeRawBufferPointer) throws -> Void
  ) rethrows {
    try input.withUnsafeBytes { raw in
      var offset = 0
      for size in sizes {
        try body(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + size)]))
        offset += size
      }
    }
  }

  private static func bytes(_ path: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      fatalError("cannot read \(path)")
    }
    return [UInt8](data)
  }
}
