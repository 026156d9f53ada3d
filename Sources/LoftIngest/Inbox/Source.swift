/// What a delivery holds.
package enum SourceKind: String, Sendable, CaseIterable {
  case assessment, completion
}

/// How a delivery is written.
package enum SourceFormat: String, Sendable, CaseIterable {
  case csv, xapi
}

/// One entry of a pipeline definition's `sources`: files matching `glob` are of this kind.
package struct Source: Sendable, Equatable {
  package var kind: SourceKind
  package var format: SourceFormat
  package var glob: Glob

  package init(kind: SourceKind, format: SourceFormat, glob: Glob) {
    self.kind = kind
    self.format = format
    self.glob = glob
  }
}

/// The bounds on one delivery that keep a hostile or broken file from exhausting the machine.
package struct Limits: Sendable, Equatable {
  package var maxDecompressedBytes: Int = 4 << 30
  package var maxRatio: Double = 200
  package var maxFieldBytes: Int = 1 << 20
  package var maxColumns: Int = 1000
  package var maxJSONDepth: Int = 64

  package init() {}
}
