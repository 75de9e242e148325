import Testing

@testable import HTTPServer

/// End-to-end: the response switches used for fault injection (delay, drop, close).
@Suite struct HTTPServerFaultInjectionTests {
    @Test func delayedResponseArrivesAfterItsDelayAndPipelinedOnesWait() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            let start = ContinuousClock.now
            try client.send("GET /delay?ms=300 HTTP/1.1\r\nHost: t\r\n\r\nGET /after HTTP/1.1\r\nHost: t\r\n\r\n")
            let delayed = try client.readResponse()
            let waited = ContinuousClock.now - start
            #expect(delayed.header("X-Path") == "/delay")
            #expect(delayed.bodyText == #"{"delayed":true}"#)
            #expect(waited >= .milliseconds(280), "arrived after \(waited.milliseconds) ms")
            #expect(try client.readResponse().header("X-Path") == "/after")
        }
    }

    @Test func delayDoesNotBlockTheEventLoop() throws {
        // One loop: if the delay blocked it, the second connection would wait too.
        try withTestServer(.forTests { $0.eventLoopCount = 1 }) { server in
            let slow = try RawHTTPClient(port: server.localPort)
            try slow.send("GET /delay?ms=800 HTTP/1.1\r\nHost: t\r\n\r\n")
            let fast = try RawHTTPClient(port: server.localPort)
            let start = ContinuousClock.now
            try fast.send("GET /fast HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try fast.readResponse().header("X-Path") == "/fast")
            let waited = ContinuousClock.now - start
            #expect(waited < .milliseconds(600), "fast request took \(waited.milliseconds) ms")
            #expect(try slow.readResponse().header("X-Path") == "/delay")
        }
    }

    @Test func droppedResponseClosesWithoutWritingAnything() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET /drop HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readToEnd().isEmpty)
            try expectServerStillServes(server)
        }
    }

    @Test func droppedResponseStillDeliversEarlierPipelinedOnes() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET /first HTTP/1.1\r\n\r\nGET /drop HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse().header("X-Path") == "/first")
            #expect(try client.readToEnd().isEmpty)
        }
    }

    @Test func closingResponseEndsTheConnectionAfterIt() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET /close HTTP/1.1\r\nHost: t\r\n\r\nGET /ignored HTTP/1.1\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(response.header("X-Path") == "/close")
            #expect(try client.readToEnd().isEmpty)
        }
    }

    @Test func handlerConnectionCloseHeaderIsHonoured() throws {
        struct ClosingHandler: HTTPRequestHandler {
            func respond(to request: HTTPRequest) -> HTTPResponse {
                HTTPResponse(headers: [("Connection", "close")], body: Array("bye".utf8))
            }
        }
        try withTestServer(handler: ClosingHandler()) { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.count(of: "Connection") == 1)
            #expect(response.header("Connection") == "close")
            #expect(try client.readToEnd().isEmpty)
        }
    }
}
