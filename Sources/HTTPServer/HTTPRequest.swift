/// A parsed HTTP request, as handed to an `HTTPRequestHandler`.
///
/// The body is complete and de-chunked; the path is already percent-decoded, while the query stays raw so that
/// callers decide how to decode it (`queryItems` applies form decoding).
public struct HTTPRequest: Sendable, Equatable {
    /// The request method.
    public var method: HTTPMethod
    /// The request-target exactly as received, e.g. `/rest/crm.lead.delete.json?id=1`.
    public var target: String
    /// The percent-decoded path without the query (`%2E` becomes `.`, `+` stays `+`).
    public var path: String
    /// The raw query after `?`, not decoded; `""` if there is none.
    public var query: String
    /// The protocol version from the request line.
    public var version: HTTPVersion
    /// All request headers in the order received.
    public var headers: HTTPHeaders
    /// The body, de-chunked; empty if there was none.
    public var body: [UInt8]
    /// The peer's address, e.g. `127.0.0.1:54321` or `[::1]:54321`.
    public var remoteAddress: String

    /// Creates a request, deriving `path` and `query` from `target`; useful for calling handlers in tests.
    public init(
        method: HTTPMethod = .get,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = [],
        body: [UInt8] = [],
        remoteAddress: String = ""
    ) {
        let (path, query) = RequestTarget.pathAndQuery(of: target)
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The query decoded as `application/x-www-form-urlencoded` pairs (see `URLEncodedForm.parse`).
    public var queryItems: [(name: String, value: String)] {
        URLEncodedForm.parse(query)
    }
}
