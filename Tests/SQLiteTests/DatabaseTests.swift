import Foundation
import SQLite
import Testing

@Suite struct DatabaseTests {
    private func pragma(_ name: String, on database: Database) throws -> SQLiteValue {
        try #require(try database.prepare("PRAGMA \(name)").firstRow())[0]
    }

    @Test func opensInMemoryDatabaseWithForeignKeysOn() throws {
        let database = try Database(location: .inMemory)
        #expect(database.location == .inMemory)
        #expect(try pragma("foreign_keys", on: database) == 1)
        #expect(try pragma("busy_timeout", on: database) == 5000)
        #expect(try pragma("journal_mode", on: database) == "memory")
    }

    @Test func memoryPathMeansInMemory() throws {
        #expect(try Database(location: .file(path: ":memory:")).location == .inMemory)
        #expect(Database.Location(path: ":memory:") == .inMemory)
        #expect(Database.Location(path: "/tmp/x.sqlite") == .file(path: "/tmp/x.sqlite"))
    }

    @Test func fileDatabaseUsesWALAndNormalSync() throws {
        let file = TemporaryDatabaseFile()
        defer { file.remove() }
        let database = try Database(location: .file(path: file.path))
        #expect(database.location == .file(path: file.path))
        #expect(try pragma("journal_mode", on: database) == "wal")
        #expect(try pragma("synchronous", on: database) == 1)  // NORMAL
        #expect(try pragma("foreign_keys", on: database) == 1)
        #expect(try pragma("busy_timeout", on: database) == 5000)
    }

    @Test func reopenedFileDatabaseSeesCommittedData() throws {
        let file = TemporaryDatabaseFile()
        defer { file.remove() }
        do {
            let database = try Database(location: .file(path: file.path))
            try database.execute("CREATE TABLE lead (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
            try database.transaction {
                try database.execute("INSERT INTO lead (title) VALUES (?)", "Заявка с сайта")
            }
            try database.setUserVersion(3)
            database.close()
        }
        let reopened = try Database(location: .file(path: file.path))
        #expect(try reopened.prepare("SELECT title FROM lead").rows().map { $0.string("title") } == ["Заявка с сайта"])
        #expect(try reopened.userVersion == 3)
    }

    @Test func openingAnImpossiblePathThrowsCannotOpen() {
        #expect {
            try Database(location: .file(path: "/nonexistent-directory/sub/db.sqlite"))
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.matches(.cannotOpen)
                && error.message.contains("/nonexistent-directory/sub/db.sqlite")
        }
    }

    @Test func userVersionGetAndSet() throws {
        let database = try Database(location: .inMemory)
        #expect(try database.userVersion == 0)
        try database.setUserVersion(42)
        #expect(try database.userVersion == 42)
        try database.setUserVersion(-1)
        #expect(try database.userVersion == -1)
        #expect(throws: SQLiteError.self) { try database.setUserVersion(Int(Int32.max) + 1) }
    }

    @Test func executeRunsScriptsOfSeveralStatements() throws {
        let database = try Database(location: .inMemory)
        try database.execute(
            """
            CREATE TABLE a (id INTEGER PRIMARY KEY);
            CREATE TABLE b (id INTEGER PRIMARY KEY);  -- trailing comment
            INSERT INTO a VALUES (1), (2);
            """
        )
        #expect(try database.prepare("SELECT count(*) FROM a").firstRow()?[0] == 2)
        #expect(database.changes == 2)
    }

    @Test func syntaxErrorCarriesTheSQLAndSQLitesMessage() throws {
        let database = try Database(location: .inMemory)
        let sql = "SELEKT * FROM lead"
        #expect {
            try database.execute(sql)
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.resultCode == 1 && error.sql == sql && error.message.contains("syntax error")
                && error.description.contains(sql)
        }
        #expect {
            try database.prepare("SELECT * FROM missing_table")
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.matches(.error) && error.sql == "SELECT * FROM missing_table"
                && error.message == "no such table: missing_table"
        }
        #expect {
            try database.execute("INSERT INTO missing_table VALUES (?)", 1)
        } throws: { error in
            (error as? SQLiteError)?.sql == "INSERT INTO missing_table VALUES (?)"
        }
    }

    @Test func connectionCountersFollowWrites() throws {
        let database = try Database(location: .inMemory)
        try database.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        try database.execute("INSERT INTO t (v) VALUES (?)", "a")
        #expect(database.lastInsertRowID == 1)
        try database.execute("INSERT INTO t (v) VALUES (?)", "b")
        #expect(database.lastInsertRowID == 2)
        try database.execute("UPDATE t SET v = ?", "c")
        #expect(database.changes == 2)
        #expect(database.totalChanges == 4)
    }

    @Test func closeIsIdempotentAndLaterCallsThrowMisuse() throws {
        let database = try Database(location: .inMemory)
        try database.execute("CREATE TABLE t (v)")
        let cached = try database.cachedStatement("INSERT INTO t VALUES (?)")
        let owned = try database.prepare("SELECT v FROM t")
        database.close()
        database.close()
        #expect(database.isClosed)
        #expect(database.lastInsertRowID == 0)
        #expect(throws: SQLiteError.self) { try database.execute("SELECT 1") }
        #expect(throws: SQLiteError.self) { try database.userVersion }
        #expect(throws: SQLiteError.self) { try database.transaction {} }
        #expect {
            try cached.run(1)
        } throws: { error in
            (error as? SQLiteError)?.matches(.misuse) == true
        }
        #expect(throws: SQLiteError.self) { try owned.rows() }
        #expect(owned.columnCount == 0)
        #expect(owned.value(at: 0) == .null)
    }

    @Test func preparedStatementOutlivingItsDatabaseIsSafe() throws {
        var database: Database? = try Database(location: .inMemory)
        let statement = try #require(try database?.prepare("SELECT 1"))
        #expect(try statement.firstRow()?[0] == 1)
        database = nil
        #expect(throws: SQLiteError.self) { try statement.step() }
    }
}

@Suite struct RowChangeTests {
    @Test func reportsChangesToWatchedTablesOnly() throws {
        let database = try Database(location: .inMemory)
        try database.execute(
            "CREATE TABLE watched (id INTEGER PRIMARY KEY); CREATE TABLE watched_too (id INTEGER PRIMARY KEY);"
                + "CREATE TABLE watch (id INTEGER PRIMARY KEY); CREATE TABLE other (id INTEGER PRIMARY KEY);")
        let seen = RowChangeLog()
        database.onRowChange(in: ["watched", "watched_too"]) { seen.append($0) }
        // "watch" is a prefix of a watched name and "watched_too" extends one: only exact names count.
        try database.execute("INSERT INTO watch VALUES (1); INSERT INTO other VALUES (1);")
        #expect(seen.names.isEmpty)
        try database.execute(
            "INSERT INTO watched VALUES (1); UPDATE watched SET id = 2; INSERT INTO watched_too VALUES (1);"
                + "DELETE FROM watched WHERE id = 2;")
        #expect(seen.names == ["watched", "watched", "watched_too", "watched"])
    }
}

/// Names collected by a row-change handler (the hook runs on the caller's thread, inside `execute`).
private final class RowChangeLog {
    private(set) var names: [String] = []
    func append(_ name: String) { names.append(name) }
}
