import LoftCore
import LoftPublish
import Testing

@Suite struct SQLiteDatabaseTests {
  /// A small table built the same way every time.
  static func sampleDatabase() throws -> SQLiteDatabase {
    let database = try SQLiteDatabase.inMemory()
    try database.execute(
      """
      CREATE TABLE reach (county TEXT NOT NULL, year INTEGER NOT NULL, share REAL, note TEXT,
        PRIMARY KEY (county, year));
      CREATE INDEX reach_year ON reach (year);
      """)
    let insert = try database.prepare("INSERT INTO reach VALUES (?1, ?2, ?3, ?4)")
    try insert.insert([.text("Oslo"), .integer(2024), .real(0.625), .null])
    try insert.insert([.text("Troms"), .integer(2024), .null, .text("suppressed")])
    try insert.insert([.text("Ålesund"), .integer(2025), .real(-1.5e-3), .text("")])
    return database
  }

  static let sampleRows: [[Value]] = [
    [.text("Oslo"), .integer(2024), .real(0.625), .null],
    [.text("Troms"), .integer(2024), .null, .text("suppressed")],
    [.text("Ålesund"), .integer(2025), .real(-1.5e-3), .text("")],
  ]

  @Test("reports the library version")
  func version() {
    #expect(SQLiteDatabase.versionString.hasPrefix("3."))
  }

  @Test("reads back what was inserted, with every kind of value")
  func query() throws {
    let database = try Self.sampleDatabase()
    let result = try database.query("SELECT * FROM reach ORDER BY rowid")
    #expect(result.columns == ["county", "year", "share", "note"])
    #expect(result.rows == Self.sampleRows)
  }

  @Test("serializes the same statements to the same bytes")
  func deterministic() throws {
    let first = try Self.sampleDatabase().serialize()
    let second = try Self.sampleDatabase().serialize()
    #expect(first.count > 0)
    #expect(first == second)
    #expect(first.starts(with: Array("SQLite format 3\0".utf8)))
  }

  @Test("round-trips through serialize and deserialize", arguments: [false, true])
  func roundTrip(readOnly: Bool) throws {
    let bytes = try Self.sampleDatabase().serialize()
    let copy = try SQLiteDatabase(deserializing: bytes, readOnly: readOnly)
    #expect(try copy.query("SELECT * FROM reach ORDER BY rowid").rows == Self.sampleRows)
  }

  @Test("lets a writable copy change and grow")
  func writableCopy() throws {
    let bytes = try Self.sampleDatabase().serialize()
    let copy = try SQLiteDatabase(deserializing: bytes, readOnly: false)
    let insert = try copy.prepare("INSERT INTO reach VALUES (?, ?, ?, ?)")
    let note = Value.text(String(repeating: "x", count: 100))
    for year in 2000..<3000 {
      try insert.insert([.text("Bergen"), .int(year), .real(0.5), note])
    }
    #expect(try copy.query("SELECT count(*) FROM reach").rows == [[.integer(1003)]])
  }

  @Test("refuses writes to a read-only copy with sqlite's message")
  func readOnlyRefusesWrites() throws {
    let bytes = try Self.sampleDatabase().serialize()
    let copy = try SQLiteDatabase(deserializing: bytes, readOnly: true)
    let writes = [
      "INSERT INTO reach VALUES ('Agder', 2024, 1.0, NULL)",
      "DELETE FROM reach",
      "CREATE TABLE other (x)",
    ]
    for sql in writes {
      #expect {
        try copy.execute(sql)
      } throws: { error in
        guard let error = error as? SQLiteError else { return false }
        return error.message.contains("attempt to write a readonly database")
      }
    }
    let insert = try copy.prepare("INSERT INTO reach VALUES (?, ?, ?, ?)")
    #expect(throws: SQLiteError.self) {
      try insert.insert([.text("Agder"), .integer(2024), .null, .null])
    }
    #expect(try copy.query("SELECT count(*) FROM reach").rows == [[.integer(3)]])
  }

  @Test("refuses bytes that are not a database")
  func notADatabase() {
    #expect {
      _ = try SQLiteDatabase(deserializing: Array(repeating: 0x41, count: 4096), readOnly: true)
    } throws: { error in
      (error as? SQLiteError)?.message.contains("file is not a database") == true
    }
  }

  @Test("reports bad SQL with sqlite's message")
  func badSQL() throws {
    let database = try SQLiteDatabase.inMemory()
    #expect {
      try database.execute("CREATE TABLEX t (x)")
    } throws: { error in
      guard let error = error as? SQLiteError else { return false }
      return error.code == 1 && error.message.contains("syntax error")
        && error.description.contains("syntax error")
    }
    #expect {
      _ = try database.query("SELECT missing FROM nowhere")
    } throws: { error in
      (error as? SQLiteError)?.message.contains("no such table: nowhere") == true
    }
  }

  @Test("refuses the wrong number of values to bind")
  func bindCount() throws {
    let database = try Self.sampleDatabase()
    let insert = try database.prepare("INSERT INTO reach VALUES (?, ?, ?, ?)")
    #expect(throws: SQLiteError.self) {
      try insert.insert([.text("Oslo")])
    }
  }

  @Test("reports a constraint violation and stays usable")
  func constraint() throws {
    let database = try Self.sampleDatabase()
    let insert = try database.prepare("INSERT INTO reach VALUES (?, ?, ?, ?)")
    #expect {
      try insert.insert([.text("Oslo"), .integer(2024), .null, .null])
    } throws: { error in
      (error as? SQLiteError)?.message.contains("UNIQUE constraint failed") == true
    }
    try insert.insert([.text("Oslo"), .integer(2026), .null, .null])
    #expect(try database.query("SELECT count(*) FROM reach").rows == [[.integer(4)]])
  }

  @Test("serializes an empty database")
  func empty() throws {
    let bytes = try SQLiteDatabase.inMemory().serialize()
    let copy = try SQLiteDatabase(deserializing: bytes, readOnly: true)
    #expect(try copy.query("SELECT count(*) FROM sqlite_schema").rows == [[.integer(0)]])
  }
}
