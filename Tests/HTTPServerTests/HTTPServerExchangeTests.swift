import Foundation
import Testing

@testable import HTTPServer

/// End-to-end: normal request/response exchanges over a real socket.
@Suite struct HTTPServerExchangeTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            for index in 0..<5 {
                try client.send("GET /n\(index)?i=\(index) HTTP/1.1\r\nHost: test\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.header("X-Path") == "/n\(index)")
                #expect(response.header("Connection") == nil)
                #expect(response.header("Content-Type") == "application/json; charset=utf-8")
                #expect(response.bodyText == #"{"ok":true}"#)
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send(
                "GET /first HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nsecond"
                    + "GET /third HTTP/1.1\r\nHost: t\r\n\r\n"
            )
            let responses = try (0..<3).map { _ in try client.readResponse() }
            #expect(responses.map { $0.header("X-Path") } == ["/first", "/echo", "/third"])
            #expect(responses[1].bodyText == "second")
        }
    }

    @Test func everyResponseHasContentLengthAndDate() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.header("Content-Length") == "11")
            #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            #expect(response.count(of: "Date") == 1)
        }
    }

    @Test func handlerHeadersAreKeptWithoutDuplicatingFraming() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET /custom HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 201)
            #expect(response.reason == "Created")
            #expect(response.header("Date") == "Mon, 01 Jan 2024 00:00:00 GMT")
            #expect(response.count(of: "Date") == 1)
            #expect(response.count(of: "Content-Length") == 1)
            #expect(response.bodyText == "created")
        }
    }

    @Test func requestDetailsReachTheHandler() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("POST /ech%6F?a=1&b=%20 HTTP/1.1\r\nHost: t\r\nX-A: 1\r\nContent-Length: 4\r\n\r\nbody")
            let response = try client.readResponse()
            #expect(response.header("X-Path") == "/echo")
            #expect(response.header("X-Method") == "POST")
            #expect(response.header("X-Query") == "a=1&b=%20")
            #expect(response.header("X-Header-Count") == "3")
            #expect(response.header("X-Remote")?.hasPrefix("127.0.0.1:") == true)
            #expect(response.bodyText == "body")
        }
    }

    @Test func headGetsHeadersOnly() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("HEAD /big?size=1234 HTTP/1.1\r\nHost: t\r\n\r\n")
            let head = try client.readResponse(headOnly: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "1234")
            // The next response must start right away: no body bytes were sent for HEAD.
            try client.send("GET /next HTTP/1.1\r\nHost: t\r\n\r\n")
            let next = try client.readResponse()
            #expect(next.header("X-Path") == "/next")
        }
    }

    @Test func chunkedRequestBodyIsDechunked() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
            try client.send("5;ext=1\r\nhello\r\n")
            try client.send("7\r\n, world\r\n0\r\nTrailer: x\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.bodyText == "hello, world")
        }
    }

    @Test func largeBodiesRoundTrip() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            let body = TestRoutes.pattern(size: 3_000_000, seed: 7)
            try client.send(
                Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
            let response = try client.readResponse()
            #expect(response.body == body)
        }
    }

    @Test func slowReaderGetsEveryPipelinedResponseIntact() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            // Responses far larger than the socket buffers force partial writes and output backpressure.
            var requests = ""
            for seed in 1...4 {
                requests += "GET /big?size=2000000&seed=\(seed) HTTP/1.1\r\nHost: t\r\n\r\n"
            }
            try client.send(requests)
            for seed in 1...4 {
                let response = try client.readResponse()
                #expect(response.body == TestRoutes.pattern(size: 2_000_000, seed: seed), "response \(seed)")
            }
        }
    }

    @Test func expectContinueGetsInterimResponseBeforeTheBody() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("hello")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.bodyText == "hello")
        }
    }

    @Test func expectContinueIsNotSentWhenTheBodyIsAlreadyThere() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "hello")
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
        try withTestServer { server in
            let plain = try RawHTTPClient(port: server.localPort)
            try plain.send("GET /old HTTP/1.0\r\n\r\n")
            let closing = try plain.readResponse()
            #expect(closing.header("Connection") == "close")
            #expect(try plain.readToEnd().isEmpty)

            let keepAlive = try RawHTTPClient(port: server.localPort)
            try keepAlive.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keepAlive.readResponse().header("Connection") == "keep-alive")
            try keepAlive.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keepAlive.readResponse().header("X-Path") == "/b")
        }
    }

    @Test func connectionCloseFromClientIsHonoured() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse().header("Connection") == "close")
            #expect(try client.readToEnd().isEmpty)
            #expect(!client.sawReset)
        }
    }

    @Test func clientHalfCloseStillGetsItsResponse() throws {
        try withTestServer { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("GET /half HTTP/1.1\r\nHost: t\r\n\r\n")
            client.shutdownWrite()
            let response = try client.readResponse()
            #expect(response.header("X-Path") == "/half")
            #expect(try client.readToEnd().isEmpty)
        }
    }

    @Test func accessLogEventsDescribeEachRequest() throws {
        let log = EventLog()
        try withTestServer(.forTests { $0.onEvent = { log.record($0) } }) { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send("POST /echo?x=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc")
            _ = try client.readResponse()
        }
        let entries = log.all.compactMap { event -> HTTPAccessLogEntry? in
            if case .requestCompleted(let entry) = event { return entry }
            return nil
        }
        let entry = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(entry.method == .post)
        #expect(entry.target == "/echo?x=1")
        #expect(entry.statusCode == 200)
        #expect(entry.responseBodyBytes == 3)
        #expect(entry.remoteAddress.hasPrefix("127.0.0.1:"))
        #expect(entry.duration >= .zero && entry.duration < .seconds(5))
    }

    @Test func severalEventLoopsServeAndAllStop() throws {
        let server = HTTPServer(configuration: .forTests { $0.eventLoopCount = 3 }, handler: TestRoutes())
        try server.start()
        let clients = try (0..<12).map { _ in try RawHTTPClient(port: server.localPort) }
        for (index, client) in clients.enumerated() {
            try client.send("GET /c\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
        }
        for (index, client) in clients.enumerated() {
            #expect(try client.readResponse().header("X-Path") == "/c\(index)")
        }
        // Every loop must leave on shutdown, or this would wait forever.
        let stopped = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            server.shutdown()
            stopped.signal()
        }
        #expect(stopped.wait(timeout: .now() + 5) == .success)
        for client in clients {
            #expect(try client.readToEnd().isEmpty)
        }
    }
}
