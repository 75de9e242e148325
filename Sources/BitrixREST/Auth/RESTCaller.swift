import CRMStore

/// Who is calling, established once per request from its credentials.
public struct RESTCaller: Sendable, Equatable {
    /// How the caller proved who they are.
    public enum Credential: Sendable, Equatable {
        /// No credentials, let in by `AuthMode.open` as the default user.
        case open
        /// An incoming webhook (`b_rest_ap.ID`).
        case webhook(id: Int64)
    }

    public var credential: Credential
    /// The user and what their CRM roles allow.
    public var actor: CRMActor
    /// The scopes the credential grants; `nil` when it is not limited (open mode).
    public var scopes: Set<String>?

    public var userID: Int64 { actor.userID }

    /// The key operating time is accounted under, like the portal's `password_id` or `client_id`.
    public var ledgerKey: String {
        switch credential {
        case .open: "open:\(actor.userID)"
        case .webhook(let id): "webhook:\(id)"
        }
    }

    /// Whether the credential allows methods of this scope.
    public func allows(scope: String) -> Bool {
        scopes?.contains(scope) ?? true
    }
}
