import CRMStore
import SQLite
import Testing

@Suite struct CredentialCacheTests {
    @Test func aRoleChangeIsSeenAtOnceDespiteTheCache() throws {
        let store = try StoreFixture.makeStore()
        #expect(try store.actor(userID: 2)?.level(for: .delete, on: .lead) == PermissionLevel.none)
        try store.withDatabase {
            try $0.execute("UPDATE b_crm_role_perms SET ATTR = 'X' WHERE ROLE_ID = 1 AND PERM_TYPE = 'DELETE'")
        }
        #expect(try store.actor(userID: 2)?.level(for: .delete, on: .lead) == .all)
    }

    @Test func aChangedOrRemovedWebhookStopsWorkingAtOnce() throws {
        let store = try StoreFixture.makeStore()
        #expect(try store.webhookCaller(userID: 1, token: "mocktokenadmin01") != nil)
        #expect(try store.webhookCaller(userID: 1, token: "mocktokenadmin0x") == nil)
        try store.withDatabase {
            try $0.execute("UPDATE b_rest_ap SET ACTIVE = 'N' WHERE PASSWORD = 'mocktokenadmin01'")
        }
        #expect(try store.webhookCaller(userID: 1, token: "mocktokenadmin01") == nil)
        try store.withDatabase { try $0.execute("UPDATE b_user SET ACTIVE = 'N' WHERE ID = 2") }
        #expect(try store.webhookCaller(userID: 2, token: "mocktokenreader2") == nil)
        #expect(try store.actor(userID: 2) == nil)
    }

    @Test func lookupsNeverMatchAnotherUsersToken() throws {
        let store = try StoreFixture.makeStore()
        #expect(try store.webhookCaller(userID: 2, token: "mocktokenadmin01") == nil)
        #expect(try store.webhookCaller(userID: 2, token: "mocktokenreader2")?.0.userID == 2)
    }
}
