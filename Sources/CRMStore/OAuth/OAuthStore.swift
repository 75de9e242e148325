import SQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// OAuth applications and their tokens: issue, check, refresh.
///
/// Access tokens live an hour and refresh tokens 180 days by default, as on Bitrix24; a refresh revokes the pair it
/// used, so a refresh token works once. Every time comes from the caller, so tests move a clock instead of sleeping.
public struct OAuthStore {
    let database: Database

    public static let accessTokenLifetime: Int64 = 3600
    public static let refreshTokenLifetime: Int64 = 180 * 86_400
    static let prefixLength = 8

    /// Registers an application; returns its id.
    @discardableResult
    public func registerApplication(clientID: String, secret: String, title: String, scopes: [String]) throws -> Int64 {
        try database.cachedStatement(
            "INSERT INTO b_rest_app (CLIENT_ID, CLIENT_SECRET, TITLE, SCOPE) VALUES (?, ?, ?, ?)"
        ).run(.text(clientID), .text(secret), .text(title), .text(scopes.joined(separator: ",")))
        return database.lastInsertRowID
    }

    /// The scopes an application was registered with; `nil` when there is no such application.
    public func applicationScopes(clientID: String) throws -> [String]? {
        try database.cachedStatement("SELECT SCOPE FROM b_rest_app WHERE CLIENT_ID = ?").firstRow(.text(clientID))
            .map { Self.scopes($0[0].textValue ?? "") }
    }

    /// Issues a pair of tokens of an application to a user; given tokens are kept (fixtures name theirs), missing
    /// ones are generated. `nil` when there is no such application.
    public func issue(
        clientID: String, userID: Int64, scopes: [String]?, accessToken: String? = nil, refreshToken: String? = nil,
        expiresIn: Int64 = accessTokenLifetime, now: Int64
    ) throws -> OAuthTokenPair? {
        guard
            let app = try database.cachedStatement("SELECT ID, SCOPE FROM b_rest_app WHERE CLIENT_ID = ?")
                .firstRow(.text(clientID)), let appID = app[0].integerValue
        else { return nil }
        let granted = scopes ?? Self.scopes(app[1].textValue ?? "")
        let access = accessToken ?? Self.randomToken()
        let refresh = refreshToken ?? Self.randomToken()
        try database.cachedStatement(
            """
            INSERT INTO b_rest_oauth_token (APP_ID, USER_ID, ACCESS_TOKEN, ACCESS_PREFIX, REFRESH_TOKEN, REFRESH_PREFIX,
                SCOPE, EXPIRES, REFRESH_EXPIRES)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).run(
            .integer(appID), .integer(userID), .text(access), .text(Self.prefix(access)), .text(refresh),
            .text(Self.prefix(refresh)), .text(granted.joined(separator: ",")), .integer(now + expiresIn),
            .integer(now + Self.refreshTokenLifetime))
        return OAuthTokenPair(
            accessToken: access, refreshToken: refresh, expires: now + expiresIn, expiresIn: expiresIn,
            scopes: granted, userID: userID, clientID: clientID)
    }

    /// The live (not revoked) token with this access token, whether expired or not: the caller decides between
    /// `expired_token` and success. Compared in constant time.
    public func grant(accessToken: String) throws -> OAuthGrant? {
        let candidates = try database.cachedStatement(
            """
            SELECT t.ID, t.ACCESS_TOKEN, a.CLIENT_ID, t.USER_ID, t.SCOPE, t.EXPIRES
            FROM b_rest_oauth_token t JOIN b_rest_app a ON a.ID = t.APP_ID
            WHERE t.ACCESS_PREFIX = ? AND t.REVOKED = 'N'
            """
        ).rows(.text(Self.prefix(accessToken)))
        var found: OAuthGrant?
        for row in candidates {
            if ConstantTimeComparison.equal(row[1].textValue ?? "", accessToken) {
                found = OAuthGrant(
                    tokenID: row[0].integerValue ?? 0, clientID: row[2].textValue ?? "",
                    userID: row[3].integerValue ?? 0, scopes: Set(Self.scopes(row[4].textValue ?? "")),
                    expires: row[5].integerValue ?? 0)
            }
        }
        return found
    }

    /// Exchanges a refresh token for a new pair (`grant_type=refresh_token`); the old pair is revoked.
    public func refresh(clientID: String, secret: String, refreshToken: String, now: Int64) throws -> OAuthRefresh {
        guard
            let app = try database.cachedStatement("SELECT ID, CLIENT_SECRET FROM b_rest_app WHERE CLIENT_ID = ?")
                .firstRow(.text(clientID))
        else { return .unknownClient }
        guard ConstantTimeComparison.equal(app[1].textValue ?? "", secret) else { return .wrongSecret }
        let candidates = try database.cachedStatement(
            """
            SELECT ID, REFRESH_TOKEN, USER_ID, SCOPE, REFRESH_EXPIRES FROM b_rest_oauth_token
            WHERE REFRESH_PREFIX = ? AND APP_ID = ? AND REVOKED = 'N'
            """
        ).rows(.text(Self.prefix(refreshToken)), app[0])
        for row in candidates where ConstantTimeComparison.equal(row[1].textValue ?? "", refreshToken) {
            guard (row[4].integerValue ?? 0) > now, let tokenID = row[0].integerValue else { return .invalidGrant }
            try database.cachedStatement("UPDATE b_rest_oauth_token SET REVOKED = 'Y' WHERE ID = ?").run(
                .integer(tokenID))
            guard
                let pair = try issue(
                    clientID: clientID, userID: row[2].integerValue ?? 0,
                    scopes: Self.scopes(row[3].textValue ?? ""), now: now)
            else { return .unknownClient }
            return .issued(pair)
        }
        return .invalidGrant
    }

    static func scopes(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0) }.filter { !$0.isEmpty }
    }

    static func prefix(_ token: String) -> String {
        String(token.prefix(prefixLength))
    }

    /// 32 lower-case hex digits from the system's random source, like the portal's tokens.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<32).map { _ in digits[Int(generator.next() % 16)] })
    }
}
