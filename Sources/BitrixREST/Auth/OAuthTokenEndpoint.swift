import CRMStore
import HTTPServer
import JSON

/// The OAuth server's token endpoint (`https://oauth.bitrix.info/oauth/token/`), served by the mock itself so that
/// clients which refresh on `expired_token` can be tested end to end.
///
/// `grant_type=refresh_token` with `client_id`, `client_secret` and `refresh_token`, as a GET query (PHP and Python
/// SDKs) or a form POST (CRest). Answers as the OAuth server does: 400 `invalid_grant` for a bad refresh token, 400
/// `invalid_client` for a wrong secret, and HTTP 200 `wrong_client` for an unknown client id.
public struct OAuthTokenEndpoint: Sendable {
    public let store: CRMStore
    public let clock: any RESTClock

    public init(store: CRMStore, clock: any RESTClock) {
        self.store = store
        self.clock = clock
    }

    /// The portal's `member_id`, a fixed value for the mock portal.
    public static let memberID = "b24e3f0c5a1d4e6f8a9b0c1d2e3f4a5b"

    /// Paths the endpoint answers on; the PHP SDK's default server URL ends in `/`, so it asks for `//oauth/token/`.
    public static func handles(path: String) -> Bool {
        ["/oauth/token", "/oauth/token/", "//oauth/token/", "//oauth/token"].contains(path)
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        var parameters = PHPFormDecoder.decode(request.queryItems)
        if request.method == .post {
            for (key, value) in PHPFormDecoder.decode(URLEncodedForm.parse(request.body)) {
                parameters[key] = value
            }
        }
        func text(_ key: String) -> String { parameters[key]?.scalarText ?? "" }
        guard text("grant_type") == "refresh_token" else {
            return Self.error("invalid_request", "Invalid grant_type parameter or parameter missing", status: 400)
        }
        guard !text("refresh_token").isEmpty else {
            return Self.error("invalid_request", "No \"refresh_token\" parameter found", status: 400)
        }
        let now = Int64(clock.now())
        let outcome: OAuthRefresh
        do {
            outcome = try store.write { session in
                try session.oauth.refresh(
                    clientID: text("client_id"), secret: text("client_secret"), refreshToken: text("refresh_token"),
                    now: now)
            }
        } catch {
            return Self.error("server_error", "The mock could not read its database", status: 500)
        }
        switch outcome {
        case .issued(let pair):
            return .json(.ok, body: Self.body(pair, host: request.headers["host"] ?? "localhost"))
        case .unknownClient:
            return Self.error("wrong_client", nil, status: 200)
        case .wrongSecret:
            return Self.error("invalid_client", nil, status: 400)
        case .invalidGrant:
            return Self.error("invalid_grant", nil, status: 400)
        }
    }

    /// The token answer in the OAuth server's key order; endpoints point back at the mock.
    public static func body(_ pair: OAuthTokenPair, host: String) -> [UInt8] {
        let endpoint = "http://\(host)/rest/"
        var writer = JSONWriter(options: .php)
        writer.write(
            [
                "access_token": .string(pair.accessToken), "client_endpoint": .string(endpoint),
                "domain": .string(host), "expires": .int(pair.expires), "expires_in": .int(pair.expiresIn),
                "member_id": .string(memberID), "refresh_token": .string(pair.refreshToken),
                "scope": .string(pair.scopes.joined(separator: ",")), "server_endpoint": .string(endpoint),
                "status": "L", "user_id": .int(pair.userID),
            ])
        return writer.bytes
    }

    static func error(_ code: String, _ description: String?, status: Int) -> HTTPResponse {
        var object: JSONObject = ["error": .string(code)]
        if let description { object["error_description"] = .string(description) }
        var writer = JSONWriter(options: .php)
        writer.write(.object(object))
        return .json(HTTPStatus(code: status), body: writer.bytes)
    }
}
