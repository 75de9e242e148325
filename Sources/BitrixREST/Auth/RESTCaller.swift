import CRMStore

/// Who is calling, established once per request from its credentials.
public struct RESTCaller: Sendable, Equatable {
    /// How the caller proved who they are.
    public enum Credential: Sendable, Equatable {
        /// No credentials, let in by `AuthMode.open` as the default user.
        case open
        /// An incoming webhook (`b_rest_ap.ID`).
        case webhook(id: Int64)
        /// An OAuth access token of an application.
        case oauth(tokenID: Int64, clientID: String)
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
        case .oauth(_, let clientID): "app:\(clientID)"
        }
    }

    /// Methods every credential may call (`CRestUtil::GLOBAL_SCOPE`): `batch`, `profile`, `scope`, `methods`, ...
    public static let globalScope = "_global"

    /// Whether the credential allows methods of this scope; `user` is also satisfied by `user_basic` and
    /// `user_brief`, as the portal's alternative scopes have it.
    public func allows(scope: String) -> Bool {
        guard scope != Self.globalScope, let scopes else { return true }
        if scopes.contains(scope) { return true }
        return scope == "user" && !scopes.isDisjoint(with: ["user_basic", "user_brief"])
    }
}
