/// Something the server reports through `HTTPServerConfiguration.onEvent`: access log lines and diagnostics.
public enum HTTPServerEvent: Sendable {
    /// A handler's response was queued for writing.
    case requestCompleted(HTTPAccessLogEntry)
    /// The server answered a malformed, oversized, slow or disallowed request itself (400, 405, 408, 413, 431, 505).
    case protocolError(status: Int, reason: String, remoteAddress: String)
    /// A connection beyond `maxConnections` was answered 503 and closed.
    case connectionRejected(remoteAddress: String)
    /// A system call failed in a way that is not the client's fault (e.g. `accept` hitting `EMFILE`); the server
    /// carries on.
    case internalError(String)
}
