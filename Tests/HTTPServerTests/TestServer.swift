import Dispatch
import Glibc
import Synchronization
import Testing

@testable import HTTPServer

/// The handler behind the end-to-end tests; the path picks the behaviour.
///
/// Every response carries `X-Path`, so tests can check which request an answer belongs to.
struct TestRoutes: HTTPRequestHandler {
    /// Signalled when a `/delay` request reaches the handler, so tests can act while it is in flight.
    let delayedRequestArrived = DispatchSemaphore(value: 0)

    func respond(to request: HTTPRequest) -> HTTPResponse {
        var response: HTTPResponse
        let query = Dictionary(request.queryItems.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        switch request.path {
        case "/echo":
            response = HTTPResponse(status: .ok, body: request.body)
            response.headers.add(name: "X-Method", value: request.method.rawValue)
            response.headers.add(name: "X-Query", value: request.query)
            response.headers.add(name: "X-Remote", value: request.remoteAddress)
            response.headers.add(name: "X-Header-Count", value: String(request.headers.count))
        case "/delay":
            response = .json(body: Array(#"{"delayed":true}"#.utf8))
            response.delay = .milliseconds(Int(query["ms"] ?? "") ?? 300)
            delayedRequestArrived.signal()
        case "/drop":
            response = .json(body: Array("never sent".utf8))
            response.dropsConnection = true
        case "/close":
            response = .json(body: Array("{}".utf8))
            response.closesConnection = true
        case "/big":
            let size = Int(query["size"] ?? "") ?? 1_000_000
            response = HTTPResponse(body: TestRoutes.pattern(size: size, seed: Int(query["seed"] ?? "") ?? 0))
        case "/custom":
            response = HTTPResponse(
                status: HTTPStatus(code: 201),
                headers: [
                    ("Date", "Mon, 01 Jan 2024 00:00:00 GMT"),
                    ("Content-Length", "999"),
                    ("Access-Control-Allow-Origin", "https://handler.example"),
                ],
                body: Array("created".utf8)
            )
        default:
            response = .json(body: Array(#"{"ok":true}"#.utf8))
        }
        response.headers.add(name: "X-Path", value: request.path)
        return response
    }

    /// Deterministic bytes, different per seed, so that mixed-up or truncated bodies are noticed.
    static func pattern(size: Int, seed: Int) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: ($0 &* 31 &+ seed) % 251) }
    }
}

/// Collects server events from the loop threads.
final class EventLog: Sendable {
    private let events = Mutex<[HTTPServerEvent]>([])

    func record(_ event: HTTPServerEvent) {
        events.withLock { $0.append(event) }
    }

    var all: [HTTPServerEvent] {
        events.withLock { $0 }
    }
}

/// Starts a real server with `configuration`, runs `body`, and shuts the server down.
func withTestServer(
    _ configuration: HTTPServerConfiguration = .forTests(),
    handler: some HTTPRequestHandler = TestRoutes(),
    _ body: (HTTPServer) throws -> Void
) throws {
    let server = HTTPServer(configuration: configuration, handler: handler)
    try server.start()
    defer { server.shutdown() }
    try body(server)
}

extension HTTPServerConfiguration {
    /// An ephemeral port and one event loop, with `modify` applied.
    static func forTests(_ modify: (inout HTTPServerConfiguration) -> Void = { _ in }) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration(port: 0, eventLoopCount: 1)
        modify(&configuration)
        return configuration
    }
}

/// Proves the server still answers: a fresh connection gets a 200.
func expectServerStillServes(_ server: HTTPServer, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let client = try RawHTTPClient(port: server.localPort)
    try client.send("GET /still-alive HTTP/1.1\r\nHost: test\r\n\r\n")
    let response = try client.readResponse()
    #expect(response.status == 200, sourceLocation: sourceLocation)
    #expect(response.header("X-Path") == "/still-alive", sourceLocation: sourceLocation)
}

/// Whether this machine can bind to the IPv6 loopback address.
func ipv6LoopbackAvailable() -> Bool {
    let fd = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_addr = in6addr_loopback
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
    } == 0
}

extension Duration {
    /// Milliseconds, for readable failure messages.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
