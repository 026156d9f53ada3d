import LoftCore
import LoftPublish
import Testing

@Suite struct SnapshotDatabaseTests {
  /// Tables of different sizes and shapes: keys of several columns, NULLs, an empty table, and
  /// a name SQL must quote.
  static let tables: [Table] = [
    Table(
      name: "maturity", nb: "m", en: "m",
      columns: [
        Column("period", .text, key: true, nb: "p", en: "p"),
        Column("dimension", .text, key: true, nb: "d", en: "d"),
        Column("n", .integer, nb: "n", en: "n"),
        Column("mean", .real, nullable: true, nb: "m", en: "m"),
      ], rowCount: 2_000,
      row: { index in
        [
          .text(String(2020 + index / 500)), .text("item \(index % 500)"), .int(index),
          index % 7 == 0 ? .null : .real(Double(index) / 3),
        ]
      }),
    Table(
      name: "_empty", nb: "e", en: "e", columns: [Column("key", .text, key: true, nb: "k", en: "k")]
    ),
    Table(
      name: "table", nb: "t", en: "t",
      columns: [Column("æøå", .text, nb: "t", en: "t"), Column("n", .integer, nb: "n", en: "n")],
      rows: [[.text("Tromsø"), .int(1)], [.text(""), .int(-2)]]),
  ]

  @Test("gives the same bytes whatever the number of threads", arguments: [2, 3, 8])
  func threads(_ threads: Int) throws {
    let one = try SnapshotDatabase.build(Self.tables, threads: 1)
    #expect(try SnapshotDatabase.build(Self.tables, threads: threads) == one)
  }

  @Test("holds every table, keyed and typed, stored in key order")
  func contents() throws {
    let database = try SQLiteDatabase(
      deserializing: SnapshotDatabase.build(Self.tables, threads: 2), readOnly: true)
    // Given as "item 0", "item 1", …, "item 10": stored with "item 10" before "item 2".
    let maturity = Self.tables[0].rows.sorted { a, b in
      guard case .text(let periodA) = a[0], case .text(let periodB) = b[0],
        case .text(let itemA) = a[1], case .text(let itemB) = b[1]
      else { return false }
      return periodA != periodB
        ? periodA.utf8.lexicographicallyPrecedes(periodB.utf8)
        : itemA.utf8.lexicographicallyPrecedes(itemB.utf8)
    }
    #expect(maturity != Self.tables[0].rows)
    #expect(try database.query("SELECT * FROM maturity").rows == maturity)
    #expect(
      try database.query("SELECT * FROM maturity ORDER BY period, dimension").rows == maturity)
    #expect(try database.query("SELECT * FROM _empty").rows.isEmpty)
    // Without a key, a table keeps the order its rows were given in.
    #expect(try database.query("SELECT * FROM \"table\"").rows == Self.tables[2].rows)
    let schema = try database.query(
      "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY rowid"
    ).rows
    #expect(schema == Self.tables.map { [.text($0.name)] })
    let schemaText = try database.query(
      "SELECT sql FROM sqlite_schema WHERE name = 'maturity'"
    ).rows
    #expect(
      schemaText == [
        [
          .text(
            "CREATE TABLE \"maturity\" (\"period\" TEXT NOT NULL, \"dimension\" TEXT NOT NULL, \"n\" INTEGER NOT NULL, \"mean\" REAL, PRIMARY KEY (\"period\", \"dimension\")) STRICT, WITHOUT ROWID"
          )
        ]
      ])
  }

  @Test("leaves no part attached to the database it returns")
  func detached() throws {
    let database = try SnapshotDatabase.write(Self.tables, threads: 2)
    #expect(try database.query("PRAGMA database_list").rows.map { $0[1] } == [.text("main")])
  }

  @Test(
    "a table that cannot be written fails the build, whichever thread wrote it",
    arguments: [1, 2])
  func failingPart(_ threads: Int) {
    // Two rows with the same key break the primary key.
    let broken = Table(
      name: "broken", nb: "b", en: "b",
      columns: [Column("key", .text, key: true, nb: "k", en: "k")],
      rows: [[.text("same")], [.text("same")]])
    #expect(throws: SQLiteError.self) {
      try SnapshotDatabase.build(Self.tables + [broken], threads: threads)
    }
  }

  @Test(
    "writes every row in order, in full and partial batches of inserts",
    arguments: [1, 63, 64, 65, 128, 130])
  func batches(_ count: Int) throws {
    let table = Table(
      name: "rows", nb: "r", en: "r",
      columns: [
        Column("key", .integer, key: true, nb: "k", en: "k"),
        Column("label", .text, nb: "l", en: "l"),
        Column("share", .real, nullable: true, nb: "s", en: "s"),
      ], rowCount: count,
      row: { index in [.int(index * 3), .text("row \(index)"), index % 2 == 0 ? .null : .real(0.5)]
      }
    )
    let database = try SQLiteDatabase(
      deserializing: SnapshotDatabase.build([table]), readOnly: true)
    let read = try database.query("SELECT * FROM rows").rows
    #expect(read == table.rows)
    #expect(read.last?[0] == .int((count - 1) * 3))
  }

  @Test("a row with the wrong number of values fails the build")
  func wrongRowLength() {
    let table = Table(
      name: "short", nb: "s", en: "s",
      columns: [
        Column("key", .integer, key: true, nb: "k", en: "k"),
        Column("n", .integer, nb: "n", en: "n"),
      ],
      rows: [[.int(1), .int(2)], [.int(3)]])
    #expect(throws: SQLiteError(code: 25, message: "a row of short has 1 values, not 2")) {
      try SnapshotDatabase.build([table])
    }
  }

  @Test("a row too short to hold its key fails the build before the rows are sorted")
  func rowWithoutItsKey() {
    let table = Table(
      name: "keyed", nb: "k", en: "k",
      columns: [
        Column("n", .integer, nb: "n", en: "n"),
        Column("key", .text, key: true, nb: "k", en: "k"),
      ],
      rows: [[.int(1), .text("b")], [.int(2)], [.int(3), .text("a")]])
    #expect(throws: SQLiteError(code: 25, message: "a row of keyed has 1 values, not 2")) {
      try SnapshotDatabase.build([table])
    }
  }
}
