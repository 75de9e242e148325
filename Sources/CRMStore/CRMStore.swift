import SQLite
import Synchronization

/// The CRM's data: one SQLite connection behind one lock, so concurrent REST calls see each other's work whole.
///
/// Every operation runs inside `read` or `write`; `write` wraps its body in a transaction, so a delete with its whole
/// cascade either happens entirely or not at all, and two concurrent deletes of one lead are serialized: the first
/// deletes it, the second finds nothing.
public final class CRMStore: Sendable {
    /// Where the data lives: `:memory:` or a file in WAL mode.
    public let location: Database.Location
    private let connection: Mutex<Database>
    private let clock: @Sendable () -> CRMDateTime

    /// Opens (creating if needed) the database and brings its schema up to date.
    ///
    /// - Parameter clock: the time written into DATE_CREATE, DATE_MODIFY and history rows; tests pass a fixed one.
    public init(location: Database.Location, clock: @escaping @Sendable () -> CRMDateTime = { .now() }) throws {
        let database = try Database(location: location)
        _ = try Migration.migrate(database)
        self.location = location
        self.clock = clock
        self.connection = Mutex(database)
    }

    /// Runs `body` with the connection held; use for reads that must see one consistent state.
    public func read<T: Sendable>(_ body: (CRMSession) throws -> T) throws -> T {
        let now = clock()
        return try connection.withLock { database in
            try body(CRMSession(database: database, now: now))
        }
    }

    /// Runs `body` in one transaction with the connection held: all of its changes commit, or none do.
    public func write<T: Sendable>(_ body: (CRMSession) throws -> T) throws -> T {
        let now = clock()
        return try connection.withLock { database in
            try database.transaction {
                try body(CRMSession(database: database, now: now))
            }
        }
    }

    /// Runs `body` with the raw connection held, for maintenance outside the CRM model (tests, diagnostics).
    public func withDatabase<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        try connection.withLock { database in try body(database) }
    }

    /// Closes the connection; the store must not be used afterwards.
    public func close() {
        connection.withLock { database in database.close() }
    }
}
