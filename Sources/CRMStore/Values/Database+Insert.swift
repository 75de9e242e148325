import SQLite

extension Database {
    /// Inserts one row through a cached statement; the SQL depends only on the table and column names, so a caller
    /// that always passes the same column list reuses one prepared statement.
    func insert(into table: String, columns: [String], values: [SQLiteValue]) throws -> Int64 {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try cachedStatement(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
        try statement.bind(values)
        while try statement.step() {}
        return lastInsertRowID
    }
}
