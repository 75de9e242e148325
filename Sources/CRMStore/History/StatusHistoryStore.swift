import SQLite

/// A lead's moves between statuses (`b_crm_lead_status_history`), read by `crm.stagehistory.list`.
public struct StatusHistoryStore {
    let database: Database

    /// `TYPE_ID` of a row: the first status, a move, or a move into a final status.
    public enum ChangeType: Int64, Sendable {
        case created = 1
        case moved = 2
        case finalized = 3
    }

    /// Records that a lead is now in `statusID`; returns the row id.
    @discardableResult
    public func record(
        lead id: Int64, statusID: String, type: ChangeType, responsibleID: Int64?, at date: CRMDateTime
    ) throws -> Int64 {
        let semantic = try LeadStatus(database: database).semantic(of: statusID)
        return try database.insert(
            into: "b_crm_lead_status_history",
            columns: [
                "TYPE_ID", "OWNER_ID", "CREATED_TIME", "RESPONSIBLE_ID", "STATUS_ID", "STATUS_SEMANTIC_ID",
                "IS_IN_WORK", "IS_JUNK",
            ],
            values: [
                .integer(type.rawValue), .integer(id), .text(date.sqlText), SQLiteValue(responsibleID),
                .text(statusID), .text(semantic), .text(semantic == "P" && statusID != "NEW" ? "Y" : "N"),
                .text(semantic == "F" ? "Y" : "N"),
            ])
    }
}
