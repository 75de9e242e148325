import SQLite

extension LeadStore {
    /// Deletes a lead and everything tied to it, as `CCrmLead::Delete` does on a portal with the recycle bin off.
    ///
    /// Checks run in the portal's order: permission first (so a narrow role gets the permission error even for a lead
    /// that does not exist), then existence. The cascade then removes, in one transaction (a savepoint when the caller
    /// already holds one): activities bound only to this lead (others are just unbound), multi-fields, product rows,
    /// user-field values, contact links, status history, history relations and the events they leave without any
    /// relation, timeline entries bound only to this lead or about it (others are just unbound), observers; it clears
    /// LEAD_ID on contacts, companies and deals, deletes the lead row, and finally records a "deleted" history event,
    /// as the portal does. If any step fails, nothing is removed.
    public func delete(id: Int64, by actor: CRMActor) throws -> LeadDeletion {
        // One probe reads what the checks need and which of the optional dependents exist, so a lead without
        // product rows, user fields, contact links, observers or entities pointing at it costs no statement for them.
        let probe = try database.cachedStatement(
            """
            SELECT l.ASSIGNED_BY_ID, l.OPENED, u.DEPARTMENT_ID, l.TITLE, l.STATUS_ID,
                EXISTS (SELECT 1 FROM b_crm_product_row WHERE OWNER_TYPE = 'L' AND OWNER_ID = l.ID),
                EXISTS (SELECT 1 FROM b_uts_crm_lead WHERE VALUE_ID = l.ID),
                EXISTS (SELECT 1 FROM b_crm_lead_contact WHERE LEAD_ID = l.ID),
                EXISTS (SELECT 1 FROM b_crm_observer WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID = l.ID),
                EXISTS (SELECT 1 FROM b_crm_contact WHERE LEAD_ID = l.ID)
                    OR EXISTS (SELECT 1 FROM b_crm_company WHERE LEAD_ID = l.ID)
                    OR EXISTS (SELECT 1 FROM b_crm_deal WHERE LEAD_ID = l.ID)
            FROM b_crm_lead l LEFT JOIN b_user u ON u.ID = l.ASSIGNED_BY_ID
            WHERE l.ID = ?
            """
        ).firstRow(.integer(id))
        let attributes = probe.map { row in
            CRMPermissionCheck.ItemAttributes(
                assignedByID: row[0].integerValue, assigneeDepartmentID: row[2].integerValue,
                isOpened: row[1].textValue == "Y")
        }
        guard CRMPermissionCheck(actor: actor).allows(.delete, on: .lead, item: attributes) else {
            return .accessDenied
        }
        guard let row = probe else { return .notFound }
        let deleted = DeletedLead(id: id, title: row[3].textValue ?? "")
        let has = (
            productRows: row[5] == .integer(1), userFields: row[6] == .integer(1),
            contacts: row[7] == .integer(1), observers: row[8] == .integer(1), referrers: row[9] == .integer(1)
        )
        // Inside the caller's transaction (`CRMStore.write`) the steps run as they are: that transaction already makes
        // them all-or-nothing, and a savepoint would only add two statements to every delete.
        try database.isInTransaction ? cascade() : database.transaction(cascade)
        func cascade() throws {
            if row[4].textValue == "CONVERTED" {
                try moveActivitiesOfConvertedLead(id)
            }
            try deleteActivities(ofLead: id)
            try run("DELETE FROM b_crm_field_multi WHERE ENTITY_ID = 'LEAD' AND ELEMENT_ID = ?", id)
            if has.productRows { try run("DELETE FROM b_crm_product_row WHERE OWNER_TYPE = 'L' AND OWNER_ID = ?", id) }
            if has.userFields { try run("DELETE FROM b_uts_crm_lead WHERE VALUE_ID = ?", id) }
            if has.contacts { try run("DELETE FROM b_crm_lead_contact WHERE LEAD_ID = ?", id) }
            try run("DELETE FROM b_crm_lead_status_history WHERE OWNER_ID = ?", id)
            try deleteHistory(ofLead: id)
            try deleteTimeline(ofLead: id)
            if has.observers { try run("DELETE FROM b_crm_observer WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID = ?", id) }
            if has.referrers {
                try run("UPDATE b_crm_contact SET LEAD_ID = NULL WHERE LEAD_ID = ?", id)
                try run("UPDATE b_crm_company SET LEAD_ID = NULL WHERE LEAD_ID = ?", id)
                try run("UPDATE b_crm_deal SET LEAD_ID = NULL WHERE LEAD_ID = ?", id)
            }
            try run("DELETE FROM b_crm_lead WHERE ID = ?", id)
            try HistoryStore(database: database, now: now).record(
                HistoryEvent(kind: .deleted, entityTitle: deleted.title),
                for: .lead, id: id, by: actor.userID)
        }
        return .deleted(deleted)
    }

    /// A converted lead hands its activities to what it was converted into before it goes: its contact (the lead's
    /// CONTACT_ID, else its primary linked contact), else its company (`CCrmActivity::ChangeOwner` in
    /// `CCrmLead::Delete`), so the history of the deal survives the lead.
    private func moveActivitiesOfConvertedLead(_ id: Int64) throws {
        guard
            let lead = try database.cachedStatement(
                """
                SELECT l.STATUS_ID, l.CONTACT_ID, l.COMPANY_ID,
                    (SELECT CONTACT_ID FROM b_crm_lead_contact WHERE LEAD_ID = l.ID ORDER BY IS_PRIMARY DESC, SORT LIMIT 1)
                FROM b_crm_lead l WHERE l.ID = ?
                """
            ).firstRow(.integer(id))
        else { return }
        let target: (CRMEntityType, Int64)
        if let contact = lead[1].integerValue ?? lead[3].integerValue, contact > 0 {
            target = (.contact, contact)
        } else if let company = lead[2].integerValue, company > 0 {
            target = (.company, company)
        } else {
            return
        }
        try database.cachedStatement(
            """
            UPDATE OR IGNORE b_crm_act_bind SET OWNER_TYPE_ID = ?, OWNER_ID = ?
            WHERE OWNER_TYPE_ID = 1 AND OWNER_ID = ?
            """
        ).run(.integer(target.0.rawValue), .integer(target.1), .integer(id))
        try database.cachedStatement(
            "UPDATE b_crm_act SET OWNER_TYPE_ID = ?, OWNER_ID = ? WHERE OWNER_TYPE_ID = 1 AND OWNER_ID = ?"
        ).run(.integer(target.0.rawValue), .integer(target.1), .integer(id))
    }

    /// Unbinds every activity from the lead; deletes those left with no binding, and moves the owner of the others to
    /// one of their remaining bindings (`CCrmActivity::DeleteByOwner`).
    private func deleteActivities(ofLead id: Int64) throws {
        let activityIDs = try returnedIDs(
            "DELETE FROM b_crm_act_bind WHERE OWNER_TYPE_ID = 1 AND OWNER_ID = ? RETURNING ACTIVITY_ID", id)
        for activityID in activityIDs {
            let remaining = try database.cachedStatement(
                "SELECT OWNER_TYPE_ID, OWNER_ID FROM b_crm_act_bind WHERE ACTIVITY_ID = ? ORDER BY ID LIMIT 1"
            ).firstRow(.integer(activityID))
            if let remaining {
                try database.cachedStatement(
                    """
                    UPDATE b_crm_act SET OWNER_TYPE_ID = ?, OWNER_ID = ?
                    WHERE ID = ? AND OWNER_TYPE_ID = 1 AND OWNER_ID = ?
                    """
                ).run(remaining[0], remaining[1], .integer(activityID), .integer(id))
                try database.cachedStatement(
                    """
                    UPDATE b_crm_act_comm SET OWNER_TYPE_ID = ?, OWNER_ID = ?
                    WHERE ACTIVITY_ID = ? AND OWNER_TYPE_ID = 1 AND OWNER_ID = ?
                    """
                ).run(remaining[0], remaining[1], .integer(activityID), .integer(id))
            } else {
                try run("DELETE FROM b_crm_act_comm WHERE ACTIVITY_ID = ?", activityID)
                try run("DELETE FROM b_crm_act WHERE ID = ?", activityID)
            }
        }
    }

    /// Removes the lead's history relations, then the events that no longer relate to anything
    /// (`EventRelationsTable::deleteByItem`).
    private func deleteHistory(ofLead id: Int64) throws {
        let eventIDs = try returnedIDs(
            "DELETE FROM b_crm_event_relations WHERE ENTITY_TYPE = 'LEAD' AND ENTITY_ID = ? RETURNING EVENT_ID", id)
        let deleteOrphan = try database.cachedStatement(
            "DELETE FROM b_crm_event WHERE ID = ?1 AND NOT EXISTS (SELECT 1 FROM b_crm_event_relations WHERE EVENT_ID = ?1)"
        )
        for eventID in Set(eventIDs) {
            try deleteOrphan.run(.integer(eventID))
        }
    }

    /// Removes the lead's timeline bindings, the entries left with no binding, and the entries about the lead itself
    /// (`TimelineEntry::deleteByOwner`); entries also shown on another entity survive, unbound from the lead.
    private func deleteTimeline(ofLead id: Int64) throws {
        let entryIDs = try returnedIDs(
            "DELETE FROM b_crm_timeline_bind WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID = ? RETURNING OWNER_ID", id)
        let deleteUnbound = try database.cachedStatement(
            "DELETE FROM b_crm_timeline WHERE ID = ?1 AND NOT EXISTS (SELECT 1 FROM b_crm_timeline_bind WHERE OWNER_ID = ?1)"
        )
        for entryID in Set(entryIDs) {
            try deleteUnbound.run(.integer(entryID))
        }
        try run(
            """
            DELETE FROM b_crm_timeline_bind WHERE OWNER_ID IN
                (SELECT ID FROM b_crm_timeline WHERE ASSOCIATED_ENTITY_TYPE_ID = 1 AND ASSOCIATED_ENTITY_ID = ?)
            """, id)
        try run("DELETE FROM b_crm_timeline WHERE ASSOCIATED_ENTITY_TYPE_ID = 1 AND ASSOCIATED_ENTITY_ID = ?", id)
    }

    private func run(_ sql: String, _ id: Int64) throws {
        try database.cachedStatement(sql).run(.integer(id))
    }

    private func returnedIDs(_ sql: String, _ id: Int64) throws -> [Int64] {
        try database.cachedStatement(sql).rows(.integer(id)).compactMap { $0[0].integerValue }
    }
}
