/// What `LeadStore.delete(id:by:)` did, in the order the portal checks.
public enum LeadDeletion: Sendable, Equatable {
    /// The lead and everything tied to it are gone.
    case deleted(DeletedLead)
    /// The actor may not delete this lead (checked before existence, as on the portal).
    case accessDenied
    /// No lead has this id.
    case notFound
}

/// What is left to say about a lead once it is deleted: enough for the history event and the `ONCRMLEADDELETE` event.
public struct DeletedLead: Sendable, Equatable {
    public var id: Int64
    public var title: String

    public init(id: Int64, title: String) {
        self.id = id
        self.title = title
    }
}
