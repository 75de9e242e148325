import SQLite

/// Activities (`b_crm_act`), the entities they are bound to (`b_crm_act_bind`) and their communications
/// (`b_crm_act_comm`).
public struct ActivityStore {
    let database: Database

    /// What a new activity holds.
    public struct Draft: Sendable {
        public var typeID: Int64
        public var subject: String
        public var description: String
        public var isCompleted: Bool
        public var direction: Int64
        public var priority: Int64
        public var responsibleID: Int64?
        public var authorID: Int64?
        public var startTime: CRMDateTime?
        public var endTime: CRMDateTime?
        public var deadline: CRMDateTime?
        public var created: CRMDateTime
        /// (type, value) pairs such as ("PHONE", "+1 555 0100").
        public var communications: [(type: String, value: String)]
        /// The entity the activity belongs to; it is also bound to it.
        public var owner: (CRMEntityType, Int64)
        /// Every other entity the activity is shown on.
        public var otherBindings: [(CRMEntityType, Int64)]

        public init(
            typeID: Int64, subject: String, description: String = "", isCompleted: Bool = false, direction: Int64 = 0,
            priority: Int64 = 2, responsibleID: Int64?, authorID: Int64?, startTime: CRMDateTime? = nil,
            endTime: CRMDateTime? = nil, deadline: CRMDateTime? = nil, created: CRMDateTime,
            communications: [(type: String, value: String)] = [], owner: (CRMEntityType, Int64),
            otherBindings: [(CRMEntityType, Int64)] = []
        ) {
            self.typeID = typeID
            self.subject = subject
            self.description = description
            self.isCompleted = isCompleted
            self.direction = direction
            self.priority = priority
            self.responsibleID = responsibleID
            self.authorID = authorID
            self.startTime = startTime
            self.endTime = endTime
            self.deadline = deadline
            self.created = created
            self.communications = communications
            self.owner = owner
            self.otherBindings = otherBindings
        }
    }

    /// Writes an activity with its bindings and communications; returns its id.
    @discardableResult
    public func add(_ draft: Draft) throws -> Int64 {
        let owner = draft.owner
        let activityID = try database.insert(
            into: "b_crm_act",
            columns: [
                "TYPE_ID", "OWNER_TYPE_ID", "OWNER_ID", "SUBJECT", "DESCRIPTION", "COMPLETED", "STATUS", "PRIORITY",
                "DIRECTION", "RESPONSIBLE_ID", "AUTHOR_ID", "EDITOR_ID", "START_TIME", "END_TIME", "DEADLINE",
                "CREATED", "LAST_UPDATED",
            ],
            values: [
                .integer(draft.typeID), .integer(owner.0.rawValue), .integer(owner.1), .text(draft.subject),
                .text(draft.description), .text(draft.isCompleted ? "Y" : "N"), .integer(draft.isCompleted ? 2 : 1),
                .integer(draft.priority), .integer(draft.direction), SQLiteValue(draft.responsibleID),
                SQLiteValue(draft.authorID), SQLiteValue(draft.authorID), SQLiteValue(draft.startTime?.sqlText),
                SQLiteValue(draft.endTime?.sqlText), SQLiteValue(draft.deadline?.sqlText), .text(draft.created.sqlText),
                .text(draft.created.sqlText),
            ])
        for (entityType, entityID) in [owner] + draft.otherBindings {
            try database.cachedStatement(
                "INSERT OR IGNORE INTO b_crm_act_bind (ACTIVITY_ID, OWNER_TYPE_ID, OWNER_ID) VALUES (?, ?, ?)"
            ).run(.integer(activityID), .integer(entityType.rawValue), .integer(entityID))
        }
        for communication in draft.communications {
            _ = try database.insert(
                into: "b_crm_act_comm",
                columns: ["ACTIVITY_ID", "OWNER_TYPE_ID", "OWNER_ID", "TYPE", "VALUE", "ENTITY_TYPE_ID", "ENTITY_ID"],
                values: [
                    .integer(activityID), .integer(owner.0.rawValue), .integer(owner.1), .text(communication.type),
                    .text(communication.value), .integer(owner.0.rawValue), .integer(owner.1),
                ])
        }
        return activityID
    }
}
