import CRMStore
import SQLite
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct FileDatabaseTests {
    private func temporaryPath() -> String {
        "/tmp/bitrix24-mock-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sqlite"
    }

    private func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }

    @Test func stateSurvivesReopeningAndFixturesAreNotReloaded() throws {
        let path = temporaryPath()
        defer { remove(path) }
        do {
            let store = try CRMStore(location: .file(path: path))
            let document = try FixtureDecoder.Document(source: "test", bytes: Array(StoreFixture.json.utf8))
            let set = try FixtureDecoder(portalUTCOffsetSeconds: 0).decode([document])
            #expect(try store.read { try $0.fixtures.storeIsEmpty() })
            _ = try store.write { try $0.fixtures.load(set) }
            let admin = try StoreFixture.actor(store, 1)
            _ = try store.write { try $0.leads.delete(id: 123, by: admin) }
            store.close()
        }
        let reopened = try CRMStore(location: .file(path: path))
        defer { reopened.close() }
        #expect(try !reopened.read { try $0.fixtures.storeIsEmpty() })
        #expect(try reopened.read { try $0.leads.exists(id: 123) } == false)
        #expect(try reopened.read { try $0.leads.exists(id: 124) })
        let mode = try reopened.withDatabase { try $0.prepare("PRAGMA journal_mode").firstRow()?[0] }
        #expect(mode == .text("wal"))
    }

    @Test func schemaVersionIsRecorded() throws {
        let store = try CRMStore(location: .inMemory)
        #expect(try store.withDatabase { try $0.userVersion } == 1)
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let path = temporaryPath()
        defer { remove(path) }
        do {
            let database = try Database(location: .file(path: path))
            try database.setUserVersion(99)
            database.close()
        }
        #expect(throws: CRMStoreError.self) { _ = try CRMStore(location: .file(path: path)) }
    }
}
