import SQLite

/// Phones, e-mails, web sites, messengers and links of any entity (`b_crm_field_multi`).
public struct MultiFieldStore {
    let database: Database

    /// One stored multi-field value.
    public struct Value: Sendable, Equatable {
        public var id: Int64
        /// `PHONE`, `EMAIL`, `WEB`, `IM` or `LINK`.
        public var typeID: String
        public var valueType: String
        public var value: String

        public init(id: Int64, typeID: String, valueType: String, value: String) {
            self.id = id
            self.typeID = typeID
            self.valueType = valueType
            self.value = value
        }
    }

    /// Adds a value to an entity; returns its id.
    @discardableResult
    public func add(
        typeID: String, valueType: String, value: String, to entity: CRMEntityType, id entityID: Int64
    ) throws -> Int64 {
        try database.insert(
            into: "b_crm_field_multi",
            columns: ["ENTITY_ID", "ELEMENT_ID", "TYPE_ID", "VALUE_TYPE", "COMPLEX_ID", "VALUE"],
            values: [
                .text(entity.legacyName), .integer(entityID), .text(typeID), .text(valueType),
                .text("\(typeID)_\(valueType)"), .text(value),
            ])
    }

    /// The values of several entities at once (a list page), by entity id, each in the order they were added.
    public func values(of entity: CRMEntityType, ids: [Int64], types: Set<String>) throws -> [Int64: [Value]] {
        guard !ids.isEmpty, !types.isEmpty else { return [:] }
        let idList = Array(repeating: "?", count: ids.count).joined(separator: ",")
        // Cached by text: the SQL depends only on how many ids there are; kinds are filtered here.
        let statement = try database.cachedStatement(
            """
            SELECT ELEMENT_ID, ID, TYPE_ID, VALUE_TYPE, VALUE FROM b_crm_field_multi
            WHERE ENTITY_ID = ? AND ELEMENT_ID IN (\(idList)) ORDER BY ID
            """)
        var result: [Int64: [Value]] = [:]
        for row in try statement.rows(bindings: [.text(entity.legacyName)] + ids.map(SQLiteValue.integer)) {
            guard let owner = row[0].integerValue, let type = row[2].textValue, types.contains(type) else { continue }
            result[owner, default: []].append(
                Value(
                    id: row[1].integerValue ?? 0, typeID: type, valueType: row[3].textValue ?? "",
                    value: row[4].textValue ?? ""))
        }
        return result
    }

    /// Changes one value of an entity; returns whether it existed.
    @discardableResult
    public func update(id: Int64, value: String, valueType: String, of entity: CRMEntityType, id entityID: Int64) throws
        -> Bool
    {
        try database.cachedStatement(
            """
            UPDATE b_crm_field_multi SET VALUE = ?, VALUE_TYPE = ?, COMPLEX_ID = TYPE_ID || '_' || ?
            WHERE ID = ? AND ENTITY_ID = ? AND ELEMENT_ID = ?
            """
        ).run(
            .text(value), .text(valueType), .text(valueType), .integer(id), .text(entity.legacyName), .integer(entityID)
        )
        return database.changes > 0
    }

    /// Removes one value of an entity; returns whether it existed.
    @discardableResult
    public func delete(id: Int64, of entity: CRMEntityType, id entityID: Int64) throws -> Bool {
        try database.cachedStatement("DELETE FROM b_crm_field_multi WHERE ID = ? AND ENTITY_ID = ? AND ELEMENT_ID = ?")
            .run(.integer(id), .text(entity.legacyName), .integer(entityID))
        return database.changes > 0
    }

    /// Every value of an entity, in the order they were added.
    public func values(of entity: CRMEntityType, id entityID: Int64) throws -> [Value] {
        try database.cachedStatement(
            "SELECT ID, TYPE_ID, VALUE_TYPE, VALUE FROM b_crm_field_multi WHERE ENTITY_ID = ? AND ELEMENT_ID = ? ORDER BY ID"
        ).rows(.text(entity.legacyName), .integer(entityID)).map { row in
            Value(
                id: row[0].integerValue ?? 0, typeID: row[1].textValue ?? "", valueType: row[2].textValue ?? "",
                value: row[3].textValue ?? "")
        }
    }
}
