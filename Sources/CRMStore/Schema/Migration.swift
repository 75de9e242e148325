import SQLite

/// One step of the schema, applied once and remembered in `PRAGMA user_version`.
struct Migration: Sendable {
    let version: Int
    let sql: String

    /// Every migration in order; a new schema change is a new entry here, never an edit of an old one.
    static let all: [Migration] = [
        Migration(version: 1, sql: SchemaV1.sql)
    ]

    /// Brings a database up to the newest version, each step in its own transaction.
    static func migrate(_ database: Database) throws -> Int {
        let current = try database.userVersion
        let newest = all.last?.version ?? 0
        guard current <= newest else {
            throw CRMStoreError.schemaTooNew(found: current, supported: newest)
        }
        for migration in all where migration.version > current {
            try database.transaction {
                try database.execute(migration.sql)
                try database.setUserVersion(migration.version)
            }
        }
        return newest
    }
}
