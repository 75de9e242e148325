import SQLite

/// Leads: reading, permission attributes, and the delete with its cascade (`LeadStore+Delete.swift`).
public struct LeadStore {
    let database: Database
    let now: CRMDateTime

    /// The attributes a permission check needs, or `nil` when there is no such lead.
    public func permissionAttributes(of id: Int64) throws -> CRMPermissionCheck.ItemAttributes? {
        let statement = try database.cachedStatement(
            """
            SELECT l.ASSIGNED_BY_ID, l.OPENED, u.DEPARTMENT_ID
            FROM b_crm_lead l LEFT JOIN b_user u ON u.ID = l.ASSIGNED_BY_ID
            WHERE l.ID = ?
            """)
        guard let row = try statement.firstRow(.integer(id)) else { return nil }
        return CRMPermissionCheck.ItemAttributes(
            assignedByID: row[0].integerValue,
            assigneeDepartmentID: row[2].integerValue,
            isOpened: row[1].textValue == "Y")
    }

    /// Whether a lead with this id exists.
    public func exists(id: Int64) throws -> Bool {
        try database.cachedStatement("SELECT 1 FROM b_crm_lead WHERE ID = ?").firstRow(.integer(id)) != nil
    }

}
