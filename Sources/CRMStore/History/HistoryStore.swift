import JSON
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

    /// One event per entity, dated now, in the order given: what ``record(_:for:id:by:)`` writes when called once per
    /// entry, in three statements, however many entries there are (a group of deletes writes one "Deleted" event per
    /// lead). The events get the ids SQLite would have given them one by one: the largest id so far, plus one, and so on.
    public func record(_ entries: [(event: HistoryEvent, id: Int64, userID: Int64)], for entity: CRMEntityType) throws {
        guard !entries.isEmpty else { return }
        let lastID = try database.cachedStatement("SELECT COALESCE(MAX(ID), 0) FROM b_crm_event").integers().first ?? 0
        var writer = JSONWriter()
        writer.write(
            .array(
                entries.map { entry in
                    [
                        .int(entry.userID), .int(entry.id), .string(entry.event.eventName),
                        .int(entry.event.eventType), .string(entry.event.textBefore ?? entry.event.entityTitle),
                        entry.event.textAfter.map(JSONValue.string) ?? .null,
                        entry.event.entityField.map(JSONValue.string) ?? .null,
                    ]
                }))
        let list = SQLiteValue.text(String(decoding: writer.bytes, as: UTF8.self))
        try database.cachedStatement(
            """
            INSERT INTO b_crm_event (ID, DATE_CREATE, CREATED_BY_ID, EVENT_ID, EVENT_NAME, EVENT_TYPE, EVENT_TEXT_1, EVENT_TEXT_2)
            SELECT ?2 + key + 1, ?3, json_extract(value, '$[0]'), 'INFO', json_extract(value, '$[2]'),
                json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]')
            FROM json_each(?1) ORDER BY key
            """
        ).run(list, .integer(lastID), .text(now.sqlText))
        try database.cachedStatement(
            """
            INSERT INTO b_crm_event_relations (ASSIGNED_BY_ID, ENTITY_TYPE, ENTITY_ID, ENTITY_FIELD, EVENT_ID)
            SELECT json_extract(value, '$[0]'), ?3, json_extract(value, '$[1]'), json_extract(value, '$[6]'), ?2 + key + 1
            FROM json_each(?1) ORDER BY key
            """
        ).run(list, .integer(lastID), .text(entity.legacyName))
    }
}
