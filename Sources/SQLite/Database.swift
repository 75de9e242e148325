import CSQLite

/// One SQLite connection, configured the way the CRM store needs it.
///
/// Opening sets `PRAGMA foreign_keys = ON` (SQLite's default is off, per connection), a 5 s busy timeout, extended
/// result codes, `secure_delete = OFF`, and for files `journal_mode = WAL` with `synchronous = NORMAL` (readers never
/// block the writer; durable across process crashes, which is all a mock needs). Debian builds SQLite with secure
/// delete on, which zeroes every deleted row's bytes: a cost on every cascade step that protects nothing in a mock.
/// Before the first connection of the process, SQLite's memory statistics are turned off: they take a global mutex
/// on every allocation.
///
/// The database owns a statement cache keyed by SQL text (``cachedStatement(_:)``), so hot queries are prepared once.
/// ``close()`` (or deinit) finalizes the cached statements and any statement from ``prepare(_:)`` that is still
/// alive (using one afterwards throws ``SQLiteError/misuse`` instead of touching a dead connection), then closes with
/// `sqlite3_close_v2`.
public final class Database: @unchecked Sendable {
    // @unchecked Sendable: not thread-safe by itself. The owner (the CRM store) keeps the Database inside one Mutex
    // and touches it, and its statements, only while holding that lock. That is also why SQLite is opened with
    // SQLITE_OPEN_NOMUTEX: a second lock inside SQLite would only cost time.

    /// Where the database lives.
    public enum Location: Sendable, Equatable {
        /// A private in-memory database that disappears with the connection.
        case inMemory
        /// A database file, created when missing. The path `":memory:"` means ``inMemory``.
        case file(path: String)

        /// `":memory:"` → ``inMemory``, anything else → ``file(path:)``; for command-line flags.
        public init(path: String) {
            self = path == ":memory:" ? .inMemory : .file(path: path)
        }

        var sqlitePath: String {
            switch self {
            case .inMemory: return ":memory:"
            case .file(let path): return path
            }
        }
    }

    /// Where this database lives (a `.file(path: ":memory:")` request is reported as ``Location/inMemory``).
    public let location: Location
    /// The connection, `nil` after ``close()``.
    private var connection: OpaquePointer?
    /// Prepared statements by SQL text; finalized by ``close()``.
    private var statementCache: [String: Statement] = [:]
    /// Statements handed out by ``prepare(_:)``, held weakly so ``close()`` can finalize the ones still alive
    /// (stepping a statement of a closed connection is undefined behaviour in SQLite).
    private var preparedStatements: [WeakStatement] = []
    /// How many ``transaction(_:)`` calls are running (0: none, 1: the outer transaction, more: savepoints).
    var transactionDepth = 0
    /// Statements of SQL built at run time (filters, IN lists), kept while recently used: up to
    /// ``recentStatementCapacity``, the least recently used finalized first.
    private var recentStatements: [String: (statement: Statement, lastUse: UInt64)] = [:]
    private var useCounter: UInt64 = 0
    /// How many run-time-built statements ``recentStatement(_:)`` keeps prepared.
    public static let recentStatementCapacity = 64
    /// The handler given to ``onRowChange(_:)``, kept alive for SQLite's update hook.
    private var rowChangeHandler: RowChangeHandler?

    /// Opens (creating if needed) the database at `location` and configures the connection.
    /// - Throws: ``SQLiteError`` when the file cannot be opened or the configuration pragmas fail.
    public init(location: Location) throws(SQLiteError) {
        let location = Location(path: location.sqlitePath)
        self.location = location
        _ = Self.processConfiguration
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(location.sqlitePath, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            var error = SQLiteError.lastError(on: handle, code: code, sql: nil)
            error.message += " (\(location.sqlitePath))"
            sqlite3_close_v2(handle)
            throw error
        }
        connection = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 5000)
        do throws(SQLiteError) {
            try execute("PRAGMA foreign_keys = ON")
            try execute("PRAGMA secure_delete = OFF")
            if case .file = location {
                try execute("PRAGMA journal_mode = WAL")
                try execute("PRAGMA synchronous = NORMAL")
            }
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// Process-wide SQLite settings, applied once before the first connection opens (a lazy static runs exactly once,
    /// under the runtime's own lock).
    private static let processConfiguration: Void = {
        _ = csqlite_disable_memory_statistics()
    }()

    /// A prepared statement for SQL built at run time (a list filter, an `IN (?, ?)` list): reused while it is among
    /// the ``recentStatementCapacity`` most recently used, so a client repeating one query shape pays the parse once,
    /// and a client sending endless different shapes cannot grow memory without bound.
    public func recentStatement(_ sql: String) throws(SQLiteError) -> Statement {
        useCounter += 1
        if let entry = recentStatements[sql] {
            recentStatements[sql] = (entry.statement, useCounter)
            entry.statement.reset()
            entry.statement.clearBindings()
            return entry.statement
        }
        if recentStatements.count >= Self.recentStatementCapacity,
            let oldest = recentStatements.min(by: { $0.value.lastUse < $1.value.lastUse })
        {
            oldest.value.statement.finalize()
            recentStatements[oldest.key] = nil
        }
        let statement = try Statement(connection: liveConnection(), sql: sql, persistent: true)
        recentStatements[sql] = (statement, useCounter)
        return statement
    }

    /// Calls `handler` with the table name whenever a row of one of `tables` is inserted, updated or deleted through
    /// this connection (`sqlite3_update_hook`), so an owner can keep a cache of rarely changed tables exact. SQLite does
    /// not report rows removed by an unconditional `DELETE FROM t` (the truncate optimization) or by `REPLACE`
    /// conflicts. The table names are compared as C strings inside the hook: it runs for every row a statement
    /// changes, and most of those rows are in tables nobody watches.
    public func onRowChange(in tables: Set<String>, _ handler: @escaping (String) -> Void) {
        guard let connection else { return }
        let box = RowChangeHandler(tables: tables, handler: handler)
        rowChangeHandler = box
        sqlite3_update_hook(
            connection,
            { context, _, _, table, _ in
                guard let context, let table else { return }
                Unmanaged<RowChangeHandler>.fromOpaque(context).takeUnretainedValue().rowChanged(in: table)
            }, Unmanaged.passUnretained(box).toOpaque())
    }

    /// Finalizes all statements and closes the connection. Safe to call more than once; afterwards every throwing
    /// call, on the database or on its statements, fails with ``SQLiteError/misuse``.
    public func close() {
        guard let connection else { return }
        for statement in statementCache.values {
            statement.finalize()
        }
        statementCache.removeAll()
        for entry in recentStatements.values {
            entry.statement.finalize()
        }
        recentStatements.removeAll()
        for reference in preparedStatements {
            reference.statement?.finalize()
        }
        preparedStatements.removeAll()
        sqlite3_close_v2(connection)
        self.connection = nil
        transactionDepth = 0
    }

    /// Whether ``close()`` has been called.
    public var isClosed: Bool { connection == nil }

    /// The open connection, or a misuse error once closed.
    func liveConnection() throws(SQLiteError) -> OpaquePointer {
        guard let connection else {
            throw SQLiteError.apiMisuse("Database is closed")
        }
        return connection
    }

    // MARK: - Running SQL

    /// Runs one or more `;`-separated statements without bindings (`sqlite3_exec`): schema scripts, pragmas.
    public func execute(_ sql: String) throws(SQLiteError) {
        let connection = try liveConnection()
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(connection, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            var error = SQLiteError.lastError(on: connection, code: code, sql: sql)
            if let message {
                error.message = String(cString: message)
            }
            throw error
        }
    }

    /// Runs one statement with bindings through the statement cache: the usual way to write.
    ///
    ///     try db.execute("UPDATE lead SET title = ? WHERE id = ?", "Acme", 7)
    public func execute(_ sql: String, _ bindings: SQLiteValue...) throws(SQLiteError) {
        try cachedStatement(sql).run(bindings: bindings)
    }

    /// Prepares a new statement that the caller owns (finalized when released).
    /// - Throws: ``SQLiteError`` for SQL errors (carrying the SQL), or ``SQLiteError/misuse`` when `sql` holds no
    ///   statement or more than one.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        let statement = try Statement(connection: liveConnection(), sql: sql, persistent: false)
        if preparedStatements.count >= 64, preparedStatements.count.isMultiple(of: 64) {
            preparedStatements.removeAll { $0.statement == nil }
        }
        preparedStatements.append(WeakStatement(statement: statement))
        return statement
    }

    /// The statement for `sql`, prepared on first use and reused afterwards; reset and with bindings cleared each
    /// time it is handed out. The hot path uses this.
    ///
    /// The same instance is returned for the same text, so finish with it (``Statement/rows(_:)`` and friends do)
    /// before asking for the same SQL again. The cache is never trimmed: it is meant for a fixed set of SQL texts,
    /// so build dynamic SQL (an `IN` list whose length varies) with ``prepare(_:)`` instead.
    public func cachedStatement(_ sql: String) throws(SQLiteError) -> Statement {
        if let statement = statementCache[sql] {
            statement.reset()
            statement.clearBindings()
            return statement
        }
        let statement = try Statement(connection: liveConnection(), sql: sql, persistent: true)
        statementCache[sql] = statement
        return statement
    }

    // MARK: - Connection state

    /// The rowid of the last successful `INSERT` on this connection (0 if none or closed).
    public var lastInsertRowID: Int64 {
        guard let connection else { return 0 }
        return sqlite3_last_insert_rowid(connection)
    }

    /// Rows changed by the most recent `INSERT`, `UPDATE` or `DELETE` (0 when closed).
    public var changes: Int {
        guard let connection else { return 0 }
        return Int(sqlite3_changes64(connection))
    }

    /// Rows changed since the connection was opened (0 when closed).
    public var totalChanges: Int {
        guard let connection else { return 0 }
        return Int(sqlite3_total_changes64(connection))
    }

    /// Whether a transaction is open (SQLite is not in autocommit mode).
    public var isInTransaction: Bool {
        guard let connection else { return false }
        return sqlite3_get_autocommit(connection) == 0
    }

    /// `PRAGMA user_version`: the schema version that migrations read and bump.
    public var userVersion: Int {
        get throws(SQLiteError) {
            let statement = try cachedStatement("PRAGMA user_version")
            defer { statement.reset() }
            guard try statement.step() else { return 0 }
            return Int(statement.int64(at: 0))
        }
    }

    /// Sets `PRAGMA user_version` (SQLite stores a signed 32-bit integer).
    public func setUserVersion(_ version: Int) throws(SQLiteError) {
        guard let stored = Int32(exactly: version) else {
            throw SQLiteError(
                extendedResultCode: SQLITE_RANGE, message: "user_version \(version) is not a 32-bit integer")
        }
        try execute("PRAGMA user_version = \(stored)")
    }
}

/// A statement reference that does not keep the statement alive.
private struct WeakStatement {
    weak var statement: Statement?
}

/// Holds the row-change handler and the watched tables for the C callback's context pointer.
private final class RowChangeHandler {
    let tables: [(name: String, bytes: [UInt8])]
    let handler: (String) -> Void

    init(tables: Set<String>, handler: @escaping (String) -> Void) {
        self.tables = tables.map { ($0, Array($0.utf8)) }
        self.handler = handler
    }

    func rowChanged(in table: UnsafePointer<CChar>) {
        for watched in tables where Self.equals(table, watched.bytes) {
            handler(watched.name)
            return
        }
    }

    /// Whether the NUL-terminated `cString` spells exactly `bytes`.
    private static func equals(_ cString: UnsafePointer<CChar>, _ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            guard UInt8(bitPattern: cString[index]) == bytes[index] else { return false }
            index += 1
        }
        return cString[index] == 0
    }
}
