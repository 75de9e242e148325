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
