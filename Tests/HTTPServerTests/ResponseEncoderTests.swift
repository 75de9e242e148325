import Testing

@testable import HTTPServer

@Suite struct ResponseEncoderTests {
    private func encode(
        _ response: HTTPResponse,
        keepAlive: Bool = true,
        version: HTTPVersion = .http1_1,
        isHead: Bool = false,
        defaults: HTTPHeaders = []
    ) -> (text: String, bodyBytes: Int) {
        var encoder = ResponseEncoder(defaultHeaders: defaults)
        var buffer = ByteBuffer(capacity: 16)
        let bodyBytes = encoder.encode(response, keepAlive: keepAlive, version: version, isHead: isHead, into: &buffer)
        return (String(decoding: buffer.readableBytes, as: UTF8.self), bodyBytes)
    }

    private func lines(_ text: String) -> [String] {
        text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func writesStatusLineFramingHeadersAndBody() {
        let (text, bodyBytes) = encode(.json(body: Array(#"{"a":1}"#.utf8)))
        let all = lines(text)
        #expect(all[0] == "HTTP/1.1 200 OK")
        #expect(all.contains("Content-Type: application/json; charset=utf-8"))
        #expect(all.contains("Content-Length: 7"))
        #expect(all.contains { $0.hasPrefix("Date: ") && $0.hasSuffix(" GMT") && $0.count == 35 })
        #expect(!all.contains { $0.hasPrefix("Connection") })
        #expect(text.hasSuffix("\r\n\r\n{\"a\":1}"))
        #expect(bodyBytes == 7)
    }

    @Test func closingResponseSaysConnectionClose() {
        #expect(lines(encode(HTTPResponse(), keepAlive: false).text).contains("Connection: close"))
    }

    @Test func http10KeepAliveIsAnnounced() {
        let all = lines(encode(HTTPResponse(), keepAlive: true, version: .http1_0).text)
        #expect(all.contains("Connection: keep-alive"))
        #expect(all[0].hasPrefix("HTTP/1.1 "))
    }

    @Test func headResponseHasLengthButNoBody() {
        let (text, bodyBytes) = encode(HTTPResponse(body: Array("12345".utf8)), isHead: true)
        #expect(lines(text).contains("Content-Length: 5"))
        #expect(text.hasSuffix("\r\n\r\n"))
        #expect(bodyBytes == 0)
    }

    @Test func handlerDateIsKeptAndNotDuplicated() {
        let response = HTTPResponse(headers: [("date", "Mon, 01 Jan 2024 00:00:00 GMT")])
        let all = lines(encode(response).text)
        #expect(all.filter { $0.lowercased().hasPrefix("date:") } == ["date: Mon, 01 Jan 2024 00:00:00 GMT"])
    }

    @Test func serverOwnsContentLengthExceptForHead() {
        let response = HTTPResponse(headers: [("Content-Length", "999")], body: Array("abc".utf8))
        let get = lines(encode(response).text).filter { $0.lowercased().hasPrefix("content-length") }
        #expect(get == ["Content-Length: 3"])
        let head = lines(encode(response, isHead: true).text).filter { $0.lowercased().hasPrefix("content-length") }
        #expect(head == ["Content-Length: 999"])
    }

    @Test func transferEncodingAndConnectionFromHandlerAreReplaced() {
        let response = HTTPResponse(headers: [("Transfer-Encoding", "chunked"), ("Connection", "keep-alive")])
        let all = lines(encode(response, keepAlive: false).text)
        #expect(!all.contains { $0.lowercased().hasPrefix("transfer-encoding") })
        #expect(all.filter { $0.lowercased().hasPrefix("connection") } == ["Connection: close"])
    }

    @Test func noBodyStatusesHaveNoBodyAndNoLength() {
        let (text, bodyBytes) = encode(HTTPResponse(status: HTTPStatus(code: 204), body: Array("x".utf8)))
        #expect(!text.contains("Content-Length"))
        #expect(text.hasSuffix("\r\n\r\n"))
        #expect(bodyBytes == 0)
    }

    @Test func defaultHeadersAreAddedUnlessTheHandlerSetThem() {
        let defaults: HTTPHeaders = [("Access-Control-Allow-Origin", "*"), ("X-Served-By", "mock")]
        let plain = lines(encode(HTTPResponse(), defaults: defaults).text)
        #expect(plain.contains("Access-Control-Allow-Origin: *"))
        #expect(plain.contains("X-Served-By: mock"))
        let overridden = lines(
            encode(HTTPResponse(headers: [("access-control-allow-origin", "https://a")]), defaults: defaults).text
        )
        #expect(
            overridden.filter { $0.lowercased().hasPrefix("access-control-allow-origin") } == [
                "access-control-allow-origin: https://a"
            ])
    }

    @Test func reasonPhraseCannotBreakTheStatusLine() {
        let response = HTTPResponse(status: HTTPStatus(code: 299, reasonPhrase: "Odd\r\nX-Injected: 1"))
        let all = lines(encode(response).text)
        #expect(all[0] == "HTTP/1.1 299 Odd  X-Injected: 1")
    }

    @Test func outOfRangeStatusBecomes500() {
        #expect(
            lines(encode(HTTPResponse(status: HTTPStatus(code: 42, reasonPhrase: "x"))).text)[0] == "HTTP/1.1 500 x")
    }

    @Test func detectsConnectionCloseRequestedByHandler() {
        #expect(ResponseEncoder.requestsClose([("Connection", "Keep-Alive, Close")]))
        #expect(!ResponseEncoder.requestsClose([("Connection", "keep-alive")]))
        #expect(!ResponseEncoder.requestsClose([]))
    }

    @Test func serverErrorBodyIsBitrixStyleJSON() {
        let response = ServerErrorResponse.make(.payloadTooLarge, description: "Too \"big\"\n")
        #expect(response.status.code == 413)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(
            String(decoding: response.body, as: UTF8.self)
                == #"{"error":"PAYLOAD_TOO_LARGE","error_description":"Too \"big\"\n"}"#
        )
        #expect(ServerErrorResponse.code(for: .requestHeaderFieldsTooLarge) == "REQUEST_HEADER_FIELDS_TOO_LARGE")
        #expect(ServerErrorResponse.code(for: HTTPStatus(code: 599)) == "HTTP_599")
    }
}
