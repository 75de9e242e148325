import SQLite

/// The CRM's data: one SQLite connection behind one lock, so concurrent REST calls see each other's work whole.
///
/// Every operation runs inside `read` or `write`; `write` wraps its body in a transaction, so a delete with its whole
/// cascade either happens entirely or not at all, and two concurrent deletes of one lead are serialized: the first
/// deletes it, the second finds nothing.
public final class CRMStore: Sendable {
    /// Where the data lives: `:memory:` or a file in WAL mode.
    public let location: Database.Location
    private let connection: StoreLock<Database>
    private let clock: @Sendable () -> CRMDateTime
    private let credentials = CredentialCache()
    private let userFields = UserFieldCache()

    /// Opens (creating if needed) the database and brings its schema up to date.
    ///
    /// - Parameter clock: the time written into DATE_CREATE, DATE_MODIFY and history rows; tests pass a fixed one.
    public init(location: Database.Location, clock: @escaping @Sendable () -> CRMDateTime = { .now() }) throws {
        let database = try Database(location: location)
        _ = try Migration.migrate(database)
        let credentials = self.credentials
        let userFields = self.userFields
        database.onRowChange(in: CredentialCache.tables.union([UserFieldCache.table])) { table in
            if table == UserFieldCache.table { userFields.invalidate() } else { credentials.invalidate() }
        }
        self.location = location
        self.clock = clock
        self.connection = StoreLock(database)
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

    /// A user with their CRM rights, from memory when nothing about users or roles changed since it was read.
    public func actor(userID: Int64) throws -> CRMActor? {
        if let cached = credentials.actor(userID: userID) { return cached }
        let version = credentials.version
        let actor = try read { try $0.users.actor(userID: userID) }
        credentials.store(actor: actor, webhooks: nil, userID: userID, readAt: version)
        return actor
    }

    /// The webhook of a user matching `token` (compared in constant time) and the user's rights; `nil` for wrong
    /// credentials. Served from memory when users, roles and webhooks are unchanged.
    public func webhookCaller(userID: Int64, token: String) throws -> (WebhookCredential, CRMActor)? {
        if let webhooks = credentials.webhooks(userID: userID), let cachedActor = credentials.actor(userID: userID) {
            guard let credential = UserStore.match(token, in: webhooks), let actor = cachedActor else { return nil }
            return (credential, actor)
        }
        let version = credentials.version
        let (webhooks, actor) = try read { session in
            (try session.users.webhooks(userID: userID), try session.users.actor(userID: userID))
        }
        credentials.store(actor: actor, webhooks: webhooks, userID: userID, readAt: version)
        guard let credential = UserStore.match(token, in: webhooks), let actor else { return nil }
        return (credential, actor)
    }

    /// The lead user fields (without their settings), from memory when none was defined since they were read.
    public func leadUserFields() throws -> [UserFieldDefinition] {
        if let cached = userFields.cached { return cached }
        // Loaded under the lock and outside any transaction (a write holds the lock until it commits or rolls back),
        // so what is kept is committed, and an invalidation cannot slip in between the read and the store.
        return try read { session in
            let definitions = try session.userFields.leadFields()
            userFields.store(definitions)
            return definitions
        }
    }

    /// Closes the connection; the store must not be used afterwards.
    public func close() {
        connection.withLock { database in database.close() }
    }
}
