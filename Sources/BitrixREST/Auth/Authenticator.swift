import CRMStore
import HTTPServer

/// Finds out who is calling, in the portal's order: webhook path segments, else an OAuth token (header
/// `Authorization: Bearer`, then parameter `auth`, then `access_token`), else no credentials at all.
///
/// The auth parameters are removed from the call's parameters, as the portal's `parameters_clear` does, so methods
/// never see them.
public struct Authenticator: Sendable {
    public var mode: AuthMode
    /// The user calls without credentials run as in open mode.
    public var defaultUserID: Int64

    public init(mode: AuthMode, defaultUserID: Int64 = 1) {
        self.mode = mode
        self.defaultUserID = defaultUserID
    }

    /// - Parameter now: Unix time, for token expiry; the caller's clock, so tests can move it.
    public func authenticate(
        route: RESTRoute, request: HTTPRequest, parameters: inout RESTParameters, store: CRMStore, now: Double
    ) throws(RESTError) -> RESTCaller {
        let token = Self.accessToken(request: request, parameters: &parameters)
        if let webhook = route.webhook {
            return try authenticateWebhook(webhook, store: store)
        }
        if let token {
            return try authenticateToken(token, store: store, now: now)
        }
        guard mode == .open else { throw .noAuthFound }
        guard let actor = try loadActor(userID: defaultUserID, store: store) else {
            throw RESTError(code: "authorization_error", message: "Unable to authorize user", status: 401)
        }
        return RESTCaller(credential: .open, actor: actor, scopes: nil)
    }

    private func authenticateWebhook(_ webhook: RESTRoute.WebhookPath, store: CRMStore) throws(RESTError) -> RESTCaller
    {
        guard let userID = Int64(webhook.user), userID > 0 else { throw .invalidCredentials }
        let found: (WebhookCredential, CRMActor)?
        do {
            found = try store.webhookCaller(userID: userID, token: webhook.token)
        } catch {
            throw .sqlQueryFailed
        }
        guard let (credential, actor) = found else { throw .invalidCredentials }
        return RESTCaller(credential: .webhook(id: credential.id), actor: actor, scopes: credential.scopes)
    }

    /// An OAuth access token: unknown or revoked → `invalid_token`, past its expiry → `expired_token`.
    private func authenticateToken(_ token: String, store: CRMStore, now: Double) throws(RESTError) -> RESTCaller {
        let found: (OAuthGrant, CRMActor?)?
        do {
            found = try store.read { session -> (OAuthGrant, CRMActor?)? in
                guard let grant = try session.oauth.grant(accessToken: token) else { return nil }
                return (grant, try session.users.actor(userID: grant.userID))
            }
        } catch {
            throw .sqlQueryFailed
        }
        guard let (grant, actor) = found else { throw .invalidToken }
        guard Double(grant.expires) > now else { throw .expiredToken }
        guard let actor else {
            throw RESTError(code: "authorization_error", message: "Unable to authorize user", status: 401)
        }
        return RESTCaller(
            credential: .oauth(tokenID: grant.tokenID, clientID: grant.clientID), actor: actor, scopes: grant.scopes)
    }

    private func loadActor(userID: Int64, store: CRMStore) throws(RESTError) -> CRMActor? {
        do {
            return try store.actor(userID: userID)
        } catch {
            throw .sqlQueryFailed
        }
    }

    /// The OAuth access token of a request, if any; removes `auth` and `access_token` from the parameters.
    static func accessToken(request: HTTPRequest, parameters: inout RESTParameters) -> String? {
        let auth = parameters.remove("auth")
        let accessToken = parameters.remove("access_token")
        if let header = request.headers["authorization"], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        {
            let token = header.dropFirst(7).trimmingSpaces
            if !token.isEmpty { return token }
        }
        for value in [auth, accessToken] {
            if case .string(let token)? = value, !token.isEmpty { return token }
        }
        return nil
    }
}
