import BitrixREST
import CRMStore
import Dispatch
import Foundation
import HTTPServer
import Synchronization
import Testing

/// `crm.lead.delete` and `crm.lead.get` requests arriving together are deferred by the REST service and run as one
/// group: each must still get exactly the answer it would have had alone.
@Suite struct GroupedCallsEndToEndTests {
    /// A REST service over a running mock's store, driven directly so that the requests of one "pass" are known.
    private static func service(_ server: TestServer) -> RESTService {
        RESTService(store: server.server.store, authenticator: Authenticator(mode: .open))
    }

    private static func request(_ target: String, _ body: String) -> HTTPRequest {
        HTTPRequest(
            method: .post, target: target, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
    }

    private static func text(_ response: HTTPResponse) -> String {
        String(decoding: response.body, as: UTF8.self)
    }

    @Test func eachCallOfAGroupGetsItsOwnAnswer() throws {
        let server = try TestServer()
        let service = Self.service(server)
        let requests = [
            Self.request("/rest/crm.lead.delete", #"{"id":123}"#),
            Self.request("/rest/2/mocktokenreader2/crm.lead.delete", #"{"id":100}"#),  // user 2 deletes nothing
            Self.request("/rest/crm.lead.delete", #"{"id":101}"#),
            Self.request("/rest/crm.lead.delete", #"{"id":123}"#),  // gone by then
            Self.request("/rest/crm.lead.delete.json?id=999999", ""),
            Self.request("/rest/1/mocktokenadmin01/crm.lead.delete", #"{"ID":"102"}"#),
        ]
        var immediate: [String] = []
        var deferred: [any Sendable] = []
        for request in requests {
            let response = service.respond(to: request)
            if let deferral = response.deferral {
                deferred.append(deferral.work)
            } else {
                immediate.append(Self.text(response))
            }
        }
        #expect(immediate.isEmpty)
        #expect(deferred.count == 6)
        // Nothing is deleted before the group runs.
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID IN (123, 101, 102)") == 3)
        let responses = service.respond(toDeferred: deferred)
        #expect(responses.map(\.status.code) == [200, 400, 200, 400, 400, 200])
        let bodies = responses.map(Self.text)
        for index in [0, 2, 5] {
            #expect(bodies[index].hasPrefix(#"{"result":true,"time":{"start":"#), "\(bodies[index])")
            #expect(bodies[index].contains(#""operating_reset_at":"#))
        }
        #expect(bodies[1] == #"{"error":"","error_description":"Lead #100: insufficient permissions to delete"}"#)
        #expect(bodies[3] == #"{"error":"ERROR_CORE","error_description":"Not found"}"#)
        #expect(bodies[4] == #"{"error":"ERROR_CORE","error_description":"Not found"}"#)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID IN (123, 101, 102)") == 0)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID = 100") == 1)
        #expect(
            try server.count("SELECT COUNT(*) FROM b_crm_field_multi WHERE ENTITY_ID = 'LEAD' AND ELEMENT_ID = 123")
                == 0)
    }

    @Test func badInputFailsOnlyItsOwnCallAndBadCredentialsAreNotDeferred() throws {
        let server = try TestServer()
        let service = Self.service(server)
        let response = service.respond(to: Self.request("/rest/crm.lead.delete", #"{"id":"abc"}"#))
        // The id is read when the group runs; an invalid one fails only its own call.
        let answers = service.respond(toDeferred: [response.deferral?.work].compactMap { $0 })
        #expect(answers.map(Self.text) == [#"{"error":"","error_description":"ID is not defined or invalid."}"#])
        #expect(answers.first?.status.code == 400)
        let wrongToken = service.respond(to: Self.request("/rest/1/wrongtoken/crm.lead.delete", #"{"id":100}"#))
        #expect(wrongToken.deferral == nil)
        #expect(wrongToken.status.code == 401)
    }

    @Test func aLeadThatFailsInAGroupFailsAloneAndTheOthersAreDeleted() throws {
        let server = try TestServer()
        let service = Self.service(server)
        try server.server.store.withDatabase {
            try $0.execute(
                "CREATE TRIGGER boom BEFORE DELETE ON b_crm_lead WHEN old.ID = 104 BEGIN SELECT RAISE(ABORT, 'boom'); END"
            )
        }
        let lead104 = [
            "SELECT COUNT(*) FROM b_crm_field_multi WHERE ENTITY_ID = 'LEAD' AND ELEMENT_ID = 104",
            "SELECT COUNT(*) FROM b_crm_event_relations WHERE ENTITY_TYPE = 'LEAD' AND ENTITY_ID = 104",
            "SELECT COUNT(*) FROM b_crm_timeline_bind WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID = 104",
        ]
        let before = try lead104.map(server.count)
        let works = [103, 104, 105].compactMap { id in
            service.respond(to: Self.request("/rest/crm.lead.delete", #"{"id":\#(id)}"#)).deferral?.work
        }
        let responses = service.respond(toDeferred: works)
        #expect(responses.map(\.status.code) == [200, 500, 200])
        #expect(Self.text(responses[1]) == #"{"error":"ERROR_CORE","error_description":"SQL query error!"}"#)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID IN (103, 105)") == 0)
        // Lead 104 is whole: its multi-fields and history were not half-deleted.
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID = 104") == 1)
        #expect(try lead104.map(server.count) == before)
        #expect(before.reduce(0, +) > 0)
    }

    /// Runs `requests` through the service as one pass of an event loop would; every one must be deferred.
    private static func runAsOnePass(_ service: RESTService, _ requests: [HTTPRequest]) -> [HTTPResponse] {
        let works = requests.compactMap { service.respond(to: $0).deferral?.work }
        #expect(works.count == requests.count)
        return service.respond(toDeferred: works)
    }

    @Test func getsOfAGroupEachGetTheirOwnAnswer() throws {
        let server = try TestServer()
        let service = Self.service(server)
        let alone = Self.runAsOnePass(service, [Self.request("/rest/crm.lead.get", #"{"id":123}"#)])
        let responses = Self.runAsOnePass(
            service,
            [
                Self.request("/rest/crm.lead.get", #"{"id":123}"#),
                Self.request("/rest/2/mocktokenreader2/crm.lead.get.json?id=123", ""),  // user 2 reads everything
                Self.request("/rest/5/mocktokennoperm5/crm.lead.get", #"{"id":123}"#),  // user 5 reads nothing
                Self.request("/rest/crm.lead.get", #"{"id":999999}"#),
                Self.request("/rest/crm.lead.get", #"{"id":"x"}"#),
                Self.request("/rest/crm.lead.get", #"{"id":100}"#),
            ])
        #expect(responses.map(\.status.code) == [200, 200, 400, 400, 400, 200])
        #expect(Self.text(responses[2]) == #"{"error":"","error_description":"Access denied."}"#)
        let bodies = responses.map(Self.text)
        // The same lead for two callers: the same result as a call alone (only the time block differs).
        func result(_ body: String) -> String { String(body.split(separator: #","time":"#)[0]) }
        #expect(result(bodies[0]) == result(Self.text(alone[0])))
        #expect(result(bodies[1]) == result(Self.text(alone[0])))
        #expect(bodies[0].contains(#""ID":"123""#))
        #expect(bodies[5].contains(#""ID":"100""#))
        #expect(bodies[3] == #"{"error":"","error_description":"Not found"}"#)
        #expect(bodies[4] == #"{"error":"","error_description":"ID is not defined or invalid."}"#)
    }

    @Test func aGroupOfGetsLargerThanAPageReadsEveryLead() throws {
        let server = try TestServer { $0.generateLeads = 130 }
        let requests = (1...130).map { Self.request("/rest/crm.lead.get", #"{"id":\#($0)}"#) }
        let responses = Self.runAsOnePass(Self.service(server), requests)
        #expect(responses.allSatisfy { $0.status.code == 200 })
        for (index, response) in responses.enumerated() {
            #expect(Self.text(response).hasPrefix(#"{"result":{"ID":"\#(index + 1)","#))
        }
    }

    @Test func identicalListsShareARunAndOthersRunOnTheirOwn() throws {
        let server = try TestServer()
        let service = Self.service(server)
        let all = #"{"order":{"ID":"ASC"},"select":["ID","ASSIGNED_BY_ID"]}"#
        let responses = Self.runAsOnePass(
            service,
            [
                Self.request("/rest/crm.lead.list", all),
                Self.request("/rest/3/mocktokenowner03/crm.lead.list", all),  // user 3 reads own leads only
                Self.request("/rest/crm.lead.list", all),
                Self.request("/rest/crm.lead.list", #"{"filter":{"ID":123},"select":["ID"]}"#),
                Self.request("/rest/crm.lead.list", #"{"filter":"x"}"#),
            ])
        #expect(responses.map(\.status.code) == [200, 200, 200, 200, 400])
        let results = responses.prefix(4).map { Self.text($0).split(separator: #","time":"#)[0] }
        #expect(results[0] == results[2])
        #expect(results[0].contains(#""total":"#) && results[0].contains(#"{"ID":"123","ASSIGNED_BY_ID":"1"}"#))
        #expect(results[1] != results[0])
        #expect(!results[1].contains(#""ASSIGNED_BY_ID":"1""#))
        #expect(results[3] == #"{"result":[{"ID":"123"}],"total":1"#)
        #expect(Self.text(responses[4]).contains(#"Parameter \u0027filter\u0027 must be array."#))
    }

    @Test func manyClientsDeletingAtOnceEachGetTheirAnswerOverHTTP() throws {
        let server = try TestServer { $0.generateLeads = 400 }
        let answers = Mutex<[Int: String]>([:])
        // Eight clients, each on its own keep-alive connection, deleting 50 distinct leads each.
        DispatchQueue.concurrentPerform(iterations: 8) { client in
            guard let connection = try? server.client() else { return }
            for step in 0..<50 {
                let id = client + 1 + step * 8
                let text =
                    (try? connection.request(
                        "POST", "/rest/crm.lead.delete", headers: [("Content-Type", "application/json")],
                        body: #"{"id":\#(id)}"#
                    ).text) ?? "failed"
                answers.withLock { $0[id] = text }
            }
        }
        let all = answers.withLock { $0 }
        #expect(all.count == 400)
        #expect(all.values.allSatisfy { $0.hasPrefix(#"{"result":true"#) })
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead") == 0)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_field_multi WHERE ENTITY_ID = 'LEAD'") == 0)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_timeline") == 0)
        #expect(
            try server.count(
                "SELECT COUNT(*) FROM b_crm_event e JOIN b_crm_event_relations r ON r.EVENT_ID = e.ID WHERE e.EVENT_NAME = 'Deleted'"
            ) == 400)
    }
}
