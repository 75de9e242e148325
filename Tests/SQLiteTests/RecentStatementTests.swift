import SQLite
import Testing

@Suite struct RecentStatementTests {
    @Test func aRepeatedShapeReusesOneStatement() throws {
        let database = try Database(location: .inMemory)
        let first = try database.recentStatement("SELECT ? + 1")
        #expect(try first.firstRow(.integer(1))?[0] == .integer(2))
        let second = try database.recentStatement("SELECT ? + 1")
        #expect(first === second)
        #expect(try second.firstRow(.integer(41))?[0] == .integer(42))
    }

    @Test func theLeastRecentlyUsedIsFinalizedBeyondTheCapacity() throws {
        let database = try Database(location: .inMemory)
        let kept = try database.recentStatement("SELECT 0")
        let evicted = try database.recentStatement("SELECT 1")
        for index in 2..<Database.recentStatementCapacity {
            _ = try database.recentStatement("SELECT \(index)")
        }
        // Using "SELECT 0" again makes "SELECT 1" the oldest; one more shape evicts it, not "SELECT 0".
        #expect(try database.recentStatement("SELECT 0") === kept)
        _ = try database.recentStatement("SELECT 'new'")
        #expect(try database.recentStatement("SELECT 0") === kept)
        #expect(throws: SQLiteError.self) { try evicted.step() }
        #expect(try database.recentStatement("SELECT 1") !== evicted)
    }

    @Test func closingFinalizesThem() throws {
        let database = try Database(location: .inMemory)
        let statement = try database.recentStatement("SELECT 1")
        database.close()
        #expect(throws: SQLiteError.self) { try statement.step() }
    }
}
