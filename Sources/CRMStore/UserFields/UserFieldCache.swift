import Synchronization

/// The lead user-field definitions, kept in memory between requests: every lead method needs them, and they change
/// only when a field is defined.
///
/// Exact, like `CredentialCache`: the store forgets them whenever SQLite reports a changed row in `b_user_field`, and
/// loads them only outside any transaction, so uncommitted definitions are never kept.
final class UserFieldCache: Sendable {
    static let table = "b_user_field"

    private let definitions = Mutex<[UserFieldDefinition]?>(nil)

    var cached: [UserFieldDefinition]? { definitions.withLock { $0 } }

    func store(_ loaded: [UserFieldDefinition]) {
        definitions.withLock { $0 = loaded }
    }

    func invalidate() {
        definitions.withLock { $0 = nil }
    }
}
