/// A timeline entry with the entities it is shown on, as the comment methods read it.
public struct TimelineEntryRecord: Sendable, Equatable {
    public var id: Int64
    public var typeID: Int64
    public var created: CRMDateTime
    public var authorID: Int64?
    public var comment: String?
    /// Every entity the entry is shown on, in binding order.
    public var bindings: [CRMEntityReference]

    public init(
        id: Int64, typeID: Int64, created: CRMDateTime, authorID: Int64?, comment: String?,
        bindings: [CRMEntityReference]
    ) {
        self.id = id
        self.typeID = typeID
        self.created = created
        self.authorID = authorID
        self.comment = comment
        self.bindings = bindings
    }
}
