import Foundation
import Testing

@testable import HTTPServer

/// End-to-end: every limit is answered with the right status and a JSON error, the connection closes cleanly,
/// and the server keeps serving.
@Suite struct HTTPServerLimitsTests {
    /// Reads an error response and checks the common shape: status, JSON body, `Connection: close`, then EOF.
    private func expectErrorResponse(
        _ client: RawHTTPClient,
        status: Int,
        code: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RawHTTPResponse {
        let response = try client.readResponse()
        #expect(response.status == status, sourceLocation: sourceLocation)
        #expect(response.header("Connection") == "close", sourceLocation: sourceLocation)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8", sourceLocation: sourceLocation)
        #expect(response.header("Date") != nil, sourceLocation: sourceLocation)
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String]
        #expect(json?["error"] == code, sourceLocation: sourceLocation)
        #expect(json?["error_description"]?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(try client.readToEnd().isEmpty, sourceLocation: sourceLocation)
        return response
    }

    @Test func malformedRequestIs400() throws {
        let log = EventLog()
        try withTestServer(.forTests { $0.onEvent = { log.record($0) } }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET / HTTP/1.1\r\nBad Header\r\n\r\n")
            _ = try expectErrorResponse(client, status: 400, code: "BAD_REQUEST")
            #expect(!client.sawReset)
            try expectServerStillServes(server)
        }
        let reported = log.all.contains { event in
            if case .protocolError(status: 400, _, let remote) = event { return remote.hasPrefix("127.0.0.1:") }
            return false
        }
        #expect(reported)
    }

    @Test func requestSmugglingAttemptIs400() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send(
                "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n"
            )
            _ = try expectErrorResponse(client, status: 400, code: "BAD_REQUEST")
            try expectServerStillServes(server)
        }
    }

    @Test func unsupportedVersionIs505() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET / HTTP/2.0\r\n\r\n")
            _ = try expectErrorResponse(client, status: 505, code: "HTTP_VERSION_NOT_SUPPORTED")
            try expectServerStillServes(server)
        }
    }

    @Test func disallowedMethodIs405WithAllowHeader() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("DELETE /rest/x HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try expectErrorResponse(client, status: 405, code: "METHOD_NOT_ALLOWED")
            #expect(response.header("Allow") == "GET, HEAD, OPTIONS, POST")
            try expectServerStillServes(server)
        }
    }

    @Test func allowedMethodsAreConfigurable() throws {
        try withTestServer(.forTests { $0.allowedMethods = [.get, .delete] }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("DELETE /echo HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().header("X-Method") == "DELETE")
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
            let response = try expectErrorResponse(client, status: 405, code: "METHOD_NOT_ALLOWED")
            #expect(response.header("Allow") == "DELETE, GET")
        }
    }

    @Test func oversizedBodyIs413BeforeTheClientSendsIt() throws {
        try withTestServer(.forTests { $0.maxBodyBytes = 1000 }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            // Only the head is sent; the answer must come without the body.
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000000\r\n\r\n")
            _ = try expectErrorResponse(client, status: 413, code: "PAYLOAD_TOO_LARGE")
            try expectServerStillServes(server)
        }
    }

    @Test func oversizedBodyWithExpectContinueGets413InsteadOf100() throws {
        try withTestServer(.forTests { $0.maxBodyBytes = 1000 }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n")
            _ = try expectErrorResponse(client, status: 413, code: "PAYLOAD_TOO_LARGE")
        }
    }

    @Test func oversizedChunkedBodyIs413() throws {
        try withTestServer(.forTests { $0.maxBodyBytes = 1000 }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n")
            try client.send(String(repeating: "a", count: 0x200) + "\r\n200\r\n")
            _ = try expectErrorResponse(client, status: 413, code: "PAYLOAD_TOO_LARGE")
            try expectServerStillServes(server)
        }
    }

    @Test func oversizedHeadersAre431() throws {
        try withTestServer(.forTests { $0.maxHeaderBytes = 1024 }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "b", count: 2000))\r\n\r\n")
            _ = try expectErrorResponse(client, status: 431, code: "REQUEST_HEADER_FIELDS_TOO_LARGE")
            try expectServerStillServes(server)
        }
    }

    @Test func headersThatNeverFinishAre408AfterHeaderTimeout() throws {
        try withTestServer(.forTests { $0.headerTimeout = .milliseconds(200) }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            let start = ContinuousClock.now
            try client.send("GET / HTTP/1.1\r\nHost: t\r\n")
            _ = try expectErrorResponse(client, status: 408, code: "REQUEST_TIMEOUT")
            let waited = ContinuousClock.now - start
            #expect(waited >= .milliseconds(150), "answered after \(waited.milliseconds) ms")
            try expectServerStillServes(server)
        }
    }

    @Test func bodyThatNeverFinishesIs408AfterBodyTimeout() throws {
        try withTestServer(.forTests { $0.bodyTimeout = .milliseconds(200) }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            let start = ContinuousClock.now
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
            _ = try expectErrorResponse(client, status: 408, code: "REQUEST_TIMEOUT")
            #expect(ContinuousClock.now - start >= .milliseconds(150))
            try expectServerStillServes(server)
        }
    }

    @Test func idleKeepAliveConnectionIsClosedSilently() throws {
        try withTestServer(.forTests { $0.idleTimeout = .milliseconds(200) }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            let start = ContinuousClock.now
            #expect(try client.readToEnd().isEmpty)
            let waited = ContinuousClock.now - start
            #expect(waited >= .milliseconds(150), "closed after \(waited.milliseconds) ms")
            try expectServerStillServes(server)
        }
    }

    @Test func activeConnectionOutlivesTheIdleTimeout() throws {
        try withTestServer(.forTests { $0.idleTimeout = .milliseconds(300) }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            let start = ContinuousClock.now
            var count = 0
            while ContinuousClock.now - start < .milliseconds(700) {
                try client.send("GET /\(count) HTTP/1.1\r\nHost: t\r\n\r\n")
                #expect(try client.readResponse().header("X-Path") == "/\(count)")
                count += 1
                var pause = timespec(tv_sec: 0, tv_nsec: 50_000_000)
                nanosleep(&pause, nil)
            }
        }
    }

    @Test func connectionsBeyondTheLimitGet503() throws {
        let log = EventLog()
        try withTestServer(
            .forTests {
                $0.maxConnections = 1
                $0.onEvent = { log.record($0) }
            }
        ) { server in
            var first: RawHTTPClient? = try RawHTTPClient(port: server.localPort)
            try first?.send("GET /first HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try first?.readResponse().status == 200)

            let second = try RawHTTPClient(port: server.localPort)
            _ = try expectErrorResponse(second, status: 503, code: "SERVICE_UNAVAILABLE")

            // Once the first connection is gone its slot is free again (the server notices the close shortly).
            first?.close()
            first = nil
            let deadline = ContinuousClock.now + .seconds(5)
            var served = false
            while !served && ContinuousClock.now < deadline {
                let fresh = try RawHTTPClient(port: server.localPort)
                try fresh.send("GET /fresh HTTP/1.1\r\nHost: t\r\n\r\n")
                served = try fresh.readResponse().status == 200
                if !served {
                    var pause = timespec(tv_sec: 0, tv_nsec: 20_000_000)
                    nanosleep(&pause, nil)
                }
            }
            #expect(served)
        }
        #expect(log.all.contains { if case .connectionRejected = $0 { true } else { false } })
    }

    @Test func defaultHeadersAreOnErrorResponsesToo() throws {
        try withTestServer(
            .forTests {
                $0.defaultHeaders = [("Access-Control-Allow-Origin", "*"), ("X-Mock", "yes")]
                $0.maxBodyBytes = 10
            }
        ) { server in
            for request in [
                "GARBAGE\r\n\r\n",
                "PUT / HTTP/1.1\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n",
                "GET /ok HTTP/1.1\r\n\r\n",
            ] {
                let client = try RawHTTPClient(port: server.localPort)
                try client.send(request)
                let response = try client.readResponse()
                #expect(response.header("Access-Control-Allow-Origin") == "*", "\(response.status)")
                #expect(response.header("X-Mock") == "yes")
            }
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET /custom HTTP/1.1\r\n\r\n")
            let custom = try client.readResponse()
            #expect(custom.header("Access-Control-Allow-Origin") == "https://handler.example")
            #expect(custom.count(of: "Access-Control-Allow-Origin") == 1)
        }
    }

    @Test func errorAfterPipelinedRequestsComesAfterTheirResponses() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send(
                "GET /one HTTP/1.1\r\n\r\nGET /two HTTP/1.1\r\n\r\nBROKEN\r\n\r\nGET /never HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse().header("X-Path") == "/one")
            #expect(try client.readResponse().header("X-Path") == "/two")
            _ = try expectErrorResponse(client, status: 400, code: "BAD_REQUEST")
        }
    }

    @Test func clientThatKeepsSendingAfterAnErrorStillReadsIt() throws {
        try withTestServer(.forTests { $0.maxBodyBytes = 1000 }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 200000\r\n\r\n")
            // The body arrives anyway; lingering close discards it instead of resetting the connection.
            try client.send(Array(repeating: UInt8(ascii: "x"), count: 200_000))
            let response = try client.readResponse()
            #expect(response.status == 413)
            client.shutdownWrite()
            #expect(try client.readToEnd().isEmpty)
            #expect(!client.sawReset)
        }
    }
}
