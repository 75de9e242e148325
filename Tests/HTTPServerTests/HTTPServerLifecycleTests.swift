import Dispatch
import Foundation
import Glibc
import Testing

@testable import HTTPServer

/// End-to-end: binding, addresses and graceful shutdown.
@Suite struct HTTPServerLifecycleTests {
    @Test func ephemeralPortIsReported() throws {
        try withTestServer { server in
            #expect(server.localPort > 0)
            #expect(server.localAddress == "127.0.0.1:\(server.localPort)")
            try expectServerStillServes(server)
        }
    }

    @Test func bindingATakenPortThrowsSocketError() throws {
        try withTestServer { server in
            let second = HTTPServer(
                configuration: .init(port: server.localPort, eventLoopCount: 1), handler: TestRoutes())
            #expect(throws: SocketError(operation: "bind", errno: EADDRINUSE)) {
                try second.start()
            }
        }
    }

    @Test func invalidHostThrowsInsteadOfGuessing() {
        let server = HTTPServer(configuration: .init(host: "no.such.host", port: 0), handler: TestRoutes())
        #expect(throws: SocketError.self) {
            try server.start()
        }
    }

    @Test func startingTwiceThrows() throws {
        try withTestServer { server in
            #expect(throws: SocketError(operation: "start", errno: EALREADY)) {
                try server.start()
            }
        }
    }

    @Test(.enabled(if: ipv6LoopbackAvailable()))
    func servesOverIPv6() throws {
        try withTestServer(.forTests { $0.host = "::1" }) { server in
            #expect(server.localAddress == "[::1]:\(server.localPort)")
            let client = try RawHTTPClient(port: server.localPort, host: "::1")
            try client.send("GET /echo HTTP/1.1\r\nHost: [::1]\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.header("X-Remote")?.hasPrefix("[::1]:") == true)
        }
    }

    @Test func shutdownFinishesAnInFlightDelayedResponse() throws {
        let routes = TestRoutes()
        var configuration = HTTPServerConfiguration(port: 0, shutdownGracePeriod: .seconds(3), eventLoopCount: 1)
        configuration.idleTimeout = .seconds(30)
        let server = HTTPServer(configuration: configuration, handler: routes)
        try server.start()
        let client = try RawHTTPClient(port: server.localPort)
        try client.send("GET /delay?ms=600 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(routes.delayedRequestArrived.wait(timeout: .now() + 5) == .success)

        let stopped = DispatchSemaphore(value: 0)
        let start = ContinuousClock.now
        // A thread of its own: Dispatch's global pool may be busy with other tests and start it too late.
        Thread.detachNewThread {
            server.shutdown()
            stopped.signal()
        }
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("X-Path") == "/delay")
        #expect(response.header("Connection") == "close")
        #expect(try client.readToEnd().isEmpty)
        client.close()
        // With the last response delivered and its connection closed, shutdown need not wait out the grace period.
        #expect(stopped.wait(timeout: .now() + 5) == .success)
        let took = ContinuousClock.now - start
        #expect(took < .seconds(2), "shutdown took \(took.milliseconds) ms")
    }

    @Test func shutdownClosesIdleConnectionsAtOnce() throws {
        let configuration = HTTPServerConfiguration(port: 0, shutdownGracePeriod: .seconds(5), eventLoopCount: 2)
        let server = HTTPServer(configuration: configuration, handler: TestRoutes())
        try server.start()
        let clients = try (0..<4).map { _ in try RawHTTPClient(port: server.localPort) }
        for client in clients {
            try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
        let start = ContinuousClock.now
        server.shutdown()
        let took = ContinuousClock.now - start
        #expect(took < .seconds(2), "shutdown took \(took.milliseconds) ms")
        for client in clients {
            #expect(try client.readToEnd().isEmpty)
        }
    }

    @Test func shutdownGivesAPartialRequestOnlyTheGracePeriod() throws {
        let configuration = HTTPServerConfiguration(
            port: 0,
            headerTimeout: .seconds(30),
            shutdownGracePeriod: .milliseconds(300),
            eventLoopCount: 1
        )
        let server = HTTPServer(configuration: configuration, handler: TestRoutes())
        try server.start()
        let client = try RawHTTPClient(port: server.localPort)
        try client.send("GET /partial HTTP/1.1\r\nHost: t\r\n")
        // Give the loop a moment to read the partial head, so the connection is not idle at shutdown.
        try client.send("X-More: 1\r\n")
        var pause = timespec(tv_sec: 0, tv_nsec: 50_000_000)
        nanosleep(&pause, nil)
        let start = ContinuousClock.now
        server.shutdown()
        let took = ContinuousClock.now - start
        #expect(took >= .milliseconds(250), "shutdown took \(took.milliseconds) ms")
        #expect(took < .seconds(2), "shutdown took \(took.milliseconds) ms")
        #expect(try client.readToEnd().isEmpty)
    }

    @Test func shutdownIsIdempotentAndWorksBeforeStart() throws {
        let never = HTTPServer(configuration: .init(port: 0), handler: TestRoutes())
        never.shutdown()
        #expect(throws: SocketError.self) { try never.start() }

        let server = HTTPServer(configuration: .init(port: 0, eventLoopCount: 1), handler: TestRoutes())
        try server.start()
        let port = server.localPort
        server.shutdown()
        server.shutdown()
        #expect(server.localPort == port)
        #expect(throws: RawHTTPClientError.self) {
            let client = try RawHTTPClient(port: port)
            try client.send("GET / HTTP/1.1\r\n\r\n")
            _ = try client.readResponse()
        }
    }
}
