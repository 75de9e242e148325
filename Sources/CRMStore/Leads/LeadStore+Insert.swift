import SQLite

extension LeadStore {
    /// The columns of `b_crm_lead` in one fixed order, so inserts always reuse one prepared statement.
    static let insertColumns: [String] = LeadField.columns.map(\.name)

    /// Writes a lead row, filling what the portal fills when a field is not given: STATUS_ID (the first status; an
    /// unknown one is replaced too) and its semantics, SOURCE_ID (the first source), OPENED `Y`, CURRENCY_ID,
    /// OPPORTUNITY 0, creation, modification, move and last-activity dates and users, the responsible user, and a
    /// TITLE of "Lead #ID" when none is given.
    ///
    /// Only the row: the side effects of an add (history, status history, timeline) are the caller's, because
    /// fixtures may bring their own.
    /// - Parameters:
    ///   - id: the id to use, or `nil` for the next free one.
    ///   - userID: the user creating the lead (CREATED_BY_ID, and ASSIGNED_BY_ID when not given).
    /// - Returns: the lead's id.
    public func insertRow(id: Int64?, columns: [ColumnValue], by userID: Int64) throws -> Int64 {
        var values: [String: SQLiteValue] = [:]
        for column in columns {
            values[column.name] = column.value
        }
        func fill(_ name: String, _ value: SQLiteValue) {
            if values[name] == nil || values[name] == .null { values[name] = value }
        }
        let dictionary = LeadStatus(database: database)
        let created = values["DATE_CREATE"].flatMap { $0.textValue } ?? now.sqlText
        fill("DATE_CREATE", .text(created))
        fill("DATE_MODIFY", .text(created))
        fill("CREATED_BY_ID", .integer(userID))
        let creator = values["CREATED_BY_ID"] ?? .integer(userID)
        fill("ASSIGNED_BY_ID", creator)
        fill("MODIFY_BY_ID", creator)
        fill("MOVED_BY_ID", creator)
        fill("MOVED_TIME", .text(created))
        fill("LAST_ACTIVITY_BY", creator)
        fill("LAST_ACTIVITY_TIME", .text(created))
        if let status = values["STATUS_ID"]?.textValue, try !dictionary.exists(status) {
            values["STATUS_ID"] = nil
        }
        fill("STATUS_ID", .text(try dictionary.first(of: "STATUS") ?? "NEW"))
        fill("SOURCE_ID", .text(try dictionary.first(of: "SOURCE") ?? "CALL"))
        fill("OPENED", .text("Y"))
        fill("CURRENCY_ID", .text(LeadStore.baseCurrency))
        fill("OPPORTUNITY", .real(0))
        fill("IS_MANUAL_OPPORTUNITY", .text("N"))
        fill("IS_RETURN_CUSTOMER", .text("N"))
        let semantic = try dictionary.semantic(of: values["STATUS_ID"]?.textValue ?? "NEW")
        values["STATUS_SEMANTIC_ID"] = .text(semantic)
        if semantic != "P" { fill("DATE_CLOSED", .text(created)) }
        values["ID"] = id.map(SQLiteValue.integer) ?? .null
        let newID = try database.insert(
            into: "b_crm_lead", columns: Self.insertColumns, values: Self.insertColumns.map { values[$0] ?? .null })
        if (values["TITLE"]?.textValue ?? "").isEmpty {
            try database.cachedStatement("UPDATE b_crm_lead SET TITLE = ? WHERE ID = ?")
                .run(.text(Self.defaultTitle(id: newID)), .integer(newID))
        }
        return newID
    }

    /// The title a lead gets when created without one (`CRM_LEAD_DEFAULT_TITLE_TEMPLATE`).
    public static func defaultTitle(id: Int64) -> String {
        "Lead #\(id)"
    }

    /// The currency a lead gets when none is given: the mock portal's base currency.
    public static let baseCurrency = "USD"
}
