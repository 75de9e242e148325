import Bitrix24Mock
import BitrixREST
import CRMStore
import Foundation
import SQLite

/// A mock portal started in-process on an ephemeral port with the embedded default fixtures, shut down at the end of
/// the test.
final class TestServer: Sendable {
    let server: MockServer

    init(clock: any RESTClock = SystemClock(), configure: (inout MockOptions) -> Void = { _ in }) throws {
        var options = MockOptions()
        options.port = 0
        options.logLevel = .error
        configure(&options)
        server = try MockServer(options: options, timeZone: .fixed(utcOffsetSeconds: 3 * 3600), clock: clock)
        try server.start()
    }

    deinit { server.shutdown() }

    var port: Int { server.port }

    func client() throws -> RawHTTPClient { try RawHTTPClient(port: port) }

    /// One request on a new connection.
    func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: String = "")
        throws -> RawHTTPClient.Response
    {
        try client().request(method, target, headers: headers, body: body)
    }

    /// POST with a JSON body, like the seed's cURL example.
    func postJSON(_ target: String, _ body: String) throws -> RawHTTPClient.Response {
        try request("POST", target, headers: [("Content-Type", "application/json")], body: body)
    }

    /// Calls a method with a JSON body, as user 1 (open mode) or through a webhook (`"2/mocktokenreader2"`).
    func call(_ method: String, _ body: String = "{}", as webhook: String? = nil) throws -> RawHTTPClient.Response {
        let prefix = webhook.map { "/rest/\($0)/" } ?? "/rest/"
        return try postJSON(prefix + method, body)
    }

    /// The `result` of a successful call; fails the test with the body otherwise.
    func result(_ method: String, _ body: String = "{}", as webhook: String? = nil) throws -> Any {
        let response = try call(method, body, as: webhook)
        guard response.status == 200, let json = response.json, let result = json["result"] else {
            throw TestFailure("\(method) answered \(response.status): \(response.text)")
        }
        return result
    }

    /// Counts rows straight in the store's database.
    func count(_ sql: String) throws -> Int64 {
        let value = try server.store.withDatabase { try $0.prepare(sql).firstRow()?[0] ?? .null }
        if case .integer(let number) = value { return number }
        return -1
    }
}

/// A test precondition that did not hold, with what was seen.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
