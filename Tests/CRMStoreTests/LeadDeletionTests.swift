import CRMStore
import SQLite
import Testing

@Suite struct LeadDeletionTests {
    /// Every table the cascade touches, with the rows that belong to lead 123 before and after the delete.
    @Test func deleteRemovesEverythingTiedToTheLead() throws {
        let store = try StoreFixture.makeStore()
        let queries: [(String, Int64, Int64)] = [
            ("SELECT COUNT(*) FROM b_crm_lead WHERE ID = 123", 1, 0),
            ("SELECT COUNT(*) FROM b_crm_field_multi WHERE ENTITY_ID = 'LEAD' AND ELEMENT_ID = 123", 2, 0),
            ("SELECT COUNT(*) FROM b_uts_crm_lead WHERE VALUE_ID = 123", 1, 0),
            ("SELECT COUNT(*) FROM b_crm_product_row WHERE OWNER_TYPE = 'L' AND OWNER_ID = 123", 1, 0),
            ("SELECT COUNT(*) FROM b_crm_lead_status_history WHERE OWNER_ID = 123", 2, 0),
            ("SELECT COUNT(*) FROM b_crm_lead_contact WHERE LEAD_ID = 123", 1, 0),
            ("SELECT COUNT(*) FROM b_crm_observer WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID = 123", 1, 0),
            ("SELECT COUNT(*) FROM b_crm_timeline_bind WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID = 123", 2, 0),
            ("SELECT COUNT(*) FROM b_crm_act_bind WHERE OWNER_TYPE_ID = 1 AND OWNER_ID = 123", 2, 0),
            ("SELECT COUNT(*) FROM b_crm_contact WHERE LEAD_ID = 123", 1, 0),
            ("SELECT COUNT(*) FROM b_crm_company WHERE LEAD_ID = 123", 1, 0),
            ("SELECT COUNT(*) FROM b_crm_deal WHERE LEAD_ID = 123", 1, 0),
            // The fixture's "created" event goes; the "deleted" event is written afterwards.
            ("SELECT COUNT(*) FROM b_crm_event_relations WHERE ENTITY_TYPE = 'LEAD' AND ENTITY_ID = 123", 1, 1),
            (
                "SELECT COUNT(*) FROM b_crm_event e JOIN b_crm_event_relations r ON r.EVENT_ID = e.ID "
                    + "WHERE r.ENTITY_ID = 123 AND e.EVENT_NAME = 'Deleted'", 0, 1
            ),
        ]
        for (sql, before, _) in queries {
            #expect(try StoreFixture.count(store, sql) == before, "before: \(sql)")
        }
        let admin = try StoreFixture.actor(store, 1)
        let outcome = try store.write { try $0.leads.delete(id: 123, by: admin) }
        #expect(outcome == .deleted(DeletedLead(id: 123, title: "Northwind")))
        for (sql, _, after) in queries {
            #expect(try StoreFixture.count(store, sql) == after, "after: \(sql)")
        }
        // Other leads keep their data.
        #expect(try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_field_multi WHERE ELEMENT_ID = 124") == 1)
        #expect(try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_lead") == 3)
    }

    @Test func sharedTimelineEntrySurvivesUnboundFromTheLead() throws {
        let store = try StoreFixture.makeStore()
        let admin = try StoreFixture.actor(store, 1)
        _ = try store.write { try $0.leads.delete(id: 123, by: admin) }
        #expect(
            try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_timeline WHERE COMMENT = 'only on the lead'") == 0
        )
        #expect(
            try StoreFixture.count(
                store, "SELECT COUNT(*) FROM b_crm_timeline WHERE COMMENT = 'shared with the contact'")
                == 1)
        #expect(
            try StoreFixture.count(
                store,
                "SELECT COUNT(*) FROM b_crm_timeline_bind b JOIN b_crm_timeline t ON t.ID = b.OWNER_ID "
                    + "WHERE t.COMMENT = 'shared with the contact' AND b.ENTITY_TYPE_ID = 3 AND b.ENTITY_ID = 1") == 1)
        // The creation entry was about the lead and goes with it.
        #expect(
            try StoreFixture.count(
                store, "SELECT COUNT(*) FROM b_crm_timeline WHERE TYPE_ID = 2 AND ASSOCIATED_ENTITY_ID = 123") == 0)
    }

    @Test func sharedActivitySurvivesAndMovesToItsOtherOwner() throws {
        let store = try StoreFixture.makeStore()
        let admin = try StoreFixture.actor(store, 1)
        _ = try store.write { try $0.leads.delete(id: 123, by: admin) }
        #expect(try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_act WHERE SUBJECT = 'only on the lead'") == 0)
        #expect(try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_act_comm WHERE OWNER_ID = 123") == 0)
        // The surviving activity keeps its communication, now owned by the contact.
        #expect(
            try StoreFixture.count(
                store, "SELECT COUNT(*) FROM b_crm_act_comm WHERE VALUE = 'm@example.com' AND OWNER_TYPE_ID = 3") == 1)
        #expect(
            try StoreFixture.count(
                store,
                "SELECT COUNT(*) FROM b_crm_act WHERE SUBJECT = 'shared with the contact' AND OWNER_TYPE_ID = 3 AND OWNER_ID = 1"
            ) == 1)
        #expect(
            try StoreFixture.count(
                store, "SELECT COUNT(*) FROM b_crm_act_bind WHERE OWNER_TYPE_ID = 3 AND OWNER_ID = 1") == 1)
    }

    @Test func convertedLeadHandsItsActivitiesToItsContact() throws {
        let store = try StoreFixture.makeStore()
        let admin = try StoreFixture.actor(store, 1)
        _ = try store.write { try $0.leads.delete(id: 126, by: admin) }
        let query =
            "SELECT COUNT(*) FROM b_crm_act a JOIN b_crm_act_bind b ON b.ACTIVITY_ID = a.ID "
            + "WHERE a.SUBJECT = 'follow-up call' AND a.OWNER_TYPE_ID = 3 AND a.OWNER_ID = 1 "
            + "AND b.OWNER_TYPE_ID = 3 AND b.OWNER_ID = 1"
        #expect(try StoreFixture.count(store, query) == 1)
        #expect(try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_act_bind WHERE OWNER_TYPE_ID = 1") == 2)
    }

    @Test func contactsCompaniesAndDealsSurviveWithLeadIDCleared() throws {
        let store = try StoreFixture.makeStore()
        let admin = try StoreFixture.actor(store, 1)
        _ = try store.write { try $0.leads.delete(id: 123, by: admin) }
        #expect(
            try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_contact WHERE ID = 1 AND LEAD_ID IS NULL") == 1)
        #expect(
            try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_company WHERE ID = 1 AND LEAD_ID IS NULL") == 1)
        #expect(try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_deal WHERE ID = 1 AND LEAD_ID IS NULL") == 1)
        // The contact's own phone is not the lead's and stays.
        #expect(
            try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_field_multi WHERE ENTITY_ID = 'CONTACT'") == 1)
    }

    @Test func failingStepRollsBackTheWholeCascade() throws {
        let store = try StoreFixture.makeStore()
        // Break the cascade half way: the timeline step fails after activities, multi-fields and history went.
        try store.withDatabase { database in
            try database.execute(
                "CREATE TRIGGER fail_timeline BEFORE DELETE ON b_crm_timeline BEGIN SELECT RAISE(ABORT, 'injected'); END"
            )
        }
        let tables = [
            "b_crm_lead", "b_crm_field_multi", "b_crm_lead_status_history", "b_crm_event", "b_crm_event_relations",
            "b_crm_act", "b_crm_act_bind", "b_crm_timeline", "b_crm_timeline_bind", "b_crm_observer",
            "b_crm_lead_contact", "b_crm_product_row", "b_uts_crm_lead",
        ]
        let before = try tables.map { try StoreFixture.count(store, "SELECT COUNT(*) FROM \($0)") }
        let admin = try StoreFixture.actor(store, 1)
        #expect(throws: SQLiteError.self) {
            _ = try store.write { try $0.leads.delete(id: 123, by: admin) }
        }
        let after = try tables.map { try StoreFixture.count(store, "SELECT COUNT(*) FROM \($0)") }
        #expect(before == after)
        #expect(try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_contact WHERE LEAD_ID = 123") == 1)
        // The store is still usable: without the trigger the delete goes through.
        try store.withDatabase { try $0.execute("DROP TRIGGER fail_timeline") }
        #expect(
            try store.write { try $0.leads.delete(id: 123, by: admin) }
                == .deleted(DeletedLead(id: 123, title: "Northwind")))
    }

    @Test func permissionIsCheckedBeforeExistence() throws {
        let store = try StoreFixture.makeStore()
        let reader = try StoreFixture.actor(store, 2)
        #expect(try store.write { try $0.leads.delete(id: 123, by: reader) } == .accessDenied)
        #expect(try store.write { try $0.leads.delete(id: 999, by: reader) } == .accessDenied)
        let admin = try StoreFixture.actor(store, 1)
        #expect(try store.write { try $0.leads.delete(id: 999, by: admin) } == .notFound)
        #expect(try StoreFixture.count(store, "SELECT COUNT(*) FROM b_crm_lead WHERE ID = 123") == 1)
    }

    @Test func ownLevelDeletesOnlyTheUsersOwnLeads() throws {
        let store = try StoreFixture.makeStore()
        let owner = try StoreFixture.actor(store, 3)
        #expect(try store.write { try $0.leads.delete(id: 125, by: owner) } == .accessDenied)
        #expect(
            try store.write { try $0.leads.delete(id: 124, by: owner) }
                == .deleted(DeletedLead(id: 124, title: "Owner's lead")))
    }

    @Test func departmentLevelDeletesLeadsOfTheDepartment() throws {
        let store = try StoreFixture.makeStore()
        let head = try StoreFixture.actor(store, 4)
        // Lead 123 belongs to the admin (department 1); 125 to the reader (department 2, like the head).
        #expect(try store.write { try $0.leads.delete(id: 123, by: head) } == .accessDenied)
        #expect(
            try store.write { try $0.leads.delete(id: 125, by: head) }
                == .deleted(DeletedLead(id: 125, title: "Reader's lead")))
    }

    @Test func secondDeleteOfTheSameLeadFindsNothing() throws {
        let store = try StoreFixture.makeStore()
        let admin = try StoreFixture.actor(store, 1)
        #expect(try store.write { try $0.leads.delete(id: 124, by: admin) } != .notFound)
        #expect(try store.write { try $0.leads.delete(id: 124, by: admin) } == .notFound)
    }
}
