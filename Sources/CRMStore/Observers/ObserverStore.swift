import SQLite

/// Users who watch an entity without being responsible for it (`b_crm_observer`).
public struct ObserverStore {
    let database: Database

    /// Adds observers in the given order; adding one twice is harmless.
    public func add(_ userIDs: [Int64], to entity: CRMEntityType, id entityID: Int64, at date: CRMDateTime) throws {
        for (index, userID) in userIDs.enumerated() {
            try database.cachedStatement(
                """
                INSERT OR IGNORE INTO b_crm_observer (ENTITY_TYPE_ID, ENTITY_ID, USER_ID, SORT, CREATED_TIME)
                VALUES (?, ?, ?, ?, ?)
                """
            ).run(
                .integer(entity.rawValue), .integer(entityID), .integer(userID), .integer(Int64(index + 1) * 10),
                .text(date.sqlText))
        }
    }

    /// The observers of an entity, in their order.
    public func observers(of entity: CRMEntityType, id entityID: Int64) throws -> [Int64] {
        try database.cachedStatement(
            "SELECT USER_ID FROM b_crm_observer WHERE ENTITY_TYPE_ID = ? AND ENTITY_ID = ? ORDER BY SORT"
        ).integers(.integer(entity.rawValue), .integer(entityID))
    }
}
