import Dispatch
import Synchronization
import Testing

@testable import HTTPServer

/// A handler that defers `/deferred/NAME` and answers each with `NAME index/count` of its pass; `/gate` holds the
/// loop until the test opens it, so that requests sent meanwhile are all ready in the loop's next pass.
final class DeferringHandler: HTTPRequestHandler {
    let gateReached = DispatchSemaphore(value: 0)
    let gate = DispatchSemaphore(value: 0)
    private let passes = Mutex<[[String]]>([])

    /// The names deferred in each call of `respond(toDeferred:)`.
    var deferredPasses: [[String]] { passes.withLock { $0 } }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        if request.path == "/gate" {
            gateReached.signal()
            gate.wait()
        }
        if request.path.hasPrefix("/deferred/") {
            return .deferred(String(request.path.dropFirst("/deferred/".count)))
        }
        return HTTPResponse(headers: [("X-Path", request.path)], body: Array("now \(request.path)".utf8))
    }

    func respond(toDeferred work: [any Sendable]) -> [HTTPResponse] {
        let names = work.map { $0 as? String ?? "?" }
        passes.withLock { $0.append(names) }
        return names.enumerated().compactMap { index, name in
            switch name {
            case "twice": return .deferred(name)
            case "unanswered": return nil
            default: return HTTPResponse(body: Array("\(name) \(index + 1)/\(names.count)".utf8))
            }
        }
    }
}

@Suite struct HTTPServerDeferralTests {
    @Test func pipelinedRequestsKeepTheirOrderAroundADeferredOne() throws {
        let handler = DeferringHandler()
        try withTestServer(handler: handler) { server in
            let client = try RawHTTPClient(port: server.localPort)
            try client.send(
                "GET /deferred/a HTTP/1.1\r\nHost: t\r\n\r\nGET /plain HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /deferred/b HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().bodyText == "a 1/1")
            #expect(try client.readResponse().bodyText == "now /plain")
            #expect(try client.readResponse().bodyText == "b 1/1")
        }
    }

    @Test func requestsReadInOnePassAreAnsweredInOneCall() throws {
        let handler = DeferringHandler()
        try withTestServer(handler: handler) { server in
            let gated = try RawHTTPClient(port: server.localPort)
            try gated.send("GET /gate HTTP/1.1\r\nHost: t\r\n\r\n")
            handler.gateReached.wait()
            // The loop is held inside /gate: these all arrive before its next epoll_wait.
            let clients = try (0..<12).map { index in
                let client = try RawHTTPClient(port: server.localPort)
                try client.send("GET /deferred/c\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
                return client
            }
            // On loopback, connect and send complete before they return: every connection is in the accept queue
            // and every request in its socket. The loop accepts them all in its next pass and reads them all in the
            // one after, so no waiting is needed.
            handler.gate.signal()
            #expect(try gated.readResponse().bodyText == "now /gate")
            var answers: [String] = []
            for (index, client) in clients.enumerated() {
                let body = try client.readResponse().bodyText
                #expect(body.hasPrefix("c\(index) "))
                answers.append(body)
            }
            let passes = handler.deferredPasses
            #expect(passes.flatMap { $0 }.sorted() == (0..<12).map { "c\($0)" }.sorted())
            #expect(passes.contains { $0.count > 1 }, "no pass answered more than one request: \(passes)")
            #expect(Set(answers).count == 12)
        }
    }

    @Test func aClientGoneBeforeItsDeferredAnswerDoesNotDisturbOthers() throws {
        let handler = DeferringHandler()
        try withTestServer(handler: handler) { server in
            let gated = try RawHTTPClient(port: server.localPort)
            try gated.send("GET /gate HTTP/1.1\r\nHost: t\r\n\r\n")
            handler.gateReached.wait()
            let leaving = try RawHTTPClient(port: server.localPort)
            try leaving.send("GET /deferred/gone HTTP/1.1\r\nHost: t\r\n\r\n")
            leaving.close()
            let staying = try RawHTTPClient(port: server.localPort)
            try staying.send("GET /deferred/here HTTP/1.1\r\nHost: t\r\n\r\n")
            handler.gate.signal()
            _ = try gated.readResponse()
            #expect(try staying.readResponse().bodyText.hasPrefix("here "))
            try expectServerStillServes(server)
        }
    }

    @Test func anAnswerDeferredAgainOrMissingIsA500() throws {
        let handler = DeferringHandler()
        try withTestServer(handler: handler) { server in
            let twice = try RawHTTPClient(port: server.localPort)
            try twice.send("GET /deferred/twice HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try twice.readResponse()
            #expect(response.status == 500)
            #expect(response.header("Connection") == "close")
            let missing = try RawHTTPClient(port: server.localPort)
            try missing.send("GET /deferred/unanswered HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try missing.readResponse().status == 500)
            try expectServerStillServes(server)
        }
    }

    @Test func aDeferredAnswerHonoursHTTP10HeadAndConnectionClose() throws {
        let handler = DeferringHandler()
        try withTestServer(handler: handler) { server in
            let old = try RawHTTPClient(port: server.localPort)
            try old.send("GET /deferred/old HTTP/1.0\r\n\r\n")
            let oldResponse = try old.readResponse()
            #expect(oldResponse.bodyText == "old 1/1")
            #expect(try old.readToEnd().isEmpty)
            let head = try RawHTTPClient(port: server.localPort)
            try head.send("HEAD /deferred/head HTTP/1.1\r\nHost: t\r\n\r\nGET /plain HTTP/1.1\r\nHost: t\r\n\r\n")
            let headResponse = try head.readResponse(headOnly: true)
            #expect(headResponse.header("Content-Length") == "8")
            #expect(try head.readResponse().bodyText == "now /plain")
            let closing = try RawHTTPClient(port: server.localPort)
            try closing.send("GET /deferred/bye HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let closingResponse = try closing.readResponse()
            #expect(closingResponse.bodyText == "bye 1/1")
            #expect(closingResponse.header("Connection") == "close")
            #expect(try closing.readToEnd().isEmpty)
        }
    }

    @Test func aHandlerThatNeverDefersAnswersNothingLater() {
        struct Plain: HTTPRequestHandler {
            func respond(to request: HTTPRequest) -> HTTPResponse { HTTPResponse() }
        }
        #expect(Plain().respond(toDeferred: ["x"]).isEmpty)
    }
}
