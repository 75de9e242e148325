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

    @Test func aFixtureDirectoryReplacesTheDefaults() throws {
        let directory = NSTemporaryDirectory() + "fixtures-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try #"{"users":[{"ID":7,"IS_ADMIN":true}],"webhooks":[{"USER_ID":7,"TOKEN":"dirtoken77"}]}"#.write(
            toFile: directory + "/a-users.json", atomically: true, encoding: .utf8)
        try #"{"leads":[{"ID":500,"TITLE":"From a directory","ASSIGNED_BY_ID":7}]}"#.write(
            toFile: directory + "/b-leads.json", atomically: true, encoding: .utf8)
        try "not json, and not read".write(toFile: directory + "/notes.txt", atomically: true, encoding: .utf8)
        let server = try TestServer { $0.fixtures = directory }
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead") == 1)
        let response = try server.request("GET", "/rest/7/dirtoken77/crm.lead.delete.json?id=500")
        #expect(response.status == 200)
        #expect(try server.request("GET", "/rest/1/mocktokenadmin01/crm.lead.delete.json?id=123").status == 401)
    }
}
