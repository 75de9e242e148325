import JSON
import SQLite

/// Custom field definitions (`b_user_field`) and the values leads hold for them (`b_uts_crm_lead`).
public struct UserFieldStore {
    let database: Database

    /// The portal's entity id of lead user fields.
    public static let leadEntityID = "CRM_LEAD"

    /// Every lead user field, in the order the portal lists them (SORT, then creation); settings are read only when
    /// asked for (`crm.lead.fields`), since every other lead method needs just the names.
    public func leadFields(withSettings: Bool = false) throws -> [UserFieldDefinition] {
        try database.cachedStatement(
            """
            SELECT FIELD_NAME, USER_TYPE_ID, MULTIPLE, MANDATORY, SORT, LABEL, SETTINGS FROM b_user_field
            WHERE ENTITY_ID = 'CRM_LEAD' ORDER BY SORT, ID
            """
        ).rows().map { row in
            var settings = JSONObject()
            if withSettings, let text = row[6].textValue, case .object(let object)? = try? JSONParser.parse(text) {
                settings = object
            }
            return UserFieldDefinition(
                fieldName: row[0].textValue ?? "", typeID: row[1].textValue ?? "string",
                isMultiple: row[2].textValue == "Y", isMandatory: row[3].textValue == "Y",
                sort: row[4].integerValue ?? 100, label: row[5].textValue ?? "", settings: settings)
        }
    }

    /// Defines a lead user field; defining an existing name again is ignored.
    public func define(_ field: UserFieldDefinition) throws {
        var writer = JSONWriter(options: [])
        writer.write(.object(field.settings))
        try database.cachedStatement(
            """
            INSERT OR IGNORE INTO b_user_field (ENTITY_ID, FIELD_NAME, USER_TYPE_ID, MULTIPLE, MANDATORY, SORT, LABEL, SETTINGS)
            VALUES ('CRM_LEAD', ?, ?, ?, ?, ?, ?, ?)
            """
        ).run(
            .text(field.fieldName), .text(field.typeID), .text(field.isMultiple ? "Y" : "N"),
            .text(field.isMandatory ? "Y" : "N"), .integer(field.sort), .text(field.label),
            .text(String(decoding: writer.bytes, as: UTF8.self)))
    }

    /// Sets (or, with `nil`, clears) a lead's value for one field.
    public func setValue(_ value: JSONValue?, field: String, lead id: Int64) throws {
        guard let value, !value.isNull else {
            try database.cachedStatement("DELETE FROM b_uts_crm_lead WHERE VALUE_ID = ? AND FIELD_NAME = ?")
                .run(.integer(id), .text(field))
            return
        }
        var writer = JSONWriter(options: [])
        writer.write(value)
        try database.cachedStatement(
            "INSERT OR REPLACE INTO b_uts_crm_lead (VALUE_ID, FIELD_NAME, VALUE) VALUES (?, ?, ?)"
        ).run(.integer(id), .text(field), .text(String(decoding: writer.bytes, as: UTF8.self)))
    }

    /// The values of leads, by lead id then field name.
    public func values(ofLeads ids: [Int64]) throws -> [Int64: [String: JSONValue]] {
        guard !ids.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let statement = try database.cachedStatement(
            "SELECT VALUE_ID, FIELD_NAME, VALUE FROM b_uts_crm_lead WHERE VALUE_ID IN (\(placeholders))")
        var result: [Int64: [String: JSONValue]] = [:]
        for row in try statement.rows(bindings: ids.map(SQLiteValue.integer)) {
            guard let id = row[0].integerValue, let name = row[1].textValue, let text = row[2].textValue else {
                continue
            }
            result[id, default: [:]][name] = (try? JSONParser.parse(text)) ?? .string(text)
        }
        return result
    }
}
