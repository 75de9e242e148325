/// Turns a request into a response; the one piece of application logic the server calls.
public protocol HTTPRequestHandler: Sendable {
    /// Called on an event-loop thread, possibly concurrently from several loops; must not block for long.
    ///
    /// Every other connection of that loop waits while this runs, so slow answers should use
    /// `HTTPResponse.delay` instead of sleeping.
    func respond(to request: HTTPRequest) -> HTTPResponse
}
