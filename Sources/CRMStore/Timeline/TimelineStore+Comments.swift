import SQLite

extension TimelineStore {
    /// A timeline entry with its bindings, of any type; `nil` when there is none.
    public func entry(id: Int64) throws -> TimelineEntryRecord? {
        guard
            let row = try database.cachedStatement(
                "SELECT ID, TYPE_ID, CREATED, AUTHOR_ID, COMMENT FROM b_crm_timeline WHERE ID = ?"
            ).firstRow(.integer(id))
        else { return nil }
        return TimelineEntryRecord(
            id: id, typeID: row[1].integerValue ?? 0,
            created: row[2].textValue.flatMap(CRMDateTime.init(sqlText:)) ?? CRMDateTime(secondsSince1970: 0),
            authorID: row[3].integerValue, comment: row[4].textValue, bindings: try bindings(of: id))
    }

    /// The entities an entry is shown on, in the order they were bound.
    public func bindings(of entryID: Int64) throws -> [CRMEntityReference] {
        try database.cachedStatement(
            "SELECT ENTITY_TYPE_ID, ENTITY_ID FROM b_crm_timeline_bind WHERE OWNER_ID = ? ORDER BY ID"
        ).rows(.integer(entryID)).compactMap { row in
            guard let type = row[0].integerValue.flatMap(CRMEntityType.init(rawValue:)), let id = row[1].integerValue
            else { return nil }
            return CRMEntityReference(entityType: type, entityID: id)
        }
    }

    /// The comments shown on an entity, one page of them, with the total count.
    public func comments(
        on entity: CRMEntityType, id entityID: Int64, orderBy column: String, ascending: Bool, offset: Int, limit: Int
    ) throws -> (entries: [TimelineEntryRecord], total: Int) {
        let sortColumn = ["ID": "t.ID", "CREATED": "t.CREATED", "AUTHOR_ID": "t.AUTHOR_ID"][column] ?? "t.ID"
        let filter = """
            FROM b_crm_timeline t JOIN b_crm_timeline_bind b ON b.OWNER_ID = t.ID
            WHERE t.TYPE_ID = 7 AND b.ENTITY_TYPE_ID = ? AND b.ENTITY_ID = ?
            """
        let bindings: [SQLiteValue] = [.integer(entity.rawValue), .integer(entityID)]
        let total =
            try database.recentStatement("SELECT COUNT(*) " + filter).firstRow(bindings: bindings)?[0].integerValue ?? 0
        let ids = try database.recentStatement(
            "SELECT t.ID \(filter) ORDER BY \(sortColumn) \(ascending ? "ASC" : "DESC"), t.ID ASC LIMIT \(limit) OFFSET \(offset)"
        ).integers(bindings: bindings)
        return (try ids.compactMap { try entry(id: $0) }, Int(total))
    }

    /// Adds a comment shown on one entity; returns its id.
    public func addComment(
        _ text: String, on entity: CRMEntityType, id entityID: Int64, by authorID: Int64, at date: CRMDateTime
    )
        throws -> Int64
    {
        try add(
            type: TimelineEntryType.comment.rawValue, comment: text, authorID: authorID, created: date, about: nil,
            boundTo: [(entity, entityID)])
    }

    /// Removes an entry from one entity; the entry itself is deleted once it is shown nowhere.
    public func unbind(entry entryID: Int64, from entity: CRMEntityType, id entityID: Int64) throws {
        try database.cachedStatement(
            "DELETE FROM b_crm_timeline_bind WHERE OWNER_ID = ? AND ENTITY_TYPE_ID = ? AND ENTITY_ID = ?"
        ).run(.integer(entryID), .integer(entity.rawValue), .integer(entityID))
        try database.cachedStatement(
            "DELETE FROM b_crm_timeline WHERE ID = ?1 AND NOT EXISTS (SELECT 1 FROM b_crm_timeline_bind WHERE OWNER_ID = ?1)"
        ).run(.integer(entryID))
    }
}
