/// What a handler answers: status, headers and body, plus switches for fault injection.
///
/// The server adds `Content-Length`, `Date`, `Connection` and the configured default headers when writing it, so
/// a handler only sets what is specific to its answer.
public struct HTTPResponse: Sendable, Equatable {
    /// The status line's code and reason phrase.
    public var status: HTTPStatus
    /// Headers to send. `Content-Length`, `Connection` and `Transfer-Encoding` are managed by the server (a
    /// `Connection: close` here is honoured); a `Date` here replaces the server's.
    public var headers: HTTPHeaders
    /// The body; not sent for `HEAD` requests or statuses that have no body (1xx, 204, 304).
    public var body: [UInt8]
    /// If set, the response is written only after this delay, without blocking the event loop; requests
    /// pipelined behind it wait their turn. Used to simulate slow servers.
    public var delay: Duration?
    /// Close the connection after writing this response.
    public var closesConnection: Bool
    /// Close the connection without writing this response at all, to simulate a crashed server.
    public var dropsConnection: Bool
    /// Set (through ``deferred(_:)``) when the handler answers this request later, together with the other requests
    /// it deferred during the same pass of the event loop; the other fields are then ignored.
    public var deferral: HTTPDeferral?

    /// Creates a response; without arguments, an empty `200 OK`.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = nil
        self.closesConnection = false
        self.dropsConnection = false
        self.deferral = nil
    }

    /// Puts the answer off until the event loop has read every connection that was ready: the loop then passes
    /// `work`, with that of every other request deferred in the same pass, to
    /// ``HTTPRequestHandler/respond(toDeferred:)``. Meanwhile the connection reads nothing more, so requests
    /// pipelined behind this one keep their order.
    public static func deferred(_ work: any Sendable) -> HTTPResponse {
        var response = HTTPResponse()
        response.deferral = HTTPDeferral(work: work)
        return response
    }

    /// A JSON response: sets `Content-Type: application/json; charset=utf-8`.
    public static func json(_ status: HTTPStatus = .ok, body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: body)
    }
}
