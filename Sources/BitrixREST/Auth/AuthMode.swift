/// Whether calls without credentials are let in.
public enum AuthMode: String, Sendable, CaseIterable {
    /// A call without credentials runs as the default user (user 1), so a bare cURL against the mock just works.
    case open
    /// A call without credentials gets the portal's 401 `NO_AUTH_FOUND`.
    case strict
}
