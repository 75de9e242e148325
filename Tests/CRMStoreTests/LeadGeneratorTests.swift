import CRMStore
import SQLite
import Testing

@Suite struct LeadGeneratorTests {
    @Test func generatedLeadsHaveEverythingADeleteCascades() throws {
        let store = try CRMStore(location: .inMemory)
        let document = try FixtureDecoder.Document(
            source: "t", bytes: Array(#"{"users":[{"ID":1,"IS_ADMIN":true},{"ID":2}]}"#.utf8))
        let set = try FixtureDecoder(portalUTCOffsetSeconds: 0).decode([document])
        _ = try store.write { try $0.fixtures.load(set) }
        var reported: [Int] = []
        try store.write { session in
            try session.leadGenerator.generate(count: 250, userIDs: [1, 2]) { reported.append($0) }
        }
        #expect(reported == [250])
        let counts = try store.withDatabase { database in
            try [
                "b_crm_lead", "b_crm_field_multi", "b_crm_event", "b_crm_event_relations", "b_crm_lead_status_history",
                "b_crm_timeline", "b_crm_timeline_bind",
            ].map { try database.prepare("SELECT COUNT(*) FROM \($0)").firstRow()?[0].integerValue ?? -1 }
        }
        #expect(counts == [250, 500, 250, 250, 250, 250, 250])
        let assigned = try store.withDatabase {
            try $0.prepare("SELECT ASSIGNED_BY_ID FROM b_crm_lead WHERE ID IN (1, 2) ORDER BY ID").rows().map {
                $0[0].integerValue
            }
        }
        #expect(assigned == [2, 1])
        let admin = try #require(try store.actor(userID: 1))
        #expect(
            try store.write { try $0.leads.delete(id: 250, by: admin) }
                == .deleted(DeletedLead(id: 250, title: "Generated lead #250")))
        let left = try store.withDatabase {
            try $0.prepare("SELECT COUNT(*) FROM b_crm_timeline_bind WHERE ENTITY_ID = 250").firstRow()?[0].integerValue
        }
        #expect(left == 0)
    }
}
