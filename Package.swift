// swift-tools-version: 6.1
import PackageDescription

// Data moves one way: deliveries → records → statistics → protected tables → snapshot.
// Each arrow is one module; a module depends only on the ones before it.

let package = Package(
  name: "Loft",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "loft", targets: ["loft"])
  ],
  // MARK: - Dependencies
  dependencies: [
    // The command line: subcommands, options and --help.
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // Pipeline definitions and models are YAML; Yams gives nodes with line numbers.
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // MARK: - System libraries
    .systemLibrary(
      name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CZstd", providers: [.apt(["libzstd-dev"])]),

    // MARK: - Our own C
    // SHA-256 with the CPU's SHA extensions: their intrinsics are reachable only from C.
    .target(name: "CSHA256"),
    // Ingest's hot loops: a prefetch hint and a SIMD byte search (builtins, x86 intrinsics).
    .target(name: "CIntrinsics"),

    // MARK: - The stages
    // The domain: org numbers, dates, periods, the model, register, catalogue, records. No I/O.
    .target(name: "LoftCore", dependencies: ["CSHA256"]),
    // zstd, wrapped once: streaming decompression with limits, and fixed-level compression.
    .target(name: "LoftCompression", dependencies: ["CZstd", "LoftCore"]),
    // Bytes → validated records and rejects: dialects, CSV, xAPI, column mapping, rules.
    .target(name: "LoftIngest", dependencies: ["LoftCore", "LoftCompression", "CIntrinsics"]),
    // Records → exact, mergeable states → statistic cells.
    .target(name: "LoftAggregate", dependencies: ["LoftCore"]),
    // Statistic cells → which ones are suppressed (primary and secondary).
    .target(name: "LoftDisclosure", dependencies: ["LoftCore", "LoftAggregate"]),
    // An independent check of disclosure control: does any published combination of cells
    // give away a protected one? Shares no code with LoftDisclosure.
    .target(name: "LoftAudit", dependencies: ["LoftCore", "LoftAggregate"]),
    // Protected tables → snapshot on disk; reading snapshots back (query, verify, diff).
    .target(
      name: "LoftPublish",
      dependencies: ["LoftCore", "LoftAggregate", "LoftDisclosure", "LoftCompression", "CSQLite"]),
    // Reads a pipeline definition and wires the stages together.
    .target(
      name: "LoftPipeline",
      dependencies: [
        "LoftCore", "LoftIngest", "LoftAggregate", "LoftDisclosure", "LoftAudit", "LoftPublish",
        .product(name: "Yams", package: "Yams"),
      ]),
    // The command line: parsing and printing only.
    .executableTarget(
      name: "loft",
      dependencies: [
        "LoftPipeline", "LoftPublish",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Tests
    .testTarget(name: "LoftCoreTests", dependencies: ["LoftCore"]),
    .testTarget(name: "LoftCompressionTests", dependencies: ["LoftCompression"]),
    .testTarget(name: "LoftIngestTests", dependencies: ["LoftIngest", "LoftCore"]),
    .testTarget(name: "LoftAggregateTests", dependencies: ["LoftAggregate", "LoftCore"]),
    .testTarget(
      name: "LoftDisclosureTests",
      dependencies: ["LoftDisclosure", "LoftAudit", "LoftAggregate", "LoftCore"]),
    .testTarget(
      name: "LoftPublishTests", dependencies: ["LoftPublish", "LoftAggregate", "LoftCore"]),
    .testTarget(
      name: "LoftPipelineTests",
      dependencies: [
        "LoftPipeline", "LoftPublish", "LoftIngest", "LoftAggregate", "LoftCompression", "LoftCore",
      ],
      resources: []),
  ],
  swiftLanguageModes: [.v6]
)

// MARK: - Fuzzing
// libFuzzer targets, only defined when LOFT_FUZZ=1, so the normal build and `swift test` never
// see them (as hummingbird does for its benchmarks). They live in this package, not a nested
// one, because they use `package` symbols. `Scripts/fuzz.sh` builds them with
// `-sanitize=fuzzer,address` and runs each on its seed corpus under `Fuzz/corpus/`.
if Context.environment["LOFT_FUZZ"] == "1" {
  package.targets += [
    // libFuzzer's driver, for targets that keep the `main` SwiftPM gives every executable.
    .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
    .target(
      name: "LoftFuzzSupport", dependencies: ["LoftCore", "LoftIngest", "LoftPipeline"],
      path: "Fuzz/Support"),
    .executableTarget(
      name: "fuzz-csv", dependencies: ["CLibFuzzer", "LoftFuzzSupport", "LoftCore", "LoftIngest"],
      path: "Fuzz/CSV"),
    .executableTarget(
      name: "fuzz-xapi", dependencies: ["CLibFuzzer", "LoftFuzzSupport", "LoftCore", "LoftIngest"],
      path: "Fuzz/XAPI"),
    .executableTarget(
      name: "fuzz-definition",
      dependencies: ["CLibFuzzer", "LoftFuzzSupport", "LoftCore", "LoftIngest", "LoftPipeline"],
      path: "Fuzz/Definition"),
  ]
}

// MARK: - Micro-benchmarks
// `loft-micro` times the hot paths one by one (Benchmarks/micro/loft-micro): only defined when
// LOFT_MICRO=1, which `Benchmarks/run.sh` sets, so the normal build never compiles it. In this
// package, like the fuzz targets, because it uses `package` symbols.
if Context.environment["LOFT_MICRO"] == "1" {
  package.targets += [
    .executableTarget(
      name: "loft-micro",
      dependencies: [
        "LoftCore", "LoftIngest", "LoftAggregate", "LoftDisclosure", "LoftPublish",
        "LoftCompression", "LoftPipeline",
      ],
      path: "Benchmarks/micro/loft-micro")
  ]
}
