import SQLite

/// History events (`b_crm_event`) and what they relate to (`b_crm_event_relations`).
public struct HistoryStore {
    let database: Database
    let now: CRMDateTime

    /// Writes one event related to one entity, dated now; returns the event id.
    @discardableResult
    public func record(_ event: HistoryEvent, for entity: CRMEntityType, id: Int64, by userID: Int64) throws -> Int64 {
        try record(event, for: entity, id: id, by: userID, at: now)
    }

    /// Writes one event related to one entity at a given time (fixtures carry their own dates).
    @discardableResult
    public func record(
        _ event: HistoryEvent, for entity: CRMEntityType, id: Int64, by userID: Int64, at date: CRMDateTime
    ) throws -> Int64 {
        try database.cachedStatement(
            """
            INSERT INTO b_crm_event (DATE_CREATE, CREATED_BY_ID, EVENT_ID, EVENT_NAME, EVENT_TYPE, EVENT_TEXT_1, EVENT_TEXT_2)
            VALUES (?, ?, 'INFO', ?, ?, ?, ?)
            """
        ).run(
            .text(date.sqlText), .integer(userID), .text(event.eventName), .integer(event.eventType),
            SQLiteValue(event.textBefore ?? event.entityTitle), SQLiteValue(event.textAfter))
        let eventID = database.lastInsertRowID
        try database.cachedStatement(
            """
            INSERT INTO b_crm_event_relations (ASSIGNED_BY_ID, ENTITY_TYPE, ENTITY_ID, ENTITY_FIELD, EVENT_ID)
            VALUES (?, ?, ?, ?, ?)
            """
        ).run(
            .integer(userID), .text(entity.legacyName), .integer(id), SQLiteValue(event.entityField), .integer(eventID))
        return eventID
    }
}
