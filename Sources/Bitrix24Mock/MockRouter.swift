import BitrixREST
import CRMStore
import HTTPServer
import JSON

/// The first stop of every request: `/_mock/...` goes to the mock's own endpoints, everything else to the REST
/// service, which answers exactly as a portal.
struct MockRouter: HTTPRequestHandler {
    let rest: RESTService
    let oauth: OAuthTokenEndpoint

    static let controlPrefix = "/_mock/"

    func respond(to request: HTTPRequest) -> HTTPResponse {
        if OAuthTokenEndpoint.handles(path: request.path) {
            return oauth.respond(to: request)
        }
        guard request.path.hasPrefix(Self.controlPrefix) else {
            return rest.respond(to: request)
        }
        switch (request.method, request.path) {
        case (.get, "/_mock/health"), (.head, "/_mock/health"):
            return Self.json(["status": "ok", "version": .string(MockVersion.current)])
        case (.post, "/_mock/oauth/tokens"):
            return issueToken(request)
        default:
            return Self.json(
                [
                    "error": "NOT_FOUND",
                    "error_description": .string("No mock endpoint \(request.method.rawValue) \(request.path)"),
                ], status: .notFound)
        }
    }

    /// Only the REST service defers answers.
    func respond(toDeferred work: [any Sendable]) -> [HTTPResponse] {
        rest.respond(toDeferred: work)
    }

    /// `POST /_mock/oauth/tokens` with a JSON body `{"client_id", "user_id", "scope"?, "expires_in"?}`: issues a token
    /// pair as if the user had authorized the application; answers with the OAuth server's token JSON. A negative
    /// `expires_in` gives an access token that has already expired, to test a client's refresh.
    private func issueToken(_ request: HTTPRequest) -> HTTPResponse {
        guard case .object(let body)? = try? JSONParser.parse(request.body) else {
            return Self.controlError("a JSON object body is required")
        }
        guard let clientID = body["client_id"]?.stringValue, case .int(let userID)? = body["user_id"] else {
            return Self.controlError("client_id (string) and user_id (integer) are required")
        }
        var scopes: [String]?
        switch body["scope"] {
        case .string(let text)?: scopes = text.split(separator: ",").map(String.init)
        case .array(let items)?: scopes = items.compactMap(\.stringValue)
        default: break
        }
        var expiresIn = OAuthStore.accessTokenLifetime
        if case .int(let seconds)? = body["expires_in"] { expiresIn = seconds }
        let now = Int64(oauth.clock.now())
        do {
            let pair = try rest.store.write { session -> OAuthTokenPair? in
                guard try session.users.actor(userID: userID) != nil else { return nil }
                return try session.oauth.issue(
                    clientID: clientID, userID: userID, scopes: scopes, expiresIn: expiresIn, now: now)
            }
            guard let pair else { return Self.controlError("no application \(clientID) or no active user \(userID)") }
            return .json(.ok, body: OAuthTokenEndpoint.body(pair, host: request.headers["host"] ?? "localhost"))
        } catch {
            return Self.json(
                ["error": "ERROR_CORE", "error_description": .string("\(error)")], status: .internalServerError)
        }
    }

    private static func controlError(_ message: String) -> HTTPResponse {
        json(["error": "INVALID_REQUEST", "error_description": .string(message)], status: .badRequest)
    }

    private static func json(_ object: JSONObject, status: HTTPStatus = .ok) -> HTTPResponse {
        var writer = JSONWriter(options: [.escapeSlashes])
        writer.write(.object(object))
        return .json(status, body: writer.bytes)
    }
}
