/// One access-log line: what was asked, what was answered and how long it took.
public struct HTTPAccessLogEntry: Sendable, Equatable {
    /// The request method.
    public var method: HTTPMethod
    /// The request-target as received.
    public var target: String
    /// The response status code.
    public var statusCode: Int
    /// From the first byte of the request to the response being queued for writing, including any `delay`.
    public var duration: Duration
    /// Body bytes written (0 for `HEAD`).
    public var responseBodyBytes: Int
    /// The peer's address, e.g. `127.0.0.1:54321`.
    public var remoteAddress: String

    /// Creates an entry; the server does this for every handler response.
    public init(
        method: HTTPMethod,
        target: String,
        statusCode: Int,
        duration: Duration,
        responseBodyBytes: Int,
        remoteAddress: String
    ) {
        self.method = method
        self.target = target
        self.statusCode = statusCode
        self.duration = duration
        self.responseBodyBytes = responseBodyBytes
        self.remoteAddress = remoteAddress
    }
}
