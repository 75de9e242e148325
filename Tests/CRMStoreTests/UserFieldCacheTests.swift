import CRMStore
import SQLite
import Testing

/// `CRMStore.leadUserFields()` serves the definitions from memory, and must never serve stale or uncommitted ones.
@Suite struct UserFieldCacheTests {
    struct Injected: Error {}

    static let region = UserFieldDefinition(fieldName: "UF_CRM_REGION", typeID: "string", label: "Region")

    @Test func aNewDefinitionIsSeenAtOnce() throws {
        let store = try StoreFixture.makeStore()
        let before = try store.leadUserFields().map(\.fieldName)
        #expect(before == ["UF_CRM_BUDGET"])
        try store.write { try $0.userFields.define(Self.region) }
        #expect(try store.leadUserFields().map(\.fieldName) == ["UF_CRM_BUDGET", "UF_CRM_REGION"])
    }

    @Test func aRolledBackDefinitionIsNeverServed() throws {
        let store = try StoreFixture.makeStore()
        _ = try store.leadUserFields()
        #expect(throws: Injected.self) {
            try store.write { session in
                try session.userFields.define(Self.region)
                throw Injected()
            }
        }
        #expect(try store.leadUserFields().map(\.fieldName) == ["UF_CRM_BUDGET"])
    }

    @Test func aChangeMadeStraightInTheDatabaseIsSeenToo() throws {
        let store = try StoreFixture.makeStore()
        _ = try store.leadUserFields()
        try store.withDatabase {
            try $0.execute("UPDATE b_user_field SET LABEL = 'Money' WHERE FIELD_NAME = 'UF_CRM_BUDGET'")
        }
        #expect(try store.leadUserFields().map(\.label) == ["Money"])
    }
}
