import SQLite

/// The lead status dictionary (`b_crm_status` with ENTITY_ID `STATUS`) and what each status means.
struct LeadStatus {
    let database: Database

    /// The status semantics the portal stores beside STATUS_ID: `S` success, `F` failure, `P` still in process.
    func semantic(of statusID: String) throws -> String {
        let row = try database.cachedStatement(
            "SELECT SEMANTICS FROM b_crm_status WHERE ENTITY_ID = 'STATUS' AND STATUS_ID = ?"
        ).firstRow(.text(statusID))
        return row?[0].textValue ?? "P"
    }

    /// The first entry of a dictionary (`STATUS`, `SOURCE`) by SORT: the default a new lead gets.
    func first(of dictionary: String) throws -> String? {
        try database.cachedStatement("SELECT STATUS_ID FROM b_crm_status WHERE ENTITY_ID = ? ORDER BY SORT, ID LIMIT 1")
            .firstRow(.text(dictionary))?[0].textValue
    }

    /// Whether a status exists in the dictionary.
    func exists(_ statusID: String) throws -> Bool {
        try database.cachedStatement("SELECT 1 FROM b_crm_status WHERE ENTITY_ID = 'STATUS' AND STATUS_ID = ?")
            .firstRow(.text(statusID)) != nil
    }
}
