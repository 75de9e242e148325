import SQLite

/// Timeline entries (`b_crm_timeline`) and the entities they are shown on (`b_crm_timeline_bind`).
public struct TimelineStore {
    let database: Database

    /// What an entry is about besides where it is shown: a creation entry is about the created lead.
    public struct Association: Sendable, Equatable {
        public var entityType: CRMEntityType
        public var entityID: Int64

        public init(entityType: CRMEntityType, entityID: Int64) {
            self.entityType = entityType
            self.entityID = entityID
        }
    }

    /// Writes an entry and binds it to each given entity; returns its id.
    @discardableResult
    public func add(
        type: Int64, comment: String?, authorID: Int64?, created: CRMDateTime, about association: Association?,
        boundTo bindings: [(CRMEntityType, Int64)], settings: String? = nil
    ) throws -> Int64 {
        let entryID = try database.insert(
            into: "b_crm_timeline",
            columns: [
                "TYPE_ID", "CREATED", "AUTHOR_ID", "ASSOCIATED_ENTITY_TYPE_ID", "ASSOCIATED_ENTITY_ID", "COMMENT",
                "SETTINGS",
            ],
            values: [
                .integer(type), .text(created.sqlText), SQLiteValue(authorID),
                .integer(association?.entityType.rawValue ?? 0), .integer(association?.entityID ?? 0),
                SQLiteValue(comment), SQLiteValue(settings),
            ])
        for (entityType, entityID) in bindings {
            try bind(entry: entryID, to: entityType, id: entityID)
        }
        return entryID
    }

    /// Shows an existing entry on one more entity; binding twice is harmless.
    public func bind(entry entryID: Int64, to entityType: CRMEntityType, id entityID: Int64) throws {
        try database.cachedStatement(
            "INSERT OR IGNORE INTO b_crm_timeline_bind (OWNER_ID, ENTITY_TYPE_ID, ENTITY_ID) VALUES (?, ?, ?)"
        ).run(.integer(entryID), .integer(entityType.rawValue), .integer(entityID))
    }
}
