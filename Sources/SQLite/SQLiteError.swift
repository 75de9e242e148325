import CSQLite

/// A failed SQLite call: the result codes, SQLite's message, and the SQL that was running.
///
/// Callers match on the code with a `catch` pattern, GRDB-style:
///
/// ```swift
/// do {
///     try db.execute("INSERT INTO lead_contact (lead_id, contact_id) VALUES (?, ?)", 7, 99)
/// } catch SQLiteError.constraintForeignKey {
///     // the contact does not exist
/// } catch SQLiteError.constraint {
///     // any other constraint
/// }
/// ```
///
/// A primary code (``Code/constraint``) matches every extended code in its family; an extended code
/// (``Code/constraintForeignKey``) matches only itself.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (`extendedResultCode & 0xff`), e.g. `SQLITE_CONSTRAINT` (19).
    public var resultCode: Int32
    /// The extended result code, e.g. `SQLITE_CONSTRAINT_FOREIGNKEY` (787). Equal to `resultCode` when SQLite
    /// reports no extended detail.
    public var extendedResultCode: Int32
    /// SQLite's error message (`sqlite3_errmsg`), or ours for misuse detected before calling SQLite.
    public var message: String
    /// The SQL being prepared or run when the error happened, when there was one.
    public var sql: String?

    /// Creates an error from an (extended) result code; the primary code is derived from it.
    public init(extendedResultCode: Int32, message: String, sql: String? = nil) {
        self.resultCode = extendedResultCode & 0xFF
        self.extendedResultCode = extendedResultCode
        self.message = message
        self.sql = sql
    }

    /// `SQLite error 19 (extended 787): FOREIGN KEY constraint failed - while executing: INSERT ...`
    public var description: String {
        var text = "SQLite error \(resultCode)"
        if extendedResultCode != resultCode {
            text += " (extended \(extendedResultCode))"
        }
        text += ": \(message)"
        if let sql {
            text += " - while executing: \(sql)"
        }
        return text
    }

    /// Whether this error has `code`: the same primary code for a primary ``Code``, the same extended code otherwise.
    public func matches(_ code: Code) -> Bool {
        if code.rawValue & ~0xFF == 0 {
            return resultCode == code.rawValue
        }
        return extendedResultCode == code.rawValue
    }

    /// The error SQLite has recorded on `connection` for a call that returned `code`.
    static func lastError(on connection: OpaquePointer?, code: Int32, sql: String?) -> SQLiteError {
        guard let connection else {
            return SQLiteError(extendedResultCode: code, message: String(cString: sqlite3_errstr(code)), sql: sql)
        }
        let extended = sqlite3_extended_errcode(connection)
        // sqlite3_extended_errcode may describe an older call if `code` came from somewhere else; prefer `code`.
        let resolved = extended & 0xFF == code & 0xFF ? extended : code
        return SQLiteError(extendedResultCode: resolved, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }

    /// An API misuse caught on our side (closed database, finalized statement, wrong binding count).
    static func apiMisuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(extendedResultCode: SQLITE_MISUSE, message: message, sql: sql)
    }
}

// MARK: - Codes and pattern matching

extension SQLiteError {
    /// A result code to match errors against; see the type's documentation for primary vs extended matching.
    public struct Code: RawRepresentable, Sendable, Hashable {
        /// The numeric SQLite result code.
        public let rawValue: Int32

        /// Wraps a numeric result code, e.g. `Code(rawValue: SQLITE_CONSTRAINT | 10 << 8)` (`SQLITE_CONSTRAINT_ROWID`).
        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// `catch SQLiteError.constraint` on a typed `throws(SQLiteError)` call.
        public static func ~= (pattern: Code, error: SQLiteError) -> Bool {
            error.matches(pattern)
        }

        /// `catch SQLiteError.constraint` on an untyped `throws` call (e.g. inside ``Database/transaction(_:)``).
        public static func ~= (pattern: Code, error: any Error) -> Bool {
            guard let error = error as? SQLiteError else { return false }
            return error.matches(pattern)
        }
    }
}

// MARK: - Result codes

extension SQLiteError.Code {
    /// `SQLITE_ERROR`: generic error, including SQL syntax errors and missing tables.
    public static let error = Self(rawValue: SQLITE_ERROR)
    /// `SQLITE_INTERNAL`.
    public static let `internal` = Self(rawValue: SQLITE_INTERNAL)
    /// `SQLITE_PERM`.
    public static let permission = Self(rawValue: SQLITE_PERM)
    /// `SQLITE_ABORT`: a callback or `ROLLBACK` aborted the operation.
    public static let abort = Self(rawValue: SQLITE_ABORT)
    /// `SQLITE_BUSY`: another connection holds the lock for longer than the busy timeout.
    public static let busy = Self(rawValue: SQLITE_BUSY)
    /// `SQLITE_LOCKED`: a conflict within this connection (e.g. dropping a table a running statement reads).
    public static let locked = Self(rawValue: SQLITE_LOCKED)
    /// `SQLITE_NOMEM`.
    public static let noMemory = Self(rawValue: SQLITE_NOMEM)
    /// `SQLITE_READONLY`.
    public static let readOnly = Self(rawValue: SQLITE_READONLY)
    /// `SQLITE_INTERRUPT`.
    public static let interrupt = Self(rawValue: SQLITE_INTERRUPT)
    /// `SQLITE_IOERR`.
    public static let ioError = Self(rawValue: SQLITE_IOERR)
    /// `SQLITE_CORRUPT`.
    public static let corrupt = Self(rawValue: SQLITE_CORRUPT)
    /// `SQLITE_FULL`.
    public static let full = Self(rawValue: SQLITE_FULL)
    /// `SQLITE_CANTOPEN`: the database file could not be opened.
    public static let cannotOpen = Self(rawValue: SQLITE_CANTOPEN)
    /// `SQLITE_SCHEMA`.
    public static let schema = Self(rawValue: SQLITE_SCHEMA)
    /// `SQLITE_TOOBIG`.
    public static let tooBig = Self(rawValue: SQLITE_TOOBIG)
    /// `SQLITE_CONSTRAINT`: any constraint violation (unique, foreign key, not null, check...).
    public static let constraint = Self(rawValue: SQLITE_CONSTRAINT)
    /// `SQLITE_MISMATCH`: e.g. a non-integer into an `INTEGER PRIMARY KEY` or a `STRICT` column.
    public static let mismatch = Self(rawValue: SQLITE_MISMATCH)
    /// `SQLITE_MISUSE`: the API was used wrongly (also used for our own checks: closed database, binding count).
    public static let misuse = Self(rawValue: SQLITE_MISUSE)
    /// `SQLITE_RANGE`: a binding index or name that the statement does not have.
    public static let range = Self(rawValue: SQLITE_RANGE)

    // The extended codes are function-like macros in sqlite3.h that Swift does not import; values from sqlite3.h.

    /// `SQLITE_CONSTRAINT_FOREIGNKEY` (787).
    public static let constraintForeignKey = Self(rawValue: SQLITE_CONSTRAINT | 3 << 8)
    /// `SQLITE_CONSTRAINT_UNIQUE`.
    public static let constraintUnique = Self(rawValue: SQLITE_CONSTRAINT | 8 << 8)
    /// `SQLITE_CONSTRAINT_PRIMARYKEY`.
    public static let constraintPrimaryKey = Self(rawValue: SQLITE_CONSTRAINT | 6 << 8)
    /// `SQLITE_CONSTRAINT_NOTNULL`.
    public static let constraintNotNull = Self(rawValue: SQLITE_CONSTRAINT | 5 << 8)
    /// `SQLITE_CONSTRAINT_CHECK`.
    public static let constraintCheck = Self(rawValue: SQLITE_CONSTRAINT | 1 << 8)
    /// `SQLITE_CONSTRAINT_TRIGGER` (a `RAISE(ABORT, ...)` in a trigger).
    public static let constraintTrigger = Self(rawValue: SQLITE_CONSTRAINT | 7 << 8)
}

// MARK: - Result codes as SQLiteError members

/// The same codes spelled on the error type, so that `catch SQLiteError.constraint` reads naturally (GRDB offers both
/// spellings too); `error.matches(.constraint)` uses the ``SQLiteError/Code`` ones.
extension SQLiteError {
    /// ``Code/error``.
    public static let error = Code.error
    /// ``Code/internal``.
    public static let `internal` = Code.`internal`
    /// ``Code/permission``.
    public static let permission = Code.permission
    /// ``Code/abort``.
    public static let abort = Code.abort
    /// ``Code/busy``.
    public static let busy = Code.busy
    /// ``Code/locked``.
    public static let locked = Code.locked
    /// ``Code/noMemory``.
    public static let noMemory = Code.noMemory
    /// ``Code/readOnly``.
    public static let readOnly = Code.readOnly
    /// ``Code/interrupt``.
    public static let interrupt = Code.interrupt
    /// ``Code/ioError``.
    public static let ioError = Code.ioError
    /// ``Code/corrupt``.
    public static let corrupt = Code.corrupt
    /// ``Code/full``.
    public static let full = Code.full
    /// ``Code/cannotOpen``.
    public static let cannotOpen = Code.cannotOpen
    /// ``Code/schema``.
    public static let schema = Code.schema
    /// ``Code/tooBig``.
    public static let tooBig = Code.tooBig
    /// ``Code/constraint``.
    public static let constraint = Code.constraint
    /// ``Code/mismatch``.
    public static let mismatch = Code.mismatch
    /// ``Code/misuse``.
    public static let misuse = Code.misuse
    /// ``Code/range``.
    public static let range = Code.range
    /// ``Code/constraintForeignKey``.
    public static let constraintForeignKey = Code.constraintForeignKey
    /// ``Code/constraintUnique``.
    public static let constraintUnique = Code.constraintUnique
    /// ``Code/constraintPrimaryKey``.
    public static let constraintPrimaryKey = Code.constraintPrimaryKey
    /// ``Code/constraintNotNull``.
    public static let constraintNotNull = Code.constraintNotNull
    /// ``Code/constraintCheck``.
    public static let constraintCheck = Code.constraintCheck
    /// ``Code/constraintTrigger``.
    public static let constraintTrigger = Code.constraintTrigger
}
