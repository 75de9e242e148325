/// Decides whether an actor may perform an operation on one item, the way the portal's entity attributes do.
///
/// An item that does not exist has no attributes, so only an actor with `all` may touch it: this is why the portal
/// answers a delete of a missing lead with the permission error, not "Not found", for anyone with a narrower role.
public struct CRMPermissionCheck: Sendable {
    /// What the check needs to know about the item.
    public struct ItemAttributes: Sendable, Equatable {
        public var assignedByID: Int64?
        public var assigneeDepartmentID: Int64?
        public var isOpened: Bool

        public init(assignedByID: Int64?, assigneeDepartmentID: Int64?, isOpened: Bool) {
            self.assignedByID = assignedByID
            self.assigneeDepartmentID = assigneeDepartmentID
            self.isOpened = isOpened
        }
    }

    public var actor: CRMActor

    public init(actor: CRMActor) {
        self.actor = actor
    }

    /// Whether the actor may perform `operation` on an item of `entity` with these attributes (`nil`: no such item).
    public func allows(_ operation: CRMOperation, on entity: CRMEntityType, item: ItemAttributes?) -> Bool {
        let level = actor.level(for: operation, on: entity)
        guard let item else { return level == .all }
        let isOwn = item.assignedByID == actor.userID
        switch level {
        case .none:
            return false
        case .own:
            return isOwn
        case .department:
            return isOwn || (actor.departmentID != nil && item.assigneeDepartmentID == actor.departmentID)
        case .open:
            return isOwn || item.isOpened
        case .all:
            return true
        }
    }

    /// Whether the actor may perform `operation` on the entity type at all (for add, where no item exists yet).
    public func allowsAny(_ operation: CRMOperation, on entity: CRMEntityType) -> Bool {
        actor.level(for: operation, on: entity) != .none
    }
}
