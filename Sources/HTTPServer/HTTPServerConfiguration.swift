import Glibc

/// Everything that can be tuned about an `HTTPServer`: address, limits, timeouts and hooks.
///
/// Durations that are zero or negative switch the corresponding timeout off.
public struct HTTPServerConfiguration: Sendable {
    /// IPv4 or IPv6 literal to bind (`"127.0.0.1"`, `"::1"`, `"::"`, `"0.0.0.0"`), or `"localhost"`.
    public var host: String
    /// TCP port; `0` binds an ephemeral port (read it back from `HTTPServer.localPort`).
    public var port: Int
    /// Largest accepted request body; larger ones are answered 413 without reading them.
    public var maxBodyBytes: Int
    /// Largest accepted request line plus headers; larger ones are answered 431.
    public var maxHeaderBytes: Int
    /// Time allowed from the first byte of a request until its headers are complete (against slowloris); then 408.
    public var headerTimeout: Duration
    /// Time allowed from the end of the headers until the body is complete; then 408.
    public var bodyTimeout: Duration
    /// A keep-alive connection with nothing to do is closed silently after this long; also the limit for a
    /// client that stops reading a response.
    public var idleTimeout: Duration
    /// How long `shutdown()` lets in-flight and partially received requests finish before closing everything.
    public var shutdownGracePeriod: Duration
    /// Open connections allowed at once; further ones get 503 and are closed.
    public var maxConnections: Int
    /// Number of event loops, each with its own thread and epoll instance.
    public var eventLoopCount: Int
    /// Methods the server passes to the handler; others are answered 405 with an `Allow` header.
    public var allowedMethods: Set<HTTPMethod>
    /// Headers added to every response, including the server's own error responses (e.g. CORS headers).
    /// A header of the same name set by the handler wins.
    public var defaultHeaders: HTTPHeaders
    /// After an error response the server half-closes and discards input for up to this long before closing,
    /// so the client reads the error instead of a connection reset.
    public var lingeringCloseTimeout: Duration
    /// The most input discarded during a lingering close before the socket is closed anyway.
    public var lingeringCloseMaxBytes: Int
    /// Receives access-log entries and diagnostics; called on loop threads, so it must be quick and thread-safe.
    public var onEvent: (@Sendable (HTTPServerEvent) -> Void)?

    /// Creates a configuration; every parameter has the production default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8024,
        maxBodyBytes: Int = 8 * 1024 * 1024,
        maxHeaderBytes: Int = 16 * 1024,
        headerTimeout: Duration = .seconds(10),
        bodyTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(60),
        shutdownGracePeriod: Duration = .seconds(1),
        maxConnections: Int = 16_384,
        eventLoopCount: Int = HTTPServerConfiguration.onlineProcessorCount,
        allowedMethods: Set<HTTPMethod> = [.get, .head, .post, .options],
        defaultHeaders: HTTPHeaders = [],
        lingeringCloseTimeout: Duration = .seconds(2),
        lingeringCloseMaxBytes: Int = 1024 * 1024,
        onEvent: (@Sendable (HTTPServerEvent) -> Void)? = nil
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.maxConnections = maxConnections
        self.eventLoopCount = eventLoopCount
        self.allowedMethods = allowedMethods
        self.defaultHeaders = defaultHeaders
        self.lingeringCloseTimeout = lingeringCloseTimeout
        self.lingeringCloseMaxBytes = lingeringCloseMaxBytes
        self.onEvent = onEvent
    }

    /// The number of online CPUs, the default `eventLoopCount`.
    public static var onlineProcessorCount: Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
