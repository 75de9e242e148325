/// The handler's own record of a request it will answer later (``HTTPResponse/deferred(_:)``).
///
/// Why defer: when many clients ask for the same kind of work at once, a handler can do it for all of them in one
/// go (one database transaction for many deletes) instead of once per request. The server never looks inside
/// `work`; it only hands it back. Compared by identity, so a response holding one stays `Equatable`.
public final class HTTPDeferral: Sendable, Equatable {
    /// Whatever the handler needs to finish the request: parsed parameters, the caller, the start time.
    public let work: any Sendable

    public init(work: any Sendable) {
        self.work = work
    }

    public static func == (lhs: HTTPDeferral, rhs: HTTPDeferral) -> Bool {
        lhs === rhs
    }
}
