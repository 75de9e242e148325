/// Turns a request into a response; the one piece of application logic the server calls.
public protocol HTTPRequestHandler: Sendable {
    /// Called on an event-loop thread, possibly concurrently from several loops; must not block for long.
    ///
    /// Every other connection of that loop waits while this runs, so slow answers should use
    /// `HTTPResponse.delay` instead of sleeping. Work worth doing for many requests at once can be put off with
    /// `HTTPResponse.deferred(_:)`.
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Answers the requests that ``respond(to:)`` deferred during one pass of an event loop, all at once.
    ///
    /// Called on that loop's thread after it has handled every connection that was ready, before it waits again;
    /// `work` is in the order the requests were read. Returns one response per element, in the same order; a
    /// missing one, or one that defers again, is answered `500 Internal Server Error`.
    func respond(toDeferred work: [any Sendable]) -> [HTTPResponse]
}

extension HTTPRequestHandler {
    /// For handlers that never defer.
    public func respond(toDeferred work: [any Sendable]) -> [HTTPResponse] {
        []
    }
}
