import SQLite

extension StatusHistoryStore {
    /// One row of a lead's status history, as `crm.stagehistory.list` prints it.
    public struct Entry: Sendable, Equatable {
        public var id: Int64
        public var typeID: Int64
        public var ownerID: Int64
        public var createdTime: CRMDateTime
        public var statusSemanticID: String
        public var statusID: String
    }

    /// Rows matching a condition on `h.` columns, ordered, one page, with the total count.
    public func entries(whereSQL: String, bindings: [SQLiteValue], order: String, offset: Int, limit: Int) throws
        -> (entries: [Entry], total: Int)
    {
        let total =
            try database.recentStatement("SELECT COUNT(*) FROM b_crm_lead_status_history h WHERE \(whereSQL)")
            .firstRow(bindings: bindings)?[0].integerValue ?? 0
        let rows = try database.recentStatement(
            """
            SELECT h.ID, h.TYPE_ID, h.OWNER_ID, h.CREATED_TIME, h.STATUS_SEMANTIC_ID, h.STATUS_ID
            FROM b_crm_lead_status_history h WHERE \(whereSQL) ORDER BY \(order) LIMIT \(limit) OFFSET \(offset)
            """
        ).rows(bindings: bindings)
        let entries = rows.map { row in
            Entry(
                id: row[0].integerValue ?? 0, typeID: row[1].integerValue ?? 0, ownerID: row[2].integerValue ?? 0,
                createdTime: row[3].textValue.flatMap(CRMDateTime.init(sqlText:)) ?? CRMDateTime(secondsSince1970: 0),
                statusSemanticID: row[4].textValue ?? "", statusID: row[5].textValue ?? "")
        }
        return (entries, Int(total))
    }
}
