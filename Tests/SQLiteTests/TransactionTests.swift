import SQLite
import Testing

private struct BodyFailure: Error, Equatable {}

@Suite struct TransactionTests {
    private func makeDatabase() throws -> Database {
        let database = try Database(location: .inMemory)
        try database.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, note TEXT)")
        return database
    }

    private func notes(_ database: Database) throws -> [String?] {
        try database.prepare("SELECT note FROM entry ORDER BY id").rows().map { $0.string("note") }
    }

    @Test func commitsWhenTheBodyReturns() throws {
        let database = try makeDatabase()
        let id = try database.transaction {
            #expect(database.isInTransaction)
            try database.execute("INSERT INTO entry (note) VALUES (?)", "kept")
            return database.lastInsertRowID
        }
        #expect(id == 1)
        #expect(!database.isInTransaction)
        #expect(try notes(database) == ["kept"])
    }

    @Test func rollsBackAndRethrowsWhenTheBodyThrows() throws {
        let database = try makeDatabase()
        #expect(throws: BodyFailure()) {
            try database.transaction {
                try database.execute("INSERT INTO entry (note) VALUES (?)", "lost")
                throw BodyFailure()
            }
        }
        #expect(!database.isInTransaction)
        #expect(try notes(database).isEmpty)
    }

    @Test func nestedFailureRollsBackOnlyTheInnerPart() throws {
        let database = try makeDatabase()
        try database.transaction {
            try database.execute("INSERT INTO entry (note) VALUES (?)", "outer before")
            #expect(throws: BodyFailure()) {
                try database.transaction {
                    try database.execute("INSERT INTO entry (note) VALUES (?)", "inner")
                    throw BodyFailure()
                }
            }
            try database.execute("INSERT INTO entry (note) VALUES (?)", "outer after")
        }
        #expect(try notes(database) == ["outer before", "outer after"])
    }

    @Test func nestedSuccessIsCommittedWithTheOuterTransaction() throws {
        let database = try makeDatabase()
        #expect(throws: BodyFailure()) {
            try database.transaction {
                try database.transaction {
                    try database.execute("INSERT INTO entry (note) VALUES (?)", "inner")
                }
                #expect(database.isInTransaction)
                throw BodyFailure()
            }
        }
        #expect(try notes(database).isEmpty)  // released savepoint undone by the outer rollback
        try database.transaction {
            try database.transaction {
                try database.transaction {
                    try database.execute("INSERT INTO entry (note) VALUES (?)", "deep")
                }
            }
        }
        #expect(try notes(database) == ["deep"])
    }

    @Test func failedCommitRollsBackAndLeavesTheConnectionUsable() throws {
        let database = try makeDatabase()
        try database.execute(
            """
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (
                id INTEGER PRIMARY KEY,
                parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED
            );
            """
        )
        #expect {
            try database.transaction {
                try database.execute("INSERT INTO child (parent_id) VALUES (?)", 99)  // checked only at COMMIT
            }
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.matches(.constraintForeignKey) && error.sql == "COMMIT"
        }
        #expect(!database.isInTransaction)
        #expect(try database.prepare("SELECT count(*) FROM child").firstRow()?[0] == 0)
        try database.transaction {
            try database.execute("INSERT INTO parent (id) VALUES (?)", 1)
            try database.execute("INSERT INTO child (parent_id) VALUES (?)", 1)
        }
        #expect(try database.prepare("SELECT count(*) FROM child").firstRow()?[0] == 1)
    }

    @Test func transactionEndedInsideTheBodyIsReportedNotSilentlyCommitted() throws {
        let database = try makeDatabase()
        #expect {
            try database.transaction {
                try database.execute("INSERT INTO entry (note) VALUES (?)", "gone")
                try database.execute("ROLLBACK")
            }
        } throws: { error in
            (error as? SQLiteError)?.matches(.abort) == true
        }
        #expect(!database.isInTransaction)
        try database.transaction {
            try database.execute("INSERT INTO entry (note) VALUES (?)", "after")
        }
        #expect(try notes(database) == ["after"])
    }

    @Test func bodyWithTypedThrowsAndCatchPatterns() throws {
        let database = try makeDatabase()
        try database.execute("CREATE TABLE tag (name TEXT UNIQUE)")
        try database.transaction { () throws(SQLiteError) in
            try database.execute("INSERT INTO tag VALUES (?)", "vip")
        }
        var caught = false
        do {
            try database.transaction {
                try database.execute("INSERT INTO tag VALUES (?)", "vip")
            }
        } catch SQLiteError.constraintUnique {
            caught = true
        }
        #expect(caught)
        let nothingThrown: Int = try database.transaction { 5 }
        #expect(nothingThrown == 5)
    }
}
