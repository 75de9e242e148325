/// One CRM item named by its type and id: a binding of a timeline entry or an activity, an owner.
public struct CRMEntityReference: Sendable, Hashable {
    public var entityType: CRMEntityType
    public var entityID: Int64

    public init(entityType: CRMEntityType, entityID: Int64) {
        self.entityType = entityType
        self.entityID = entityID
    }
}
