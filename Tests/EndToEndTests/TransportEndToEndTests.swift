import Foundation
import Testing

/// What the mock answers outside the REST methods: transports, preflight, health, limits wired from the options.
@Suite struct TransportEndToEndTests {
    @Test func xmlTransportIsRefusedUntilSupported() throws {
        let server = try TestServer()
        let response = try server.request("GET", "/rest/crm.lead.get.xml?id=123")
        #expect(response.status == 400)
        #expect(response.text == #"{"error":"INTERNAL_WRONG_TRANSPORT","error_description":"Wrong transport!"}"#)
    }

    @Test func preflightAndHealthAnswer() throws {
        let server = try TestServer()
        let preflight = try server.request("OPTIONS", "/rest/crm.lead.add")
        #expect(preflight.status == 200)
        #expect(preflight.header("Access-Control-Allow-Origin") == "*")
        let health = try server.request("GET", "/_mock/health")
        #expect(health.status == 200)
        #expect(health.json?["status"] as? String == "ok")
        let unknown = try server.request("GET", "/_mock/nothing")
        #expect(unknown.status == 404)
        let outside = try server.request("GET", "/index.php")
        #expect(outside.status == 404)
        #expect(outside.json?["error"] as? String == "NOT_FOUND")
    }

    @Test func theBodyLimitOptionReachesTheServer() throws {
        let server = try TestServer { $0.maxBodyBytes = 64 }
        let big = String(repeating: "x", count: 65)
        let refused = try server.request("POST", "/rest/crm.lead.add", body: big)
        #expect(refused.status == 413)
        #expect(refused.header("Access-Control-Allow-Origin") == "*")
        #expect(refused.json?["error"] != nil)
        #expect(try server.request("POST", "/rest/crm.lead.fields", body: "a=1").status == 200)
        let put = try server.request("PUT", "/rest/crm.lead.fields")
        #expect(put.status == 405)
    }
}
