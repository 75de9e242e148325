import SQLite

extension ContactStore {
    /// A contact's columns (`EntityColumns.contact` plus ID) and its multi-fields; `nil` when there is none.
    public func contact(id: Int64) throws -> (columns: [String: SQLiteValue], multiFields: [MultiFieldStore.Value])? {
        let names = ["ID"] + EntityColumns.contact.map(\.name)
        guard
            let row = try database.cachedStatement(
                "SELECT \(names.joined(separator: ", ")) FROM b_crm_contact WHERE ID = ?"
            ).firstRow(.integer(id))
        else { return nil }
        var columns: [String: SQLiteValue] = [:]
        for (index, name) in names.enumerated() {
            columns[name] = row[index]
        }
        return (columns, try MultiFieldStore(database: database).values(of: .contact, id: id))
    }

    /// One link of a lead to a contact (`b_crm_lead_contact`).
    public struct LeadContactLink: Sendable, Equatable {
        public var contactID: Int64
        public var sort: Int64
        public var roleID: Int64
        public var isPrimary: Bool
    }

    /// The contacts a lead is linked to, by SORT.
    public func links(ofLead leadID: Int64) throws -> [LeadContactLink] {
        try database.cachedStatement(
            "SELECT CONTACT_ID, SORT, ROLE_ID, IS_PRIMARY FROM b_crm_lead_contact WHERE LEAD_ID = ? ORDER BY SORT, CONTACT_ID"
        ).rows(.integer(leadID)).map { row in
            LeadContactLink(
                contactID: row[0].integerValue ?? 0, sort: row[1].integerValue ?? 0, roleID: row[2].integerValue ?? 0,
                isPrimary: row[3].textValue == "Y")
        }
    }

    /// Adds one link (`crm.lead.contact.add`); returns `false` when the contact was already linked. A link asked to be
    /// primary takes that role from the current primary.
    public func addLink(contact contactID: Int64, toLead leadID: Int64, sort: Int64?, primary: Bool) throws -> Bool {
        let existing = try links(ofLead: leadID)
        guard !existing.contains(where: { $0.contactID == contactID }) else { return false }
        if primary {
            try database.cachedStatement("UPDATE b_crm_lead_contact SET IS_PRIMARY = 'N' WHERE LEAD_ID = ?")
                .run(.integer(leadID))
        }
        let isPrimary = primary || !existing.contains(where: \.isPrimary)
        try database.cachedStatement(
            "INSERT INTO b_crm_lead_contact (LEAD_ID, CONTACT_ID, SORT, IS_PRIMARY) VALUES (?, ?, ?, ?)"
        ).run(
            .integer(leadID), .integer(contactID), .integer(sort ?? (Int64(existing.count) + 1) * 10),
            .text(isPrimary ? "Y" : "N"))
        try syncPrimaryContact(ofLead: leadID)
        return true
    }

    /// Removes one link; returns `false` when there was none. The first remaining link becomes primary if the primary
    /// went.
    public func removeLink(contact contactID: Int64, fromLead leadID: Int64) throws -> Bool {
        try database.cachedStatement("DELETE FROM b_crm_lead_contact WHERE LEAD_ID = ? AND CONTACT_ID = ?")
            .run(.integer(leadID), .integer(contactID))
        guard database.changes > 0 else { return false }
        try database.cachedStatement(
            """
            UPDATE b_crm_lead_contact SET IS_PRIMARY = 'Y' WHERE LEAD_ID = ?1 AND CONTACT_ID =
                (SELECT CONTACT_ID FROM b_crm_lead_contact WHERE LEAD_ID = ?1 ORDER BY SORT, CONTACT_ID LIMIT 1)
            AND NOT EXISTS (SELECT 1 FROM b_crm_lead_contact WHERE LEAD_ID = ?1 AND IS_PRIMARY = 'Y')
            """
        ).run(.integer(leadID))
        try syncPrimaryContact(ofLead: leadID)
        return true
    }

    /// Replaces every link (`crm.lead.contact.items.set`): the first item asked to be primary is primary, else the
    /// first item.
    public func setLinks(ofLead leadID: Int64, to items: [(contactID: Int64, sort: Int64?, primary: Bool)]) throws {
        try database.cachedStatement("DELETE FROM b_crm_lead_contact WHERE LEAD_ID = ?").run(.integer(leadID))
        let primaryIndex = items.firstIndex(where: \.primary) ?? 0
        var seen: Set<Int64> = []
        for (index, item) in items.enumerated() where seen.insert(item.contactID).inserted {
            try database.cachedStatement(
                "INSERT INTO b_crm_lead_contact (LEAD_ID, CONTACT_ID, SORT, IS_PRIMARY) VALUES (?, ?, ?, ?)"
            ).run(
                .integer(leadID), .integer(item.contactID), .integer(item.sort ?? Int64(index + 1) * 10),
                .text(index == primaryIndex ? "Y" : "N"))
        }
        try syncPrimaryContact(ofLead: leadID)
    }

    /// Keeps the lead's deprecated CONTACT_ID on its primary contact.
    private func syncPrimaryContact(ofLead leadID: Int64) throws {
        try database.cachedStatement(
            """
            UPDATE b_crm_lead SET CONTACT_ID =
                (SELECT CONTACT_ID FROM b_crm_lead_contact WHERE LEAD_ID = ?1 ORDER BY IS_PRIMARY DESC, SORT LIMIT 1)
            WHERE ID = ?1
            """
        ).run(.integer(leadID))
    }
}
