/// An OAuth access token that matched, with what it grants.
public struct OAuthGrant: Sendable, Equatable {
    /// `b_rest_oauth_token.ID`.
    public var tokenID: Int64
    public var clientID: String
    public var userID: Int64
    public var scopes: Set<String>
    /// Unix time at which the access token stops working.
    public var expires: Int64
}

/// A freshly issued pair of tokens, as the OAuth server hands them out.
public struct OAuthTokenPair: Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String
    public var expires: Int64
    public var expiresIn: Int64
    public var scopes: [String]
    public var userID: Int64
    public var clientID: String
}

/// What a refresh request came to (`/oauth/token/?grant_type=refresh_token`).
public enum OAuthRefresh: Sendable, Equatable {
    case issued(OAuthTokenPair)
    /// No application with this client id (the OAuth server answers `wrong_client`).
    case unknownClient
    /// The client secret does not match (`invalid_client`).
    case wrongSecret
    /// No live token with this refresh token for this application (`invalid_grant`).
    case invalidGrant
}
