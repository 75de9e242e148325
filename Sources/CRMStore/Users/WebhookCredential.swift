/// An incoming webhook (`/rest/{user}/{token}/`) that matched: whose it is and which scopes it was given.
public struct WebhookCredential: Sendable, Equatable {
    /// `b_rest_ap.ID`; the operating-time ledger keys on it, like the portal's `password_id`.
    public var id: Int64
    public var userID: Int64
    public var scopes: Set<String>
}
