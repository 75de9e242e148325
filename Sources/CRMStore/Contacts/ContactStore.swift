import SQLite

/// Contacts, companies and deals: the entities that may point at a lead through LEAD_ID, and the lead's contact
/// links (`b_crm_lead_contact`).
public struct ContactStore {
    let database: Database
    let now: CRMDateTime

    /// Writes a contact row with its multi-fields; returns its id.
    @discardableResult
    public func insertContact(
        id: Int64?, columns: [ColumnValue], multiFields: [FixtureSet.MultiField], by userID: Int64
    ) throws -> Int64 {
        try insert(.contact, id: id, columns: columns, multiFields: multiFields, by: userID)
    }

    /// Writes a company row with its multi-fields; returns its id.
    @discardableResult
    public func insertCompany(
        id: Int64?, columns: [ColumnValue], multiFields: [FixtureSet.MultiField], by userID: Int64
    ) throws -> Int64 {
        try insert(.company, id: id, columns: columns, multiFields: multiFields, by: userID)
    }

    private func insert(
        _ entity: CRMEntityType, id: Int64?, columns: [ColumnValue], multiFields: [FixtureSet.MultiField],
        by userID: Int64
    ) throws -> Int64 {
        let (table, spec) =
            entity == .contact
            ? ("b_crm_contact", EntityColumns.contact) : ("b_crm_company", EntityColumns.company)
        let newID = try insertRow(table: table, spec: spec, id: id, columns: columns, by: userID)
        let store = MultiFieldStore(database: database)
        for field in multiFields {
            try store.add(typeID: field.typeID, valueType: field.valueType, value: field.value, to: entity, id: newID)
        }
        return newID
    }

    /// Writes a deal row; returns its id.
    @discardableResult
    public func insertDeal(id: Int64?, columns: [ColumnValue], by userID: Int64) throws -> Int64 {
        var columns = columns
        for (name, value) in [("STAGE_ID", SQLiteValue.text("NEW")), ("CATEGORY_ID", .integer(0))]
        where !columns.contains(where: { $0.name == name && $0.value != .null }) {
            columns.removeAll { $0.name == name }
            columns.append(ColumnValue(name: name, value: value))
        }
        return try insertRow(table: "b_crm_deal", spec: EntityColumns.deal, id: id, columns: columns, by: userID)
    }

    /// Whether a contact with this id exists.
    public func contactExists(id: Int64) throws -> Bool {
        try database.cachedStatement("SELECT 1 FROM b_crm_contact WHERE ID = ?").firstRow(.integer(id)) != nil
    }

    private func insertRow(
        table: String, spec: [(name: String, storage: FieldStorage)], id: Int64?, columns: [ColumnValue],
        by userID: Int64
    ) throws -> Int64 {
        var values: [String: SQLiteValue] = [:]
        for column in columns {
            values[column.name] = column.value
        }
        let created = values["DATE_CREATE"]?.textValue ?? now.sqlText
        values["DATE_CREATE"] = .text(created)
        if values["DATE_MODIFY"] == nil { values["DATE_MODIFY"] = .text(created) }
        if values["CREATED_BY_ID"] == nil { values["CREATED_BY_ID"] = .integer(userID) }
        if values["ASSIGNED_BY_ID"] == nil { values["ASSIGNED_BY_ID"] = values["CREATED_BY_ID"] }
        if values["MODIFY_BY_ID"] == nil { values["MODIFY_BY_ID"] = values["CREATED_BY_ID"] }
        if values["OPENED"] == nil { values["OPENED"] = .text("Y") }
        let names = ["ID"] + spec.map(\.name)
        values["ID"] = id.map(SQLiteValue.integer) ?? .null
        return try database.insert(into: table, columns: names, values: names.map { values[$0] ?? .null })
    }
}
