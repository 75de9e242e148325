/// One lead to delete and who asks, for ``LeadStore/delete(_:)``.
public struct LeadDeletionRequest: Sendable, Equatable {
    public var id: Int64
    public var actor: CRMActor

    public init(id: Int64, actor: CRMActor) {
        self.id = id
        self.actor = actor
    }
}
