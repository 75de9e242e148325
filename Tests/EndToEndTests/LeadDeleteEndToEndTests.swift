import Foundation
import Synchronization
import Testing

/// `crm.lead.delete` over a real socket, for each form a client sends it in and each answer a portal gives.
@Suite struct LeadDeleteEndToEndTests {
    private func expectSuccess(_ response: RawHTTPClient.Response, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == 200, sourceLocation: sourceLocation)
        #expect(response.text.hasPrefix(#"{"result":true,"time":{"start":"#), sourceLocation: sourceLocation)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8", sourceLocation: sourceLocation)
    }

    @Test func seedCurlPostJSONDeletesTheLead() throws {
        let server = try TestServer()
        let response = try server.postJSON("/rest/crm.lead.delete", #"{"id":123}"#)
        expectSuccess(response)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID = 123") == 0)
    }

    @Test func webhookGetJSONFormDeletesTheLead() throws {
        let server = try TestServer()
        let response = try server.request("GET", "/rest/1/mocktokenadmin01/crm.lead.delete.json?id=123")
        expectSuccess(response)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID = 123") == 0)
    }

    @Test func crestGetWithQueryAndFormPostBothWork() throws {
        let server = try TestServer()
        expectSuccess(try server.request("GET", "/rest/1/mocktokenadmin01/crm.lead.delete.json?ID=100"))
        expectSuccess(
            try server.request(
                "POST", "/rest/1/mocktokenadmin01/crm.lead.delete.json",
                headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "id=101"))
        expectSuccess(try server.request("GET", "/rest/crm.lead.delete/?id=102"))
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID IN (100, 101, 102)") == 0)
    }

    @Test func timeBlockHasAllEightFieldsComputedForTheRequest() throws {
        let server = try TestServer()
        let before = Date().timeIntervalSince1970
        let response = try server.postJSON("/rest/crm.lead.delete", #"{"id":"123"}"#)
        let after = Date().timeIntervalSince1970
        let time = try #require(response.json?["time"] as? [String: Any])
        let keys = [
            "start", "finish", "duration", "processing", "date_start", "date_finish", "operating_reset_at",
            "operating",
        ]
        #expect(Set(time.keys) == Set(keys))
        let order = keys.compactMap { response.text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(order == order.sorted() && order.count == keys.count)
        let start = try #require(time["start"] as? Double)
        let finish = try #require(time["finish"] as? Double)
        let duration = try #require(time["duration"] as? Double)
        let processing = try #require(time["processing"] as? Double)
        #expect(start >= before - 0.001 && finish <= after + 0.001 && start <= finish)
        #expect(abs(duration - (finish - start)) < 1e-9)
        #expect(processing >= 0 && processing <= duration)
        let dateStart = try #require(time["date_start"] as? String)
        #expect(dateStart.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$"#, options: .regularExpression) != nil)
        let parsed = try #require(ISO8601DateFormatter().date(from: dateStart))
        #expect(abs(parsed.timeIntervalSince1970 - start.rounded(.down)) < 1)
        #expect(time["operating_reset_at"] as? Int == Int(start) + 600)
        #expect(time["operating"] as? Int == 0)
    }

    @Test(arguments: [
        #"{}"#, #"{"id":0}"#, #"{"id":-5}"#, #"{"id":"abc"}"#, #"{"id":null}"#, #"{"ID":[]}"#, "not json",
    ])
    func missingOrInvalidIDIsRejected(body: String) throws {
        let server = try TestServer()
        let response = try server.postJSON("/rest/crm.lead.delete", body)
        #expect(response.status == 400)
        #expect(response.text == #"{"error":"","error_description":"ID is not defined or invalid."}"#)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead") == 14)
    }

    @Test func idIsCastLikePHP() throws {
        let server = try TestServer()
        expectSuccess(try server.request("GET", "/rest/crm.lead.delete.json?id=123abc"))
        expectSuccess(try server.postJSON("/rest/crm.lead.delete", #"{"ID":"100","id":"999"}"#))
        expectSuccess(try server.postJSON("/rest/crm.lead.delete", #"{"id":101.7}"#))
    }

    @Test func userWithoutDeletePermissionGetsThePermissionError() throws {
        let server = try TestServer()
        let response = try server.request("GET", "/rest/2/mocktokenreader2/crm.lead.delete.json?id=123")
        #expect(response.status == 400)
        #expect(response.text == #"{"error":"","error_description":"Lead #123: insufficient permissions to delete"}"#)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID = 123") == 1)
        // Permission is checked before existence.
        let missing = try server.request("GET", "/rest/2/mocktokenreader2/crm.lead.delete.json?id=9999")
        #expect(missing.text == #"{"error":"","error_description":"Lead #9999: insufficient permissions to delete"}"#)
    }

    @Test func ownLevelUserDeletesOwnLeadsOnly() throws {
        let server = try TestServer()
        let other = try server.request("GET", "/rest/3/mocktokenowner03/crm.lead.delete.json?id=123")
        #expect(other.text == #"{"error":"","error_description":"Lead #123: insufficient permissions to delete"}"#)
        expectSuccess(try server.request("GET", "/rest/3/mocktokenowner03/crm.lead.delete.json?id=101"))
    }

    @Test func missingLeadIsNotFound() throws {
        let server = try TestServer()
        let response = try server.postJSON("/rest/crm.lead.delete", #"{"id":9999}"#)
        #expect(response.status == 400)
        #expect(response.text == #"{"error":"ERROR_CORE","error_description":"Not found"}"#)
        expectSuccess(try server.postJSON("/rest/crm.lead.delete", #"{"id":123}"#))
        #expect(try server.postJSON("/rest/crm.lead.delete", #"{"id":123}"#).text.contains("Not found"))
    }

    @Test func unknownMethodIs404BeforeAuthentication() throws {
        let server = try TestServer()
        for target in ["/rest/crm.lead.destroy", "/rest/1/wrongtoken/crm.lead.destroy.json", "/rest/"] {
            let response = try server.request("GET", target)
            #expect(response.status == 404, "\(target)")
            #expect(response.text == #"{"error":"ERROR_METHOD_NOT_FOUND","error_description":"Method not found!"}"#)
        }
    }

    @Test func wrongWebhookCredentialsAre401() throws {
        let server = try TestServer()
        for target in [
            "/rest/1/wrongtoken00000/crm.lead.delete.json?id=123", "/rest/2/mocktokenadmin01/crm.lead.delete?id=123",
            "/rest/99/mocktokenadmin01/crm.lead.delete?id=123", "/rest/admin/mocktokenadmin01/crm.lead.delete?id=123",
        ] {
            let response = try server.request("GET", target)
            #expect(response.status == 401, "\(target)")
            #expect(
                response.text == #"{"error":"INVALID_CREDENTIALS","error_description":"Invalid request credentials"}"#)
        }
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID = 123") == 1)
    }

    @Test func webhookWithoutTheCrmScopeIsRefused() throws {
        let server = try TestServer()
        let response = try server.request("GET", "/rest/1/mocktokennocrm05/crm.lead.delete.json?id=123")
        #expect(response.status == 403)
        #expect(response.json?["error"] as? String == "insufficient_scope")
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID = 123") == 1)
    }

    @Test func unknownAccessTokenIsRefused() throws {
        let server = try TestServer()
        let response = try server.request("GET", "/rest/crm.lead.delete?id=123&auth=notarealtoken")
        #expect(response.status == 401)
        #expect(response.json?["error"] as? String == "invalid_token")
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID = 123") == 1)
    }

    @Test func strictModeRefusesCallsWithoutCredentials() throws {
        let server = try TestServer { $0.authMode = .strict }
        let response = try server.postJSON("/rest/crm.lead.delete", #"{"id":123}"#)
        #expect(response.status == 401)
        #expect(response.text == #"{"error":"NO_AUTH_FOUND","error_description":"Wrong authorization data"}"#)
        expectSuccess(try server.request("GET", "/rest/1/mocktokenadmin01/crm.lead.delete.json?id=123"))
    }

    @Test func everyAnswerCarriesThePortalHeaders() throws {
        let server = try TestServer()
        for response in [
            try server.postJSON("/rest/crm.lead.delete", #"{"id":123}"#),
            try server.postJSON("/rest/crm.lead.delete", #"{"id":0}"#),
            try server.request("GET", "/rest/nope"),
        ] {
            #expect(response.header("Access-Control-Allow-Origin") == "*")
            #expect(response.header("Access-Control-Allow-Headers") == "origin, content-type, accept")
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.header("Date") != nil)
            #expect(Int(response.header("Content-Length") ?? "") == response.body.count)
        }
    }

    @Test func cascadeOverHTTPLeavesNothingOfTheLeadBehind() throws {
        let server = try TestServer()
        let tables = [
            "SELECT COUNT(*) FROM b_crm_field_multi WHERE ENTITY_ID = 'LEAD' AND ELEMENT_ID = 123",
            "SELECT COUNT(*) FROM b_crm_lead_status_history WHERE OWNER_ID = 123",
            "SELECT COUNT(*) FROM b_crm_timeline_bind WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID = 123",
            "SELECT COUNT(*) FROM b_crm_act_bind WHERE OWNER_TYPE_ID = 1 AND OWNER_ID = 123",
            "SELECT COUNT(*) FROM b_crm_observer WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID = 123",
            "SELECT COUNT(*) FROM b_crm_lead_contact WHERE LEAD_ID = 123",
            "SELECT COUNT(*) FROM b_crm_product_row WHERE OWNER_TYPE = 'L' AND OWNER_ID = 123",
            "SELECT COUNT(*) FROM b_uts_crm_lead WHERE VALUE_ID = 123",
            "SELECT COUNT(*) FROM b_crm_contact WHERE LEAD_ID = 123",
            "SELECT COUNT(*) FROM b_crm_company WHERE LEAD_ID = 123",
            "SELECT COUNT(*) FROM b_crm_deal WHERE LEAD_ID = 123",
        ]
        for sql in tables {
            #expect(try server.count(sql) > 0, "fixture has data: \(sql)")
        }
        expectSuccess(try server.postJSON("/rest/crm.lead.delete", #"{"id":123}"#))
        for sql in tables {
            #expect(try server.count(sql) == 0, "\(sql)")
        }
        // The comment and the meeting shared with contact 1 survive on the contact.
        #expect(
            try server.count("SELECT COUNT(*) FROM b_crm_timeline_bind WHERE ENTITY_TYPE_ID = 3 AND ENTITY_ID = 1") == 1
        )
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_act WHERE OWNER_TYPE_ID = 3 AND OWNER_ID = 1") == 1)
    }

    @Test func databaseFailureMidDeleteRollsBackAndAnswers500() throws {
        let server = try TestServer()
        try server.server.store.withDatabase {
            try $0.execute("CREATE TRIGGER boom BEFORE DELETE ON b_crm_observer BEGIN SELECT RAISE(ABORT, 'boom'); END")
        }
        let before = try server.count("SELECT COUNT(*) FROM b_crm_field_multi")
        let response = try server.postJSON("/rest/crm.lead.delete", #"{"id":123}"#)
        #expect(response.status == 500)
        #expect(response.text == #"{"error":"ERROR_CORE","error_description":"SQL query error!"}"#)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_field_multi") == before)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID = 123") == 1)
        // The server keeps serving.
        expectSuccess(try server.postJSON("/rest/crm.lead.delete", #"{"id":111}"#))
    }

    @Test func concurrentDeletesOfOneLeadGiveExactlyOneTrue() throws {
        let server = try TestServer()
        let answers = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 12) { _ in
            let text = (try? server.postJSON("/rest/crm.lead.delete", #"{"id":123}"#).text) ?? "failed"
            answers.withLock { $0.append(text) }
        }
        let texts = answers.withLock { $0 }
        #expect(texts.filter { $0.hasPrefix(#"{"result":true"#) }.count == 1)
        #expect(texts.filter { $0 == #"{"error":"ERROR_CORE","error_description":"Not found"}"# }.count == 11)
    }
}
