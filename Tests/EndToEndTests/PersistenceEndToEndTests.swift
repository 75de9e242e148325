import Foundation
import Testing

@Suite struct PersistenceEndToEndTests {
    @Test func fileDatabaseKeepsItsStateAcrossRestarts() throws {
        let path = NSTemporaryDirectory() + "bitrix24-mock-e2e-\(UUID().uuidString).sqlite"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        do {
            let server = try TestServer { $0.database = path }
            #expect(try server.postJSON("/rest/crm.lead.delete", #"{"id":123}"#).status == 200)
        }
        let restarted = try TestServer { $0.database = path }
        // Fixtures are not loaded again over existing data: lead 123 stays deleted, the others are still there.
        let again = try restarted.postJSON("/rest/crm.lead.delete", #"{"id":123}"#)
        #expect(again.text == #"{"error":"ERROR_CORE","error_description":"Not found"}"#)
        #expect(try restarted.count("SELECT COUNT(*) FROM b_crm_lead") == 13)
        #expect(try restarted.postJSON("/rest/crm.lead.delete", #"{"id":100}"#).status == 200)
    }
}
