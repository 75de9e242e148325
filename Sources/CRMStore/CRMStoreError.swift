import SQLite

/// What can go wrong when opening or filling the store, as opposed to an operation's expected outcomes (not found,
/// access denied), which are return values.
public enum CRMStoreError: Error, Sendable, CustomStringConvertible {
    /// The database file was written by a newer bitrix24-mock.
    case schemaTooNew(found: Int, supported: Int)
    /// SQLite refused an operation; the statement and SQLite's message are inside.
    case database(SQLiteError)

    public var description: String {
        switch self {
        case .schemaTooNew(let found, let supported):
            "database schema version \(found) is newer than this build supports (\(supported))"
        case .database(let error):
            "database error: \(error)"
        }
    }
}
