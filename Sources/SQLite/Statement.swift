import CSQLite

/// SQLite's `SQLITE_TRANSIENT` destructor ("copy the bytes now"), which the C macro does not import as.
let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// One prepared SQL statement; owns its `sqlite3_stmt` and finalizes it on deinit.
///
/// Get one from ``Database/cachedStatement(_:)`` on the hot path (prepared once per SQL text, owned and reused by
/// the database) or from ``Database/prepare(_:)`` when you want your own. Exactly one SQL statement per instance:
/// scripts go through ``Database/execute(_:)``.
///
/// Two ways to use it:
/// - one call: ``run(_:)`` for writes, ``rows(_:)`` / ``firstRow(_:)`` for reads; each binds the given values,
///   steps to completion and resets, so the statement never stays active between calls;
/// - by hand: ``bind(_:)`` (or ``bind(_:at:)`` / ``bind(_:named:)``), then ``step()`` while it returns `true`,
///   reading columns with ``int64(at:)``, ``string(at:)``, ``value(at:)``...; then ``reset()``.
///
/// Not `Sendable`: a statement belongs to its ``Database``, whose owner serializes all access. Once the database is
/// closed the statement is finalized; every throwing call then fails with ``SQLiteError/misuse`` and column reads
/// return `NULL`-like defaults.
public final class Statement {
    /// The SQL text this statement was prepared from (also the statement cache key).
    public let sql: String
    /// The prepared statement, `nil` once finalized.
    private var handle: OpaquePointer?
    /// Result column names, read once.
    private lazy var resultColumnNames: [String] = (0..<columnCount).map(columnName(_:))

    /// Prepares `sql` on `connection`. `persistent` hints SQLite that the statement will be reused many times.
    init(connection: OpaquePointer, sql: String, persistent: Bool) throws(SQLiteError) {
        self.sql = sql
        var prepared: OpaquePointer?
        var hasTrailingStatement = false
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, text, -1, flags, &prepared, &tail)
            guard code == SQLITE_OK else { return code }
            hasTrailingStatement = Self.containsStatement(connection: connection, from: tail)
            return code
        }
        guard code == SQLITE_OK else {
            throw SQLiteError.lastError(on: connection, code: code, sql: sql)
        }
        guard let prepared else {
            throw SQLiteError.apiMisuse("No SQL statement to prepare (empty text or only comments)", sql: sql)
        }
        guard !hasTrailingStatement else {
            sqlite3_finalize(prepared)
            throw SQLiteError.apiMisuse("Only one SQL statement can be prepared; use execute(_:) for scripts", sql: sql)
        }
        handle = prepared
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Whether the text after the first statement holds more than whitespace, semicolons and comments.
    private static func containsStatement(connection: OpaquePointer, from tail: UnsafePointer<CChar>?) -> Bool {
        var rest = tail
        while let current = rest, current.pointee != 0 {
            var extra: OpaquePointer?
            var next: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v2(connection, current, -1, &extra, &next)
            if code != SQLITE_OK || extra != nil {
                sqlite3_finalize(extra)
                return true
            }
            guard let next, next != current else { return false }
            rest = next
        }
        return false
    }

    /// Finalizes now (the database is closing); later calls see a finalized statement.
    func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }

    private func liveHandle() throws(SQLiteError) -> OpaquePointer {
        guard let handle else {
            throw SQLiteError.apiMisuse("Statement is finalized because its database was closed", sql: sql)
        }
        return handle
    }

    private func lastError(_ handle: OpaquePointer, code: Int32) -> SQLiteError {
        SQLiteError.lastError(on: sqlite3_db_handle(handle), code: code, sql: sql)
    }

    // MARK: - Binding

    /// The number of `?` / `:name` parameters in the SQL.
    public var parameterCount: Int {
        guard let handle else { return 0 }
        return Int(sqlite3_bind_parameter_count(handle))
    }

    /// Whether the statement only reads (`sqlite3_stmt_readonly`).
    public var isReadOnly: Bool {
        guard let handle else { return true }
        return sqlite3_stmt_readonly(handle) != 0
    }

    /// Resets the statement, clears all bindings, then binds `values` to parameters 1...n.
    /// - Throws: ``SQLiteError/range`` when `values.count` differs from ``parameterCount``, so a missing or extra
    ///   value is caught instead of silently binding `NULL`.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        let handle = try liveHandle()
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(
                extendedResultCode: SQLITE_RANGE,
                message: "Statement has \(expected) parameters but \(values.count) values were bound",
                sql: sql
            )
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1), on: handle)
        }
    }

    /// Binds one value to the 1-based parameter `index`, keeping the other bindings.
    public func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        try bind(value, at: index, on: try liveHandle())
    }

    /// Binds one value to the parameter called `name`, written with its prefix (`":id"`); a bare `"id"` is
    /// looked up as `":id"`.
    /// - Throws: ``SQLiteError/range`` when the statement has no such parameter.
    public func bind(_ value: SQLiteValue, named name: String) throws(SQLiteError) {
        let handle = try liveHandle()
        var index = sqlite3_bind_parameter_index(handle, name)
        if index == 0, let first = name.first, first != ":", first != "@", first != "$" {
            index = sqlite3_bind_parameter_index(handle, ":" + name)
        }
        guard index > 0 else {
            throw SQLiteError(extendedResultCode: SQLITE_RANGE, message: "No parameter named \(name)", sql: sql)
        }
        try bind(value, at: index, on: handle)
    }

    /// Sets every parameter back to `NULL` (``Database/cachedStatement(_:)`` does this before handing out).
    public func clearBindings() {
        guard let handle else { return }
        sqlite3_clear_bindings(handle)
    }

    private func bind(_ value: SQLiteValue, at index: Int32, on handle: OpaquePointer) throws(SQLiteError) {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, index)
        case .integer(let integer):
            code = sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            code = sqlite3_bind_double(handle, index, real)
        case .text(var text):
            code = text.withUTF8 { utf8 in
                guard let base = utf8.baseAddress else {
                    return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
                }
                return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { chars in
                    sqlite3_bind_text64(
                        handle, index, chars, sqlite3_uint64(utf8.count), sqliteTransient, UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress, raw.count > 0 else {
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
                return sqlite3_bind_blob64(handle, index, base, sqlite3_uint64(raw.count), sqliteTransient)
            }
        }
        guard code == SQLITE_OK else {
            throw lastError(handle, code: code)
        }
    }

    // MARK: - Stepping

    /// Advances to the next result row: `true` when a row is available, `false` when the statement is done.
    /// On error the statement is reset (so it can be reused) and the error carries this statement's SQL.
    public func step() throws(SQLiteError) -> Bool {
        let handle = try liveHandle()
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            let error = lastError(handle, code: code)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Resets the statement so it can run again; bindings are kept.
    public func reset() {
        guard let handle else { return }
        sqlite3_reset(handle)
    }

    /// Binds `values` and steps to completion: for `INSERT`, `UPDATE`, `DELETE` and DDL. With no values the
    /// current bindings are kept (e.g. after ``bind(_:named:)``).
    public func run(_ values: SQLiteValue...) throws(SQLiteError) {
        try run(bindings: values)
    }

    /// ``run(_:)`` with the values in an array, for dynamically built statements.
    public func run(bindings values: [SQLiteValue]) throws(SQLiteError) {
        try prepareToRun(values)
        while try step() {}
        reset()
    }

    /// Binds `values` and returns every result row.
    public func rows(_ values: SQLiteValue...) throws(SQLiteError) -> [Row] {
        try rows(bindings: values)
    }

    /// ``rows(_:)`` with the values in an array, for dynamically built statements (`IN (?, ?, ?)`).
    public func rows(bindings values: [SQLiteValue]) throws(SQLiteError) -> [Row] {
        try prepareToRun(values)
        let names = columnNames
        var rows: [Row] = []
        while try step() {
            rows.append(Row(columnNames: names, values: currentValues()))
        }
        reset()
        return rows
    }

    /// Binds `values` and returns the first column of every result row that is not `NULL`, read as an integer: for
    /// `RETURNING ID` and id lists, without building a row per result.
    public func integers(_ values: SQLiteValue...) throws(SQLiteError) -> [Int64] {
        try integers(bindings: values)
    }

    /// ``integers(_:)`` with the values in an array, for dynamically built statements.
    public func integers(bindings values: [SQLiteValue]) throws(SQLiteError) -> [Int64] {
        try prepareToRun(values)
        let handle = try liveHandle()
        var integers: [Int64] = []
        while try step() {
            if sqlite3_column_type(handle, 0) != SQLITE_NULL {
                integers.append(sqlite3_column_int64(handle, 0))
            }
        }
        reset()
        return integers
    }

    /// Binds `values` and returns the first result row, or `nil`; the statement is reset right after, so no read
    /// stays open.
    public func firstRow(_ values: SQLiteValue...) throws(SQLiteError) -> Row? {
        try firstRow(bindings: values)
    }

    /// ``firstRow(_:)`` with the values in an array.
    public func firstRow(bindings values: [SQLiteValue]) throws(SQLiteError) -> Row? {
        try prepareToRun(values)
        defer { reset() }
        guard try step() else { return nil }
        return Row(columnNames: columnNames, values: currentValues())
    }

    private func prepareToRun(_ values: [SQLiteValue]) throws(SQLiteError) {
        if values.isEmpty {
            sqlite3_reset(try liveHandle())
        } else {
            try bind(values)
        }
    }

    private func currentValues() -> [SQLiteValue] {
        let count = columnCount
        var values: [SQLiteValue] = []
        values.reserveCapacity(count)
        for index in 0..<count {
            values.append(value(at: index))
        }
        return values
    }

    // MARK: - Columns of the current row

    /// The number of result columns (0 for statements that return no data).
    public var columnCount: Int {
        guard let handle else { return 0 }
        return Int(sqlite3_column_count(handle))
    }

    /// All result column names, in order.
    public var columnNames: [String] { resultColumnNames }

    /// The name of result column `index` (its alias when it has one), or `""` when out of range.
    public func columnName(_ index: Int) -> String {
        guard let handle = handle(forColumn: index), let name = sqlite3_column_name(handle, Int32(index)) else {
            return ""
        }
        return String(cString: name)
    }

    /// Whether column `index` of the current row is `NULL` (also `true` when out of range).
    public func isNull(at index: Int) -> Bool {
        guard let handle = handle(forColumn: index) else { return true }
        return sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// Column `index` as an integer, converted by SQLite; 0 for `NULL` or out of range.
    public func int64(at index: Int) -> Int64 {
        guard let handle = handle(forColumn: index) else { return 0 }
        return sqlite3_column_int64(handle, Int32(index))
    }

    /// Column `index` as a double, converted by SQLite; 0 for `NULL` or out of range.
    public func double(at index: Int) -> Double {
        guard let handle = handle(forColumn: index) else { return 0 }
        return sqlite3_column_double(handle, Int32(index))
    }

    /// Column `index` as text (numbers converted by SQLite), or `nil` for `NULL` or out of range. Reads the exact
    /// byte length, so text containing NUL characters survives.
    public func string(at index: Int) -> String? {
        guard let handle = handle(forColumn: index), sqlite3_column_type(handle, Int32(index)) != SQLITE_NULL else {
            return nil
        }
        return text(handle, column: Int32(index))
    }

    /// Column `index` in its own storage class, or ``SQLiteValue/null`` when out of range.
    public func value(at index: Int) -> SQLiteValue {
        guard let handle = handle(forColumn: index) else { return .null }
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            return .text(text(handle, column: column))
        case SQLITE_BLOB:
            guard let blob = sqlite3_column_blob(handle, column) else { return .blob([]) }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default:
            return .null
        }
    }

    /// The handle when `index` is a valid column (SQLite leaves out-of-range reads undefined).
    private func handle(forColumn index: Int) -> OpaquePointer? {
        guard let handle, index >= 0, index < Int(sqlite3_column_count(handle)) else { return nil }
        return handle
    }

    /// Text via `sqlite3_column_text` then `sqlite3_column_bytes`, in that order, as SQLite requires.
    private func text(_ handle: OpaquePointer, column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
