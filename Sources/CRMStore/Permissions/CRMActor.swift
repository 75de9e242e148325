/// The user on whose behalf a store operation runs, with what their roles allow.
///
/// Built once per REST call (`UserStore.actor(userID:)`), so a permission check is a dictionary lookup, not a query.
public struct CRMActor: Sendable, Equatable {
    public var userID: Int64
    public var isAdmin: Bool
    public var departmentID: Int64?
    /// The highest level any of the user's roles grants, per entity (`LEAD`) and operation.
    public var grants: [String: [CRMOperation: PermissionLevel]]

    public init(
        userID: Int64, isAdmin: Bool, departmentID: Int64? = nil,
        grants: [String: [CRMOperation: PermissionLevel]] = [:]
    ) {
        self.userID = userID
        self.isAdmin = isAdmin
        self.departmentID = departmentID
        self.grants = grants
    }

    /// The level this actor has for an operation on an entity type; administrators have every right.
    public func level(for operation: CRMOperation, on entity: CRMEntityType) -> PermissionLevel {
        if isAdmin { return .all }
        return grants[entity.legacyName]?[operation] ?? .none
    }
}
