import CRMStore
import SQLite
import Testing

/// `LeadStore.delete(_:)`, which deletes many leads with one statement per cascade step, must leave exactly what
/// deleting them one call at a time leaves, and give each request the same outcome.
@Suite struct LeadGroupDeletionTests {
    /// The fixture's leads (one of everything, a converted one) plus generated ones, with a timeline entry and a
    /// history event shared between two generated leads of the group and one shared with a lead outside it.
    static func makeStore() throws -> CRMStore {
        let plainLeads = (1...12).map { id in
            """
            {"ID": \(id), "TITLE": "Lead \(id)", "ASSIGNED_BY_ID": \(id % 2 == 0 ? 3 : 1),
             "PHONE": [{"VALUE": "+1 555 \(id)"}], "EMAIL": [{"VALUE": "lead\(id)@example.com"}],
             "STATUS_HISTORY": [{"STATUS_ID": "NEW"}], "TIMELINE": [{"COMMENT": "about lead \(id)"}]},
            """
        }
        let marker = #""leads": ["#
        var json = StoreFixture.json
        json.replaceSubrange(try #require(json.firstRange(of: marker)), with: marker + plainLeads.joined())
        let store = try StoreFixture.makeStore(json: json)
        try store.withDatabase { database in
            try database.execute(
                """
                INSERT INTO b_crm_event (ID, DATE_CREATE, CREATED_BY_ID, EVENT_ID, EVENT_NAME, EVENT_TYPE, EVENT_TEXT_1)
                    SELECT 1000 + ID, '2026-12-01 10:00:00', 1, 'INFO', 'Created', 1, TITLE FROM b_crm_lead WHERE ID <= 12;
                INSERT INTO b_crm_event_relations (ASSIGNED_BY_ID, ENTITY_TYPE, ENTITY_ID, EVENT_ID)
                    SELECT 1, 'LEAD', ID, 1000 + ID FROM b_crm_lead WHERE ID <= 12;
                INSERT INTO b_crm_timeline (ID, TYPE_ID, CREATED, AUTHOR_ID) VALUES (900, 7, '2026-12-01 10:00:00', 1);
                INSERT INTO b_crm_timeline_bind (OWNER_ID, ENTITY_TYPE_ID, ENTITY_ID) VALUES (900, 1, 1), (900, 1, 2);
                INSERT INTO b_crm_timeline (ID, TYPE_ID, CREATED, AUTHOR_ID) VALUES (901, 7, '2026-12-01 10:00:00', 1);
                INSERT INTO b_crm_timeline_bind (OWNER_ID, ENTITY_TYPE_ID, ENTITY_ID) VALUES (901, 1, 3), (901, 1, 12);
                INSERT INTO b_crm_timeline (ID, TYPE_ID, CREATED, AUTHOR_ID, ASSOCIATED_ENTITY_TYPE_ID, ASSOCIATED_ENTITY_ID)
                    VALUES (902, 2, '2026-12-01 10:00:00', 1, 1, 4);
                INSERT INTO b_crm_timeline_bind (OWNER_ID, ENTITY_TYPE_ID, ENTITY_ID) VALUES (902, 3, 1);
                INSERT INTO b_crm_event (ID, DATE_CREATE, CREATED_BY_ID, EVENT_ID, EVENT_NAME, EVENT_TYPE)
                    VALUES (900, '2026-12-01 10:00:00', 1, 'INFO', 'Shared', 0);
                INSERT INTO b_crm_event_relations (ASSIGNED_BY_ID, ENTITY_TYPE, ENTITY_ID, EVENT_ID)
                    VALUES (1, 'LEAD', 4, 900), (1, 'LEAD', 5, 900);
                """)
        }
        return store
    }

    /// Every row the cascade can touch, without the ids SQLite assigns, sorted: two stores with the same dump hold
    /// the same data.
    static func dump(_ store: CRMStore) throws -> [String] {
        let queries = [
            "SELECT 'lead', ID, TITLE FROM b_crm_lead",
            "SELECT 'fm', ENTITY_ID, ELEMENT_ID, TYPE_ID, VALUE FROM b_crm_field_multi",
            "SELECT 'status', OWNER_ID, STATUS_ID FROM b_crm_lead_status_history",
            """
            SELECT 'event', e.EVENT_NAME, e.EVENT_TEXT_1, r.ENTITY_TYPE, r.ENTITY_ID, r.ASSIGNED_BY_ID
            FROM b_crm_event e LEFT JOIN b_crm_event_relations r ON r.EVENT_ID = e.ID
            """,
            "SELECT 'orphan relation', ENTITY_ID FROM b_crm_event_relations WHERE EVENT_ID NOT IN (SELECT ID FROM b_crm_event)",
            "SELECT 'timeline', t.ID, t.TYPE_ID, b.ENTITY_TYPE_ID, b.ENTITY_ID FROM b_crm_timeline t LEFT JOIN b_crm_timeline_bind b ON b.OWNER_ID = t.ID",
            "SELECT 'activity', a.ID, a.OWNER_TYPE_ID, a.OWNER_ID, b.OWNER_TYPE_ID, b.OWNER_ID FROM b_crm_act a LEFT JOIN b_crm_act_bind b ON b.ACTIVITY_ID = a.ID",
            "SELECT 'comm', ACTIVITY_ID, OWNER_TYPE_ID, OWNER_ID FROM b_crm_act_comm",
            "SELECT 'observer', ENTITY_ID FROM b_crm_observer",
            "SELECT 'product', OWNER_ID FROM b_crm_product_row",
            "SELECT 'uf', VALUE_ID FROM b_uts_crm_lead",
            "SELECT 'link', LEAD_ID, CONTACT_ID FROM b_crm_lead_contact",
            "SELECT 'contact', ID, LEAD_ID FROM b_crm_contact",
            "SELECT 'company', ID, LEAD_ID FROM b_crm_company",
            "SELECT 'deal', ID, LEAD_ID FROM b_crm_deal",
        ]
        return try store.withDatabase { database in
            try queries.flatMap { sql in
                try database.prepare(sql).rows().map { row in
                    (0..<row.count).map { Self.text(row[$0]) }.joined(separator: "|")
                }
            }
        }.sorted()
    }

    private static func text(_ value: SQLiteValue) -> String {
        switch value {
        case .integer(let integer): "\(integer)"
        case .text(let text): text
        case .null: "NULL"
        default: "\(value)"
        }
    }

    @Test func aGroupLeavesWhatOneCallPerLeadLeaves() throws {
        let grouped = try Self.makeStore()
        let oneByOne = try Self.makeStore()
        let admin = try StoreFixture.actor(grouped, 1)
        let reader = try StoreFixture.actor(grouped, 2)
        let owner = try StoreFixture.actor(grouped, 3)
        let requests = [
            LeadRequest(id: 123, actor: admin),  // one of everything
            LeadRequest(id: 1, actor: admin),
            LeadRequest(id: 2, actor: owner),  // generated lead 2 is the owner's (users 1, 3 in turn)
            LeadRequest(id: 3, actor: owner),  // not the owner's
            LeadRequest(id: 125, actor: reader),  // the reader deletes nothing
            LeadRequest(id: 1, actor: admin),  // already deleted by this group
            LeadRequest(id: 999, actor: admin),
            LeadRequest(id: 999, actor: owner),  // missing, and the owner cannot see that
            LeadRequest(id: 4, actor: admin),
            LeadRequest(id: 5, actor: admin),
            LeadRequest(id: 126, actor: admin),  // converted: hands its activity to its contact
            LeadRequest(id: 3, actor: admin),
        ]
        let groupOutcomes = try grouped.write { try $0.leads.delete(requests) }
        let singleOutcomes = try requests.map { request in
            try oneByOne.write { try $0.leads.delete(id: request.id, by: request.actor) }
        }
        #expect(groupOutcomes == singleOutcomes)
        #expect(
            groupOutcomes.map { if case .deleted = $0 { "deleted" } else { "\($0)" } } == [
                "deleted", "deleted", "deleted", "accessDenied", "accessDenied", "notFound", "notFound",
                "accessDenied", "deleted", "deleted", "deleted", "deleted",
            ])
        let groupDump = try Self.dump(grouped)
        #expect(groupDump == (try Self.dump(oneByOne)))
        // What the shared rows became: entry 900 (leads 1 and 2, both gone) and event 900 (leads 4 and 5) went;
        // entry 901 stays on lead 12.
        #expect(!groupDump.contains { $0.hasPrefix("timeline|900|") })
        #expect(groupDump.contains("timeline|901|7|1|12"))
        // Entry 902 is about lead 4 and goes with it, though it is also shown on contact 1.
        #expect(!groupDump.contains { $0.hasPrefix("timeline|902|") })
        #expect(!groupDump.contains { $0.hasPrefix("event|Shared|") })
        #expect(groupDump.filter { $0.hasPrefix("event|Deleted|") }.count == 7)
    }

    @Test func aFailingStepRollsBackTheWholeGroup() throws {
        let store = try Self.makeStore()
        let before = try Self.dump(store)
        try store.withDatabase { database in
            try database.execute(
                "CREATE TRIGGER fail_lead_7 BEFORE DELETE ON b_crm_lead WHEN old.ID = 7 BEGIN SELECT RAISE(ABORT, 'injected'); END"
            )
        }
        let admin = try StoreFixture.actor(store, 1)
        #expect(throws: SQLiteError.self) {
            _ = try store.write {
                try $0.leads.delete([6, 7, 8, 123].map { LeadRequest(id: $0, actor: admin) })
            }
        }
        #expect(try Self.dump(store) == before)
        try store.withDatabase { try $0.execute("DROP TRIGGER fail_lead_7") }
        let outcomes = try store.write {
            try $0.leads.delete([6, 7].map { LeadRequest(id: $0, actor: admin) })
        }
        #expect(outcomes.allSatisfy { if case .deleted = $0 { true } else { false } })
    }

    @Test func anEmptyGroupDoesNothing() throws {
        let store = try Self.makeStore()
        let before = try Self.dump(store)
        #expect(try store.write { try $0.leads.delete([]) }.isEmpty)
        #expect(try Self.dump(store) == before)
    }
}
