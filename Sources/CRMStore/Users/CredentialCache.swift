import Synchronization

/// Users' CRM rights and webhooks, kept in memory between requests so authentication costs no query on the hot
/// path.
///
/// Exact, not time-based: the store bumps `version` whenever SQLite reports a changed row in one of the tables
/// behind it (users, roles, webhooks), and an entry loaded under an older version is never used or stored.
final class CredentialCache: Sendable {
    static let tables: Set<String> = [
        "b_user", "b_crm_role", "b_crm_role_perms", "b_crm_role_relation", "b_rest_ap", "b_rest_ap_permission",
    ]

    struct Webhook: Sendable {
        var token: String
        var credential: WebhookCredential
    }

    private struct State {
        var version = 0
        var actors: [Int64: CRMActor?] = [:]
        var webhooks: [Int64: [Webhook]] = [:]
    }

    private let state = Mutex(State())

    var version: Int { state.withLock { $0.version } }

    /// Forgets everything; called when a row of one of `tables` changes.
    func invalidate() {
        state.withLock { state in
            state.version += 1
            state.actors.removeAll()
            state.webhooks.removeAll()
        }
    }

    func actor(userID: Int64) -> CRMActor?? {
        state.withLock { $0.actors[userID] }
    }

    func webhooks(userID: Int64) -> [Webhook]? {
        state.withLock { $0.webhooks[userID] }
    }

    /// Stores what was read under `version`, unless the tables changed meanwhile.
    func store(actor: CRMActor?, webhooks: [Webhook]?, userID: Int64, readAt version: Int) {
        state.withLock { state in
            guard state.version == version else { return }
            state.actors[userID] = .some(actor)
            if let webhooks { state.webhooks[userID] = webhooks }
        }
    }
}
