import SQLite

extension ActivityStore {
    /// The columns of `b_crm_act` that `crm.activity.get` prints, in the portal's order.
    public static let readColumns = [
        "ID", "OWNER_ID", "OWNER_TYPE_ID", "TYPE_ID", "PROVIDER_ID", "PROVIDER_TYPE_ID", "SUBJECT", "CREATED",
        "LAST_UPDATED", "START_TIME", "END_TIME", "DEADLINE", "COMPLETED", "STATUS", "RESPONSIBLE_ID", "PRIORITY",
        "DESCRIPTION", "DESCRIPTION_TYPE", "DIRECTION", "LOCATION", "AUTHOR_ID", "EDITOR_ID",
    ]

    /// One activity's columns, or `nil`.
    public func activity(id: Int64) throws -> [String: SQLiteValue]? {
        try activities(whereSQL: "a.ID = ?", bindings: [.integer(id)], order: "a.ID", offset: 0, limit: 1).first
    }

    /// The activities bound to an entity (through `b_crm_act_bind`), one page, with the total count.
    public func activities(boundTo entity: CRMEntityReference, offset: Int, limit: Int) throws
        -> (rows: [[String: SQLiteValue]], total: Int)
    {
        let filter =
            "EXISTS (SELECT 1 FROM b_crm_act_bind b WHERE b.ACTIVITY_ID = a.ID AND b.OWNER_TYPE_ID = ? AND b.OWNER_ID = ?)"
        let bindings: [SQLiteValue] = [.integer(entity.entityType.rawValue), .integer(entity.entityID)]
        return (
            try activities(
                whereSQL: filter, bindings: bindings, order: "a.START_TIME, a.ID", offset: offset, limit: limit),
            try count(whereSQL: filter, bindings: bindings)
        )
    }

    /// Activities matching a condition on their own columns (`a.` prefixed), ordered, one page.
    public func activities(whereSQL: String, bindings: [SQLiteValue], order: String, offset: Int, limit: Int) throws
        -> [[String: SQLiteValue]]
    {
        let columns = Self.readColumns.map { "a." + $0 }.joined(separator: ", ")
        return try database.recentStatement(
            "SELECT \(columns) FROM b_crm_act a WHERE \(whereSQL) ORDER BY \(order) LIMIT \(limit) OFFSET \(offset)"
        ).rows(bindings: bindings).map { row in
            var values: [String: SQLiteValue] = [:]
            for (index, name) in Self.readColumns.enumerated() {
                values[name] = row[index]
            }
            return values
        }
    }

    public func count(whereSQL: String, bindings: [SQLiteValue]) throws -> Int {
        Int(
            try database.recentStatement("SELECT COUNT(*) FROM b_crm_act a WHERE \(whereSQL)").firstRow(
                bindings: bindings)?[0]
                .integerValue ?? 0)
    }

    /// The communications of an activity (`crm.activity.list` with `select: ["COMMUNICATIONS"]`).
    public func communications(of activityID: Int64) throws -> [[String: SQLiteValue]] {
        try database.cachedStatement(
            "SELECT ID, TYPE, VALUE, ENTITY_ID, ENTITY_TYPE_ID FROM b_crm_act_comm WHERE ACTIVITY_ID = ? ORDER BY ID"
        ).rows(.integer(activityID)).map { row in
            ["ID": row[0], "TYPE": row[1], "VALUE": row[2], "ENTITY_ID": row[3], "ENTITY_TYPE_ID": row[4]]
        }
    }

    /// The entities an activity is bound to, in binding order.
    public func bindings(of activityID: Int64) throws -> [CRMEntityReference] {
        try database.cachedStatement(
            "SELECT OWNER_TYPE_ID, OWNER_ID FROM b_crm_act_bind WHERE ACTIVITY_ID = ? ORDER BY ID"
        )
        .rows(.integer(activityID)).compactMap { row in
            guard let type = row[0].integerValue.flatMap(CRMEntityType.init(rawValue:)), let id = row[1].integerValue
            else { return nil }
            return CRMEntityReference(entityType: type, entityID: id)
        }
    }
}
