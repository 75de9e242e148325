import SQLite

extension CRMSession {
    /// The permission attributes of any CRM item, or `nil` when it does not exist.
    public func permissionAttributes(of item: CRMEntityReference) throws -> CRMPermissionCheck.ItemAttributes? {
        let table: String
        switch item.entityType {
        case .lead: return try leads.permissionAttributes(of: item.entityID)
        case .contact: table = "b_crm_contact"
        case .company: table = "b_crm_company"
        case .deal: table = "b_crm_deal"
        }
        guard
            let row = try database.cachedStatement(
                """
                SELECT e.ASSIGNED_BY_ID, e.OPENED, u.DEPARTMENT_ID
                FROM \(table) e LEFT JOIN b_user u ON u.ID = e.ASSIGNED_BY_ID WHERE e.ID = ?
                """
            ).firstRow(.integer(item.entityID))
        else { return nil }
        return CRMPermissionCheck.ItemAttributes(
            assignedByID: row[0].integerValue, assigneeDepartmentID: row[2].integerValue,
            isOpened: row[1].textValue == "Y")
    }

    /// Whether the actor may perform an operation on an item (existing or not, as the portal decides for missing ones).
    public func allows(_ operation: CRMOperation, on item: CRMEntityReference, by actor: CRMActor) throws -> Bool {
        CRMPermissionCheck(actor: actor).allows(
            operation, on: item.entityType, item: try permissionAttributes(of: item))
    }

    /// Whether the item exists.
    public func exists(_ item: CRMEntityReference) throws -> Bool {
        try permissionAttributes(of: item) != nil
    }
}
