import SQLite
import Testing

@Suite struct SQLiteErrorTests {
    private func makeDatabase() throws -> Database {
        let database = try Database(location: .inMemory)
        try database.execute(
            """
            CREATE TABLE company (id INTEGER PRIMARY KEY);
            CREATE TABLE contact (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL REFERENCES company (id));
            """
        )
        return database
    }

    @Test func orphanInsertThrowsConstraintWithForeignKeyExtendedCode() throws {
        let database = try makeDatabase()
        let sql = "INSERT INTO contact (company_id) VALUES (?)"
        do {
            try database.execute(sql, 404)
            Issue.record("the orphan insert succeeded: foreign keys are not enforced")
        } catch {
            #expect(error.resultCode == 19)  // SQLITE_CONSTRAINT
            #expect(error.extendedResultCode == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
            #expect(error.message == "FOREIGN KEY constraint failed")
            #expect(error.sql == sql)
            #expect(error.matches(.constraint))
            #expect(error.matches(.constraintForeignKey))
            #expect(!error.matches(.constraintUnique))
            #expect(!error.matches(.busy))
        }
    }

    @Test func catchPatternsMatchPrimaryAndExtendedCodes() throws {
        let database = try makeDatabase()
        var matched: [String] = []
        do {
            try database.execute("INSERT INTO contact (company_id) VALUES (?)", nil)
        } catch SQLiteError.constraintForeignKey {
            matched.append("foreign key")
        } catch SQLiteError.constraintNotNull {
            matched.append("not null")
        } catch {
            matched.append("other")
        }
        do {
            try database.execute("INSERT INTO contact (company_id) VALUES (?)", 1)
        } catch SQLiteError.busy {
            matched.append("busy")
        } catch SQLiteError.constraint {
            matched.append("constraint")
        } catch {
            matched.append("other")
        }
        #expect(matched == ["not null", "constraint"])
    }

    @Test func patternMatchesThroughUntypedThrows() {
        let untyped: () throws -> Void = {
            throw SQLiteError(extendedResultCode: 2067, message: "UNIQUE constraint failed: tag.name")
        }
        var matched = false
        do {
            try untyped()
        } catch SQLiteError.constraintUnique {
            matched = true
        } catch {
            matched = false
        }
        #expect(matched)
        #expect(!(SQLiteError.constraint ~= (BareError() as any Error)))
    }

    @Test func derivesPrimaryCodeAndDescribesItself() {
        let error = SQLiteError(extendedResultCode: 2067, message: "UNIQUE constraint failed: tag.name", sql: "INSERT")
        #expect(error.resultCode == 19)
        #expect(
            error.description
                == "SQLite error 19 (extended 2067): UNIQUE constraint failed: tag.name - while executing: INSERT")
        let plain = SQLiteError(extendedResultCode: 1, message: "boom")
        #expect(plain.description == "SQLite error 1: boom")
        #expect(SQLiteError.Code(rawValue: 19) == SQLiteError.constraint)
    }
}

private struct BareError: Error {}
