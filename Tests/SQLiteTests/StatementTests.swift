import SQLite
import Testing

@Suite struct StatementTests {
    private func makeDatabase() throws -> Database {
        let database = try Database(location: .inMemory)
        try database.execute(
            """
            CREATE TABLE item (id INTEGER PRIMARY KEY, value);
            CREATE TABLE lead (id INTEGER PRIMARY KEY, title TEXT, amount REAL, assigned_by INTEGER);
            """
        )
        return database
    }

    static let storedValues: [SQLiteValue] = [
        .null,
        .integer(0),
        .integer(.max),
        .integer(.min),
        .real(3.25),
        .real(-1e300),
        .real(.leastNonzeroMagnitude),
        .text(""),
        .text("plain"),
        .text("Заявка №1 — 😀 プ"),
        .text("with\u{0}embedded\u{0}NULs"),
        .blob([]),
        .blob([0, 1, 2, 255, 0]),
        .blob((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }),
    ]

    @Test func roundTripsEveryValueKind() throws {
        let database = try makeDatabase()
        let insert = try database.cachedStatement("INSERT INTO item (value) VALUES (?)")
        for value in Self.storedValues {
            try insert.run(value)
        }
        let rows = try database.prepare("SELECT value, typeof(value) AS type FROM item ORDER BY id").rows()
        #expect(rows.map { $0["value"] } == Self.storedValues)
        #expect(rows.map { $0.string("type") } == Self.storedValues.map { Self.typeName(of: $0) })
    }

    private static func typeName(of value: SQLiteValue) -> String {
        switch value {
        case .null: return "null"
        case .integer: return "integer"
        case .real: return "real"
        case .text: return "text"
        case .blob: return "blob"
        }
    }

    @Test func textWithEmbeddedNULKeepsItsFullLength() throws {
        let database = try makeDatabase()
        try database.execute("INSERT INTO item (value) VALUES (?)", "a\u{0}b")
        let statement = try database.prepare("SELECT value, length(CAST(value AS BLOB)) FROM item")
        #expect(try statement.step())
        #expect(statement.string(at: 0) == "a\u{0}b")
        #expect(statement.int64(at: 1) == 3)
    }

    @Test func nullReadsAsNilAndZero() throws {
        let database = try makeDatabase()
        try database.execute("INSERT INTO lead (title, amount, assigned_by) VALUES (?, ?, ?)", nil, nil, nil)
        let statement = try database.prepare("SELECT title, amount, assigned_by FROM lead")
        #expect(try statement.step())
        #expect(statement.isNull(at: 0))
        #expect(statement.string(at: 0) == nil)
        #expect(statement.int64(at: 2) == 0)
        #expect(statement.double(at: 1) == 0)
        #expect(statement.value(at: 1) == .null)
        #expect(try !statement.step())
        let row = try #require(try database.prepare("SELECT title, amount FROM lead").firstRow())
        #expect(row["title"] == .null)
        #expect(row.string("title") == nil)
        #expect(row.int("amount") == nil)
        #expect(row.double("amount") == nil)
    }

    @Test func integersReadsTheFirstColumnAndSkipsNulls() throws {
        let database = try makeDatabase()
        try database.execute("INSERT INTO lead (id, assigned_by) VALUES (1, 7), (2, NULL), (3, -4)")
        let statement = try database.prepare("SELECT assigned_by, id FROM lead WHERE id >= ? ORDER BY id")
        #expect(try statement.integers(.integer(1)) == [7, -4])
        #expect(try statement.integers(bindings: [.integer(3)]) == [-4])
        let returned = try database.prepare("DELETE FROM lead WHERE id < 3 RETURNING id").integers()
        #expect(returned.sorted() == [1, 2])
    }

    @Test func cachedStatementIsPreparedOnceAndReusedWithDifferentBindings() throws {
        let database = try makeDatabase()
        let sql = "INSERT INTO lead (title, amount) VALUES (?, ?)"
        let first = try database.cachedStatement(sql)
        try first.run("First", 10.5)
        let second = try database.cachedStatement(sql)
        #expect(first === second)
        try second.run("Second", 20)
        try database.execute(sql, "Third", nil)
        #expect(try database.cachedStatement(sql) === first)
        let select = try database.cachedStatement("SELECT title, amount FROM lead WHERE amount > ? ORDER BY id")
        #expect(try select.rows(15).map { $0.string("title") } == ["Second"])
        #expect(try select.rows(0).map { $0.string("title") } == ["First", "Second"])
        #expect(try database.cachedStatement("SELECT title, amount FROM lead WHERE amount > ? ORDER BY id") === select)
    }

    @Test func cachedStatementComesBackResetWithClearedBindings() throws {
        let database = try makeDatabase()
        try database.execute("INSERT INTO lead (title) VALUES ('a'), ('b')")
        let sql = "SELECT title FROM lead WHERE id = :id OR :id IS NULL ORDER BY id"
        let statement = try database.cachedStatement(sql)
        try statement.bind(1, named: ":id")
        #expect(try statement.step())
        #expect(statement.string(at: 0) == "a")
        // Handed out again mid-iteration: reset, and the :id binding is gone (NULL matches every row).
        let again = try database.cachedStatement(sql)
        #expect(try again.rows().count == 2)
    }

    @Test func manualSteppingReadsColumnsByIndex() throws {
        let database = try makeDatabase()
        try database.execute("INSERT INTO lead (title, amount, assigned_by) VALUES (?, ?, ?)", "Acme", 1500.25, 7)
        let statement = try database.prepare("SELECT id, title AS name, amount, assigned_by FROM lead WHERE id = ?")
        try statement.bind([1])
        #expect(statement.columnCount == 4)
        #expect(statement.columnNames == ["id", "name", "amount", "assigned_by"])
        #expect(statement.columnName(1) == "name")
        #expect(statement.columnName(9) == "")
        #expect(try statement.step())
        #expect(statement.int64(at: 0) == 1)
        #expect(statement.string(at: 1) == "Acme")
        #expect(statement.double(at: 2) == 1500.25)
        #expect(statement.string(at: 2) == "1500.25")
        #expect(statement.value(at: 3) == .integer(7))
        #expect(!statement.isNull(at: 3))
        #expect(statement.value(at: 4) == .null)
        #expect(statement.value(at: -1) == .null)
        #expect(statement.isNull(at: 4))
        #expect(try !statement.step())
        statement.reset()
        #expect(try statement.step())  // bindings survive reset
        #expect(statement.string(at: 1) == "Acme")
    }

    @Test func bindsNamedParameters() throws {
        let database = try makeDatabase()
        let insert = try database.prepare("INSERT INTO lead (title, amount) VALUES (:title, @amount)")
        try insert.bind("Named", named: ":title")
        try insert.bind(99.5, named: "@amount")
        try insert.run()
        let select = try database.prepare("SELECT amount FROM lead WHERE title = :title")
        try select.bind("Named", named: "title")  // bare name is looked up as ":title"
        #expect(try select.step())
        #expect(select.double(at: 0) == 99.5)
        #expect {
            try select.bind(1, named: ":missing")
        } throws: { error in
            (error as? SQLiteError)?.matches(.range) == true
        }
    }

    @Test func bindByIndexKeepsOtherBindings() throws {
        let database = try makeDatabase()
        let statement = try database.prepare("SELECT ?, ?")
        try statement.bind(1, at: 1)
        try statement.bind("two", at: 2)
        let row = try #require(try statement.firstRow())
        #expect(row.values == [1, "two"])
        #expect(throws: SQLiteError.self) { try statement.bind(3, at: 3) }
    }

    @Test func wrongNumberOfValuesIsARangeError() throws {
        let database = try makeDatabase()
        let statement = try database.prepare("INSERT INTO lead (title, amount) VALUES (?, ?)")
        #expect(statement.parameterCount == 2)
        #expect {
            try statement.run("only one")
        } throws: { error in
            (error as? SQLiteError)?.matches(.range) == true
        }
        #expect(throws: SQLiteError.self) { try statement.run("a", 1, "extra") }
    }

    @Test func prepareAcceptsOneStatementOnly() throws {
        let database = try makeDatabase()
        #expect(try database.prepare("SELECT 1;").firstRow()?[0] == 1)
        #expect(try database.prepare("SELECT 2; -- a comment\n  ;  ").firstRow()?[0] == 2)
        for sql in ["SELECT 1; SELECT 2", "SELECT 1; nonsense", "", "   ", "-- only a comment"] {
            #expect {
                try database.prepare(sql)
            } throws: { error in
                (error as? SQLiteError)?.matches(.misuse) == true
            }
        }
    }

    @Test func readsResetTheStatementSoNoReadStaysOpen() throws {
        let database = try makeDatabase()
        try database.execute("INSERT INTO item (value) VALUES (1), (2), (3)")
        let select = try database.cachedStatement("SELECT value FROM item ORDER BY id")
        #expect(try select.firstRow()?[0] == 1)
        #expect(try select.rows().count == 3)
        // An active (un-reset) statement on the table would make DROP TABLE fail with "database table is locked".
        try database.execute("DROP TABLE item")
    }

    @Test func rowsWithArrayBindingsForDynamicINLists() throws {
        let database = try makeDatabase()
        try database.execute("INSERT INTO item (value) VALUES (10), (20), (30), (40)")
        let ids: [SQLiteValue] = [1, 3, 4]
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let statement = try database.prepare("SELECT value FROM item WHERE id IN (\(placeholders)) ORDER BY id")
        #expect(try statement.rows(bindings: ids).map { $0[0] } == [10, 30, 40])
        #expect(try statement.firstRow(bindings: [3, 1, 4])?[0] == 10)
        try database.prepare("DELETE FROM item WHERE id IN (?, ?)").run(bindings: [1, 2])
        #expect(database.changes == 2)
    }

    @Test func reportsWhetherItOnlyReads() throws {
        let database = try makeDatabase()
        #expect(try database.prepare("SELECT * FROM lead").isReadOnly)
        #expect(try !database.prepare("DELETE FROM lead").isReadOnly)
    }

    @Test func stepErrorCarriesSQLAndLeavesStatementReusable() throws {
        let database = try makeDatabase()
        try database.execute("CREATE TABLE unique_title (title TEXT UNIQUE)")
        let insert = try database.cachedStatement("INSERT INTO unique_title VALUES (?)")
        try insert.run("x")
        #expect {
            try insert.run("x")
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.matches(.constraintUnique) && error.sql == "INSERT INTO unique_title VALUES (?)"
        }
        try insert.run("y")
        #expect(try database.prepare("SELECT count(*) FROM unique_title").firstRow()?[0] == 2)
    }
}
