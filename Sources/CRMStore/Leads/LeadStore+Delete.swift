import SQLite

extension LeadStore {
    /// Deletes a lead and everything tied to it, as `CCrmLead::Delete` does on a portal with the recycle bin off.
    ///
    /// Checks run in the portal's order: permission first (so a narrow role gets the permission error even for a lead
    /// that does not exist), then existence. The cascade then removes, in one transaction (the caller's, when it
    /// already holds one): activities bound only to this lead (others are just unbound), multi-fields, product rows,
    /// user-field values, contact links, status history, history relations and the events they leave without any
    /// relation, timeline entries bound only to this lead or about it (others are just unbound), observers; it clears
    /// LEAD_ID on contacts, companies and deals, deletes the lead row, and finally records a "deleted" history event,
    /// as the portal does. If any step fails, nothing is removed.
    public func delete(id: Int64, by actor: CRMActor) throws -> LeadDeletion {
        try delete([LeadRequest(id: id, actor: actor)])[0]
    }

    /// Deletes several leads in one transaction, with the outcome each would have had from ``delete(id:by:)`` called
    /// once per request, in order (a lead named twice is deleted by the first request; the second finds it gone).
    ///
    /// Why: many clients deleting at once is what load tests do, and a lead's cascade is a dozen statements. Here each
    /// step is one statement for all the leads (`IN (SELECT value FROM json_each(?))`), so its cost is paid once per
    /// group rather than once per lead. Only the rarer steps (activities, product rows, user fields, contact links,
    /// observers, entities pointing at the lead, a converted lead's hand-over) still run lead by lead, and only for
    /// the leads that have them. All or nothing: if any statement fails, the whole group is rolled back.
    public func delete(_ requests: [LeadRequest]) throws -> [LeadDeletion] {
        try database.isInTransaction
            ? deleteInTransaction(requests) : database.transaction { try deleteInTransaction(requests) }
    }

    private func deleteInTransaction(_ requests: [LeadRequest]) throws -> [LeadDeletion] {
        var outcomes: [LeadDeletion] = []
        outcomes.reserveCapacity(requests.count)
        var deleted: [(lead: DeletedLead, userID: Int64)] = []
        var deletedIDs = Set<Int64>()
        // Read before anything is deleted: one lead's own steps never touch what another's probe says (they move
        // activities to contacts and companies, never to leads), and a lead named twice is gone for the second.
        let probes = try probes(of: requests.map(\.id))
        for request in requests {
            let probe = deletedIDs.contains(request.id) ? nil : probes[request.id]
            guard CRMPermissionCheck(actor: request.actor).allows(.delete, on: .lead, item: probe?.attributes) else {
                outcomes.append(.accessDenied)
                continue
            }
            guard let probe else {
                outcomes.append(.notFound)
                continue
            }
            try deleteLeadSpecificDependents(of: request.id, as: probe)
            let lead = DeletedLead(id: request.id, title: probe.title)
            deletedIDs.insert(request.id)
            deleted.append((lead, request.actor.userID))
            outcomes.append(.deleted(lead))
        }
        guard !deleted.isEmpty else { return outcomes }
        try deleteCommonDependents(ofLeads: deleted.map(\.lead.id))
        let history = HistoryStore(database: database, now: now)
        for (lead, userID) in deleted {
            try history.record(
                HistoryEvent(kind: .deleted, entityTitle: lead.title), for: .lead, id: lead.id, by: userID)
        }
        return outcomes
    }

    /// What the checks need, and which of the rarer dependents each lead has; missing leads are absent.
    private func probes(of ids: [Int64]) throws -> [Int64: DeletionProbe] {
        // One statement for the group, so a lead without activities, product rows, user fields, contact links,
        // observers or entities pointing at it costs no statement for them.
        let rows = try database.cachedStatement(
            """
            SELECT l.ID, l.ASSIGNED_BY_ID, l.OPENED, u.DEPARTMENT_ID, l.TITLE, l.STATUS_ID,
                EXISTS (SELECT 1 FROM b_crm_product_row WHERE OWNER_TYPE = 'L' AND OWNER_ID = l.ID),
                EXISTS (SELECT 1 FROM b_uts_crm_lead WHERE VALUE_ID = l.ID),
                EXISTS (SELECT 1 FROM b_crm_lead_contact WHERE LEAD_ID = l.ID),
                EXISTS (SELECT 1 FROM b_crm_observer WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID = l.ID),
                EXISTS (SELECT 1 FROM b_crm_contact WHERE LEAD_ID = l.ID)
                    OR EXISTS (SELECT 1 FROM b_crm_company WHERE LEAD_ID = l.ID)
                    OR EXISTS (SELECT 1 FROM b_crm_deal WHERE LEAD_ID = l.ID),
                EXISTS (SELECT 1 FROM b_crm_act_bind WHERE OWNER_TYPE_ID = 1 AND OWNER_ID = l.ID)
            FROM json_each(?1) j CROSS JOIN b_crm_lead l ON l.ID = j.value
            LEFT JOIN b_user u ON u.ID = l.ASSIGNED_BY_ID
            """
        ).rows(Self.jsonList(ids))
        var probes: [Int64: DeletionProbe] = [:]
        for row in rows {
            guard let id = row[0].integerValue else { continue }
            probes[id] = DeletionProbe(
                attributes: CRMPermissionCheck.ItemAttributes(
                    assignedByID: row[1].integerValue, assigneeDepartmentID: row[3].integerValue,
                    isOpened: row[2].textValue == "Y"),
                title: row[4].textValue ?? "", isConverted: row[5].textValue == "CONVERTED",
                hasProductRows: row[6] == .integer(1), hasUserFields: row[7] == .integer(1),
                hasContacts: row[8] == .integer(1), hasObservers: row[9] == .integer(1),
                hasReferrers: row[10] == .integer(1), hasActivities: row[11] == .integer(1))
        }
        return probes
    }

    /// The steps only some leads need, for one lead.
    private func deleteLeadSpecificDependents(of id: Int64, as probe: DeletionProbe) throws {
        if probe.isConverted { try moveActivitiesOfConvertedLead(id) }
        if probe.hasActivities || probe.isConverted { try deleteActivities(ofLead: id) }
        if probe.hasProductRows { try run("DELETE FROM b_crm_product_row WHERE OWNER_TYPE = 'L' AND OWNER_ID = ?", id) }
        if probe.hasUserFields { try run("DELETE FROM b_uts_crm_lead WHERE VALUE_ID = ?", id) }
        if probe.hasContacts { try run("DELETE FROM b_crm_lead_contact WHERE LEAD_ID = ?", id) }
        if probe.hasObservers { try run("DELETE FROM b_crm_observer WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID = ?", id) }
        if probe.hasReferrers {
            try run("UPDATE b_crm_contact SET LEAD_ID = NULL WHERE LEAD_ID = ?", id)
            try run("UPDATE b_crm_company SET LEAD_ID = NULL WHERE LEAD_ID = ?", id)
            try run("UPDATE b_crm_deal SET LEAD_ID = NULL WHERE LEAD_ID = ?", id)
        }
    }

    /// The steps every lead has, for all of `ids` at once, then the lead rows: multi-fields, status history, history
    /// relations and the events left without one (`EventRelationsTable::deleteByItem`), timeline bindings with the
    /// entries left without one, and the entries about the leads (`TimelineEntry::deleteByOwner`). Entries and
    /// events also shown on another entity survive, unbound from these leads.
    private func deleteCommonDependents(ofLeads ids: [Int64]) throws {
        let leads = Self.jsonList(ids)
        try run("DELETE FROM b_crm_field_multi WHERE ENTITY_ID = 'LEAD' AND ELEMENT_ID IN \(Self.listed)", leads)
        try run("DELETE FROM b_crm_lead_status_history WHERE OWNER_ID IN \(Self.listed)", leads)
        try unlink(
            "DELETE FROM b_crm_event_relations WHERE ENTITY_TYPE = 'LEAD' AND ENTITY_ID IN \(Self.listed) RETURNING EVENT_ID",
            thenDeleteUnlinked: """
                DELETE FROM b_crm_event WHERE ID IN \(Self.listed)
                    AND NOT EXISTS (SELECT 1 FROM b_crm_event_relations r WHERE r.EVENT_ID = b_crm_event.ID)
                """, leads: leads)
        try unlink(
            "DELETE FROM b_crm_timeline_bind WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID IN \(Self.listed) RETURNING OWNER_ID",
            thenDeleteUnlinked: """
                DELETE FROM b_crm_timeline WHERE ID IN \(Self.listed)
                    AND NOT EXISTS (SELECT 1 FROM b_crm_timeline_bind b WHERE b.OWNER_ID = b_crm_timeline.ID)
                """, leads: leads)
        try run(
            """
            DELETE FROM b_crm_timeline_bind WHERE OWNER_ID IN
                (SELECT ID FROM b_crm_timeline WHERE ASSOCIATED_ENTITY_TYPE_ID = 1 AND ASSOCIATED_ENTITY_ID IN \(Self.listed))
            """, leads)
        try run(
            "DELETE FROM b_crm_timeline WHERE ASSOCIATED_ENTITY_TYPE_ID = 1 AND ASSOCIATED_ENTITY_ID IN \(Self.listed)",
            leads)
        try run("DELETE FROM b_crm_lead WHERE ID IN \(Self.listed)", leads)
    }

    /// Runs `deleteLinks` (a `DELETE ... RETURNING` the linked rows' ids) for `leads`, then `deleteUnlinked` for those
    /// linked rows, which removes the ones no other link is left to.
    private func unlink(_ deleteLinks: String, thenDeleteUnlinked deleteUnlinked: String, leads: SQLiteValue) throws {
        let linked = try database.cachedStatement(deleteLinks).integers(leads)
        guard !linked.isEmpty else { return }
        try run(deleteUnlinked, Self.jsonList(linked))
    }

    /// The ids bound as the statement's first parameter, a JSON array: one prepared statement serves any number.
    private static let listed = "(SELECT value FROM json_each(?1))"

    private static func jsonList(_ ids: [Int64]) -> SQLiteValue {
        .text("[" + ids.map(String.init).joined(separator: ",") + "]")
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

    private func run(_ sql: String, _ id: Int64) throws {
        try database.cachedStatement(sql).run(.integer(id))
    }

    private func run(_ sql: String, _ value: SQLiteValue) throws {
        try database.cachedStatement(sql).run(value)
    }

    private func returnedIDs(_ sql: String, _ id: Int64) throws -> [Int64] {
        try database.cachedStatement(sql).integers(.integer(id))
    }
}
