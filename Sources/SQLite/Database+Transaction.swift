import CSQLite

extension Database {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws, and rethrows.
    ///
    /// The outermost call uses `BEGIN IMMEDIATE` (take the write lock up front, so a transaction never fails half-way
    /// with `SQLITE_BUSY` on its first write); nested calls use savepoints, so an inner failure undoes only the
    /// inner part and the outer body can catch it and carry on:
    ///
    /// ```swift
    /// try db.transaction {
    ///     try leads.delete(id: 7)
    ///     try? db.transaction { try history.record(...) }   // best effort, rolled back alone on failure
    /// }
    /// ```
    ///
    /// If `COMMIT` itself fails (a deferred foreign key, a full disk) the transaction is rolled back before the error
    /// is thrown, so the connection is always usable afterwards.
    /// - Throws: the error thrown by `body`, or the ``SQLiteError`` from `BEGIN` / `COMMIT`.
    public func transaction<T, E: Error>(_ body: () throws(E) -> T) throws -> T {
        let connection = try liveConnection()
        let depth = transactionDepth
        if depth == 0 {
            try cachedStatement("BEGIN IMMEDIATE").run()
        } else {
            guard sqlite3_get_autocommit(connection) == 0 else {
                throw SQLiteError(
                    extendedResultCode: SQLITE_ABORT,
                    message: "The enclosing transaction was already rolled back by SQLite"
                )
            }
            try cachedStatement("SAVEPOINT \(Self.savepointName(depth))").run()
        }
        transactionDepth = depth + 1
        let result: T
        do {
            result = try body()
        } catch {
            transactionDepth = depth
            rollBack(connection, toDepth: depth)
            throw error
        }
        transactionDepth = depth
        do throws(SQLiteError) {
            try commit(connection, depth: depth)
        } catch {
            rollBack(connection, toDepth: depth)
            throw error
        }
        return result
    }

    private func commit(_ connection: OpaquePointer, depth: Int) throws(SQLiteError) {
        guard sqlite3_get_autocommit(connection) == 0 else {
            // SQLite rolled the whole transaction back on its own (SQLITE_FULL, an OR ROLLBACK conflict, a ROLLBACK
            // run by the body...). Committing now would silently lose the body's work.
            throw SQLiteError(
                extendedResultCode: SQLITE_ABORT,
                message: "The transaction was already rolled back by SQLite; nothing was committed"
            )
        }
        if depth == 0 {
            try cachedStatement("COMMIT").run()
        } else {
            try cachedStatement("RELEASE SAVEPOINT \(Self.savepointName(depth))").run()
        }
    }

    /// Undoes the transaction or savepoint opened at `depth`. Errors are ignored: the caller is already reporting
    /// the error that caused the rollback, and SQLite may have rolled back by itself.
    private func rollBack(_ connection: OpaquePointer, toDepth depth: Int) {
        guard sqlite3_get_autocommit(connection) == 0 else { return }
        if depth == 0 {
            sqlite3_exec(connection, "ROLLBACK", nil, nil, nil)
        } else {
            let name = Self.savepointName(depth)
            sqlite3_exec(connection, "ROLLBACK TO SAVEPOINT \(name); RELEASE SAVEPOINT \(name)", nil, nil, nil)
        }
    }

    private static func savepointName(_ depth: Int) -> String {
        "bitrix24_mock_savepoint_\(depth)"
    }
}
