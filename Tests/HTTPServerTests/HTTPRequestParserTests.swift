import Testing

@testable import HTTPServer

/// Feeds a parser the way a connection does: chunks are appended to a pending buffer, and unconsumed bytes are
/// passed again at the front of the next call.
private struct ParserHarness {
    struct Outcome: Equatable {
        var requests: [Parsed] = []
        var heads: [HeadSummary] = []
        var error: HTTPRequestParserError?
        /// Bytes still pending after the last chunk (part of an unfinished request).
        var leftover = 0
    }

    struct Parsed: Equatable {
        var request: HTTPRequest
        var keepAlive: Bool
    }

    struct HeadSummary: Equatable {
        var method: String
        var expectsContinue: Bool
        var framing: HTTPRequestParser.BodyFraming
        var keepAlive: Bool
    }

    static let defaultLimits = HTTPRequestParser.Limits(maxHeaderBytes: 16 * 1024, maxBodyBytes: 1024 * 1024)

    static func run(_ chunks: [[UInt8]], limits: HTTPRequestParser.Limits = defaultLimits) -> Outcome {
        var parser = HTTPRequestParser(limits: limits)
        var pending: [UInt8] = []
        var outcome = Outcome()
        for chunk in chunks {
            pending += chunk
            feeding: while true {
                let (consumed, event) = parser.parse(pending)
                pending.removeFirst(consumed)
                switch event {
                case .needMoreData:
                    break feeding
                case .headComplete:
                    if let head = parser.head {
                        outcome.heads.append(
                            HeadSummary(
                                method: head.method.rawValue,
                                expectsContinue: head.expectsContinue,
                                framing: head.framing,
                                keepAlive: head.keepAlive
                            )
                        )
                    }
                case .requestComplete(let request, let keepAlive):
                    outcome.requests.append(Parsed(request: request, keepAlive: keepAlive))
                case .failed(let error):
                    outcome.error = error
                    return outcome
                }
            }
        }
        outcome.leftover = pending.count
        return outcome
    }

    static func run(_ text: String, limits: HTTPRequestParser.Limits = defaultLimits) -> Outcome {
        run([Array(text.utf8)], limits: limits)
    }

    static func error(_ text: String, limits: HTTPRequestParser.Limits = defaultLimits) -> HTTPRequestParserError? {
        run(text, limits: limits).error
    }
}

@Suite struct HTTPRequestParserTests {
    // MARK: - Basics

    @Test func parsesRequestLineHeadersAndQuery() throws {
        let outcome = ParserHarness.run(
            "GET /rest/crm.lead.get.json?id=1&x=a+b HTTP/1.1\r\nHost: example\r\nX-Custom:  spaced value \t\r\n\r\n"
        )
        let parsed = try #require(outcome.requests.first)
        #expect(outcome.error == nil)
        #expect(outcome.requests.count == 1)
        #expect(parsed.request.method == .get)
        #expect(parsed.request.target == "/rest/crm.lead.get.json?id=1&x=a+b")
        #expect(parsed.request.path == "/rest/crm.lead.get.json")
        #expect(parsed.request.query == "id=1&x=a+b")
        #expect(parsed.request.version == .http1_1)
        #expect(parsed.request.headers["host"] == "example")
        #expect(parsed.request.headers["X-CUSTOM"] == "spaced value")
        #expect(parsed.request.body.isEmpty)
        #expect(parsed.keepAlive)
        #expect(parsed.request.queryItems.map(\.name) == ["id", "x"])
        #expect(parsed.request.queryItems.map(\.value) == ["1", "a b"])
    }

    @Test func pathIsPercentDecodedButPlusIsKept() throws {
        let outcome = ParserHarness.run("GET /rest/crm%2Elead%2eadd.json/a+b?q=%20x HTTP/1.1\r\n\r\n")
        let request = try #require(outcome.requests.first?.request)
        #expect(request.path == "/rest/crm.lead.add.json/a+b")
        #expect(request.query == "q=%20x")
        #expect(request.target == "/rest/crm%2Elead%2eadd.json/a+b?q=%20x")
    }

    @Test func absoluteFormTargetYieldsItsPath() throws {
        let outcome = ParserHarness.run("GET http://example.com:8080/rest/a%2Eb?x=1 HTTP/1.1\r\n\r\n")
        let request = try #require(outcome.requests.first?.request)
        #expect(request.target == "http://example.com:8080/rest/a%2Eb?x=1")
        #expect(request.path == "/rest/a.b")
        #expect(request.query == "x=1")
    }

    @Test func asteriskFormIsAcceptedForOptions() throws {
        let request = try #require(ParserHarness.run("OPTIONS * HTTP/1.1\r\n\r\n").requests.first?.request)
        #expect(request.method == .options)
        #expect(request.path == "*")
    }

    @Test func headersKeepOrderAndRepeatedNames() throws {
        let outcome = ParserHarness.run("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\na: 3\r\n\r\n")
        let headers = try #require(outcome.requests.first?.request.headers)
        #expect(Array(headers).map(\.name) == ["A", "B", "a"])
        #expect(headers.values(for: "A") == ["1", "3"])
    }

    @Test func emptyLinesBeforeRequestAreIgnored() {
        let outcome = ParserHarness.run("\r\n\r\n\nGET / HTTP/1.1\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.requests.count == 1)
    }

    @Test func bareLineFeedsAreAccepted() throws {
        let outcome = ParserHarness.run("POST /x HTTP/1.1\nHost: a\nContent-Length: 3\n\nabc")
        let request = try #require(outcome.requests.first?.request)
        #expect(request.headers["Host"] == "a")
        #expect(request.body == Array("abc".utf8))
    }

    @Test func unknownMethodTokenIsParsed() throws {
        let request = try #require(ParserHarness.run("PROPFIND / HTTP/1.1\r\n\r\n").requests.first?.request)
        #expect(request.method.rawValue == "PROPFIND")
    }

    // MARK: - Byte-boundary independence

    static let sampleRequests: [String] = [
        "GET /rest/profile.json?auth=abc%20def HTTP/1.1\r\nHost: b24.example\r\nAccept: */*\r\nX-Empty:\r\n\r\n",
        "POST /rest/crm.lead.add.json HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: 29\r\n\r\nfields%5BTITLE%5D=Hello+World",
        "POST /upload HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nWiki\r\n5 ; other\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: yes\r\n\r\n",
        "GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "GET /bare HTTP/1.1\nHost: lf-only\n\n",
        "GET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /c HTTP/1.1\r\nConnection: close\r\n\r\n",
        "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\nGET /after HTTP/1.1\r\n\r\n",
    ]

    @Test(arguments: sampleRequests)
    func feedingOneByteAtATimeGivesTheSameResult(_ text: String) {
        let bytes = Array(text.utf8)
        let whole = ParserHarness.run([bytes])
        #expect(whole.error == nil)
        #expect(!whole.requests.isEmpty)
        #expect(whole.leftover == 0)
        let byteByByte = ParserHarness.run(bytes.map { [$0] })
        #expect(byteByByte == whole)
    }

    @Test(arguments: sampleRequests)
    func everyTwoWaySplitGivesTheSameResult(_ text: String) {
        let bytes = Array(text.utf8)
        let whole = ParserHarness.run([bytes])
        for split in 0...bytes.count {
            let outcome = ParserHarness.run([Array(bytes[..<split]), Array(bytes[split...])])
            #expect(outcome == whole, "split at \(split)")
        }
    }

    @Test func chunkedSampleDecodesToExpectedBody() throws {
        let outcome = ParserHarness.run(HTTPRequestParserTests.sampleRequests[2])
        let request = try #require(outcome.requests.first?.request)
        #expect(String(decoding: request.body, as: UTF8.self) == "Wikipedia in\r\n\r\nchunks.")
        #expect(request.headers["Transfer-Encoding"] == "chunked")
    }

    // MARK: - Pipelining and bodies

    @Test func pipelinedRequestsComeOutInOrder() {
        let outcome = ParserHarness.run(HTTPRequestParserTests.sampleRequests[5])
        #expect(outcome.requests.map(\.request.path) == ["/a", "/b", "/c"])
        #expect(outcome.requests.map(\.request.body.count) == [0, 5, 0])
        #expect(outcome.requests.map(\.keepAlive) == [true, true, false])
    }

    @Test func contentLengthBodyStopsAtItsLength() throws {
        var parser = HTTPRequestParser(limits: ParserHarness.defaultLimits)
        let bytes = Array("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET".utf8)
        let (headConsumed, headEvent) = parser.parse(bytes)
        guard case .headComplete = headEvent else {
            Issue.record("expected headComplete, got \(headEvent)")
            return
        }
        let (bodyConsumed, bodyEvent) = parser.parse(Array(bytes[headConsumed...]))
        guard case .requestComplete(let request, _) = bodyEvent else {
            Issue.record("expected requestComplete, got \(bodyEvent)")
            return
        }
        #expect(request.body == Array("abc".utf8))
        #expect(headConsumed + bodyConsumed == bytes.count - 3)
        #expect(parser.isIdle)
    }

    @Test func everyTrailerLineIsSkippedBeforeTheNextRequest() {
        let outcome = ParserHarness.run(
            "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\nX-One: 1\r\nX-Two: 2\nX-Three: 3\r\n\r\n"
                + "GET /b HTTP/1.1\r\n\r\n"
        )
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.request.path) == ["/a", "/b"])
        #expect(outcome.requests.first?.request.body == Array("hi".utf8))
    }

    @Test func chunkSizesAreHexadecimalAndUppercaseWorks() throws {
        let body = String(repeating: "z", count: 26)
        let outcome = ParserHarness.run(
            "POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n1A\r\n\(body)\r\n0\r\n\r\n")
        #expect(try #require(outcome.requests.first).request.body.count == 26)
    }

    @Test func headCompleteIsReportedBeforeTheBodyArrives() {
        let outcome = ParserHarness.run("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
        #expect(outcome.heads.count == 1)
        #expect(outcome.heads.first?.framing == .contentLength(10))
        #expect(outcome.requests.isEmpty)
    }

    @Test func contentLengthZeroMeansNoBody() {
        let outcome = ParserHarness.run("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
        #expect(outcome.heads.first?.framing == HTTPRequestParser.BodyFraming.none)
        #expect(outcome.requests.count == 1)
    }

    @Test func identicalRepeatedContentLengthsAreAccepted() throws {
        let outcome = ParserHarness.run("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2, 2\r\n\r\nok")
        #expect(outcome.error == nil)
        #expect(try #require(outcome.requests.first).request.body == Array("ok".utf8))
    }

    // MARK: - Expect: 100-continue

    @Test func expectContinueIsSignalledForHTTP11WithBody() {
        let outcome = ParserHarness.run("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 5\r\n\r\n")
        #expect(outcome.heads.first?.expectsContinue == true)
    }

    @Test func expectContinueIsIgnoredForHTTP10() {
        let outcome = ParserHarness.run("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        #expect(outcome.heads.first?.expectsContinue == false)
    }

    @Test func otherExpectationsAreNotContinue() {
        let outcome = ParserHarness.run("POST / HTTP/1.1\r\nExpect: something\r\nContent-Length: 5\r\n\r\n")
        #expect(outcome.heads.first?.expectsContinue == false)
    }

    // MARK: - Keep-alive rules

    @Test(
        arguments: [
            ("HTTP/1.1", nil, true),
            ("HTTP/1.1", "close", false),
            ("HTTP/1.1", "Keep-Alive, CLOSE", false),
            ("HTTP/1.1", "keep-alive", true),
            ("HTTP/1.0", nil, false),
            ("HTTP/1.0", "keep-alive", true),
            ("HTTP/1.0", "Keep-Alive", true),
            ("HTTP/1.0", "close", false),
            ("HTTP/1.1", "upgrade", true),
        ] as [(String, String?, Bool)])
    func keepAliveFollowsVersionAndConnectionHeader(version: String, connection: String?, expected: Bool) throws {
        let header = connection.map { "Connection: \($0)\r\n" } ?? ""
        let outcome = ParserHarness.run("GET / \(version)\r\n\(header)\r\n")
        #expect(try #require(outcome.requests.first).keepAlive == expected)
    }

    // MARK: - Limits

    @Test func headerBlockOverTheLimitIs431() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 100, maxBodyBytes: 1000)
        let text = "GET / HTTP/1.1\r\nX-Long: \(String(repeating: "a", count: 200))\r\n\r\n"
        #expect(ParserHarness.error(text, limits: limits) == .headersTooLarge)
        #expect(HTTPRequestParserError.headersTooLarge.status.code == 431)
    }

    @Test func incompleteHeaderBlockOverTheLimitIs431WithoutWaitingForTheEnd() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 100, maxBodyBytes: 1000)
        let text = "GET / HTTP/1.1\r\nX-Long: \(String(repeating: "a", count: 200))"
        #expect(ParserHarness.error(text, limits: limits) == .headersTooLarge)
    }

    @Test func headerBlockExactlyAtTheLimitIsAccepted() {
        let text = "GET / HTTP/1.1\r\nX: 12345\r\n\r\n"
        let exact = HTTPRequestParser.Limits(maxHeaderBytes: text.utf8.count, maxBodyBytes: 0)
        #expect(ParserHarness.run(text, limits: exact).requests.count == 1)
        let oneLess = HTTPRequestParser.Limits(maxHeaderBytes: text.utf8.count - 1, maxBodyBytes: 0)
        #expect(ParserHarness.error(text, limits: oneLess) == .headersTooLarge)
    }

    @Test func contentLengthOverTheLimitIs413AsSoonAsTheHeadIsParsed() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 1000, maxBodyBytes: 10)
        let outcome = ParserHarness.run("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", limits: limits)
        #expect(outcome.error == .bodyTooLarge)
        #expect(outcome.heads.isEmpty)
        #expect(HTTPRequestParserError.bodyTooLarge.status.code == 413)
    }

    @Test func hugeContentLengthIs413WithoutOverflow() {
        let text = "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999999999999999999\r\n\r\n"
        #expect(ParserHarness.error(text) == .bodyTooLarge)
        // 2^64 + 5: wrapping arithmetic would read this as 5.
        let wrapping = "POST / HTTP/1.1\r\nContent-Length: 18446744073709551621\r\n\r\nhello"
        #expect(ParserHarness.error(wrapping) == .bodyTooLarge)
    }

    @Test func chunkedBodyIs413AsSoonAsTheDecodedSizeExceedsTheLimit() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 1000, maxBodyBytes: 10)
        let fits = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n"
        #expect(ParserHarness.run(fits, limits: limits).requests.first?.request.body.count == 10)
        // The second chunk announces one byte too many: rejected before its data arrives.
        let tooLarge = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n"
        #expect(ParserHarness.error(tooLarge, limits: limits) == .bodyTooLarge)
    }

    @Test func hugeChunkSizeIs413WithoutOverflow() {
        let text = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFFFF\r\n"
        #expect(ParserHarness.error(text) == .bodyTooLarge)
        // Even without a practical limit, a size that does not fit in an Int is refused rather than wrapped.
        let unlimited = HTTPRequestParser.Limits(maxHeaderBytes: 1000, maxBodyBytes: Int.max)
        #expect(ParserHarness.error(text, limits: unlimited) == .bodyTooLarge)
    }

    @Test func trailerSectionOverTheLimitIs431() {
        let limits = HTTPRequestParser.Limits(maxHeaderBytes: 64, maxBodyBytes: 1000)
        let text =
            "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: \(String(repeating: "t", count: 100))\r\n\r\n"
        #expect(ParserHarness.error(text, limits: limits) == .headersTooLarge)
    }

    // MARK: - Malformed requests

    @Test(
        arguments: [
            (
                "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                .contentLengthWithTransferEncoding
            ),
            ("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", .conflictingContentLength),
            ("POST / HTTP/1.1\r\nContent-Length: 3, 4\r\n\r\n", .conflictingContentLength),
            ("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", .invalidContentLength),
            ("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", .invalidContentLength),
            ("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n", .invalidContentLength),
            ("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", .invalidContentLength),
            ("POST / HTTP/1.1\r\nContent-Length: 1 2\r\n\r\n", .invalidContentLength),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", .unsupportedTransferEncoding),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferEncoding),
            (
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                .unsupportedTransferEncoding
            ),
            ("GET / HTTP/1.1\r\nNoColonHere\r\n\r\n", .missingColon),
            ("GET / HTTP/1.1\r\nHost : x\r\n\r\n", .whitespaceBeforeColon),
            ("GET / HTTP/1.1\r\nHost\t: x\r\n\r\n", .whitespaceBeforeColon),
            ("GET / HTTP/1.1\r\n: empty-name\r\n\r\n", .invalidHeaderName),
            ("GET / HTTP/1.1\r\nBad(Name): x\r\n\r\n", .invalidHeaderName),
            ("GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n", .obsoleteLineFolding),
            ("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", .invalidHeaderValue),
            ("GET / HTTP/1.1\r\nX: a\u{0}b\r\n\r\n", .invalidHeaderValue),
            ("GET / HTTP/1.1\r\nX: a\u{7F}\r\n\r\n", .invalidHeaderValue),
            ("GET /\r\n\r\n", .invalidRequestLine),
            ("GET\r\n\r\n", .invalidRequestLine),
            ("GET  / HTTP/1.1\r\n\r\n", .invalidRequestLine),
            ("GET / HTTP/1.1 extra\r\n\r\n", .invalidRequestLine),
            (" GET / HTTP/1.1\r\n\r\n", .invalidRequestLine),
            ("GET / HTTX/1.1\r\n\r\n", .invalidRequestLine),
            ("GET / HTTP/1.10\r\n\r\n", .invalidRequestLine),
            ("GET / http/1.1\r\n\r\n", .invalidRequestLine),
            ("G(ET / HTTP/1.1\r\n\r\n", .invalidMethod),
            ("GÉT / HTTP/1.1\r\n\r\n", .invalidMethod),
            ("GET /a\u{1}b HTTP/1.1\r\n\r\n", .invalidTarget),
            ("GET a/b HTTP/1.1\r\n\r\n", .invalidTarget),
            ("CONNECT example.com:443 HTTP/1.1\r\n\r\n", .invalidTarget),
            ("GET / HTTP/2.0\r\n\r\n", .unsupportedVersion),
            ("GET / HTTP/1.2\r\n\r\n", .unsupportedVersion),
            ("GET / HTTP/0.9\r\n\r\n", .unsupportedVersion),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", .invalidChunkSize),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", .invalidChunkSize),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\rX", .invalidChunkSize),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", .missingChunkTerminator),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\r\n0\r\n\r\n", .missingChunkTerminator),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\rb\r\n\r\n", .invalidTrailer),
        ] as [(String, HTTPRequestParserError)])
    func malformedRequestIsRejected(text: String, expected: HTTPRequestParserError) {
        #expect(ParserHarness.error(text) == expected)
    }

    @Test func everyMalformedCaseMapsTo400ExceptVersionAndSizes() {
        #expect(HTTPRequestParserError.missingColon.status == .badRequest)
        #expect(HTTPRequestParserError.contentLengthWithTransferEncoding.status == .badRequest)
        #expect(HTTPRequestParserError.unsupportedVersion.status.code == 505)
    }

    @Test func failedParserStaysFailed() {
        var parser = HTTPRequestParser(limits: ParserHarness.defaultLimits)
        _ = parser.parse(Array("BAD\r\n\r\n".utf8))
        let (_, event) = parser.parse(Array("GET / HTTP/1.1\r\n\r\n".utf8))
        guard case .failed(.invalidRequestLine) = event else {
            Issue.record("expected the parser to stay failed, got \(event)")
            return
        }
    }
}
