import Glibc

/// An incremental HTTP/1.0 and HTTP/1.1 request parser: an explicit state machine fed whatever bytes have arrived.
///
/// Contract: call `parse(_:)` with all bytes not yet consumed; it returns how many it consumed and what happened.
/// Unconsumed bytes must be passed again, at the front, on the next call (with new bytes appended). While the head
/// (request line and headers) is incomplete nothing is consumed, so that once its end is found the head is parsed
/// in place, with indices, in one pass; the scan position is remembered so no byte is searched twice. Body bytes
/// are consumed as they arrive and copied, de-chunked, into the request body.
///
/// After `.headComplete` the caller may look at `head` (method check, `Expect: 100-continue`) and keeps calling.
/// After `.requestComplete` the parser is ready for the next request on the connection (pipelining).
/// After `.failed` it stays failed: the connection must answer the error and close.
///
/// Lenient where it is safe (bare LF line endings, empty lines before a request, chunk extensions and trailers,
/// absolute-form targets), strict where leniency enables request smuggling (Content-Length together with
/// Transfer-Encoding, differing Content-Lengths, whitespace before `:`, obsolete line folding).
struct HTTPRequestParser {
    /// The size limits the parser enforces while it parses.
    struct Limits: Sendable {
        /// Request line plus headers, and separately the chunked trailer section.
        var maxHeaderBytes: Int
        /// The decoded body.
        var maxBodyBytes: Int
    }

    /// How the end of the body is found.
    enum BodyFraming: Equatable, Sendable {
        /// No body.
        case none
        /// Exactly this many bytes (more than zero).
        case contentLength(Int)
        /// `Transfer-Encoding: chunked`.
        case chunked
    }

    /// What the request line and headers said, available from `.headComplete` until `.requestComplete`.
    struct Head: Sendable {
        var method: HTTPMethod
        var target: String
        var version: HTTPVersion
        var headers: HTTPHeaders
        /// Whether the connection stays open after the response (HTTP/1.1 default, HTTP/1.0 opt-in).
        var keepAlive: Bool
        /// HTTP/1.1 with `Expect: 100-continue`.
        var expectsContinue: Bool
        var framing: BodyFraming
    }

    /// The outcome of one `parse(_:)` call.
    enum Event: Sendable {
        /// Every usable byte was consumed; call again when more arrive.
        case needMoreData
        /// The head is parsed and available in `head`; the body, if any, follows.
        case headComplete
        /// A whole request, and whether the connection may be kept alive after answering it.
        case requestComplete(HTTPRequest, keepAlive: Bool)
        /// The request is malformed or too large; answer `error.status` and close.
        case failed(HTTPRequestParserError)
    }

    private enum State {
        case idle
        case head(scanned: Int)
        case fixedBody(remaining: Int)
        case chunkSize(size: Int, digits: Int)
        case chunkExtension(size: Int, length: Int)
        case chunkSizeLineFeed(size: Int)
        case chunkData(remaining: Int)
        case chunkDataEnd(sawCarriageReturn: Bool)
        case trailer(lineLength: Int, total: Int, sawCarriageReturn: Bool)
        case bodyComplete
        case failed(HTTPRequestParserError)
    }

    private enum HeadScan {
        case incomplete(resumeAt: Int)
        case complete(end: Int)
    }

    /// Longest chunk extension accepted, and most hex digits in a chunk size (leading zeros included).
    private static let maxChunkExtensionBytes = 4096
    private static let maxChunkSizeDigits = 32
    /// Body capacity reserved up front for a Content-Length body; larger bodies grow as bytes arrive, so that a
    /// client announcing a large body without sending it costs no memory.
    private static let initialBodyReservation = 64 * 1024

    let limits: Limits
    private var state: State = .idle
    /// The current request's head, between `.headComplete` and `.requestComplete`.
    private(set) var head: Head?
    private var body: [UInt8] = []

    /// Creates a parser waiting for the first byte of a request.
    init(limits: Limits) {
        self.limits = limits
    }

    /// Whether no byte of a request has been seen since the last complete one.
    var isIdle: Bool {
        if case .idle = state { return true }
        return false
    }

    /// Whether the head is complete and body bytes are still expected.
    var isReadingBody: Bool {
        switch state {
        case .fixedBody, .chunkSize, .chunkExtension, .chunkSizeLineFeed, .chunkData, .chunkDataEnd, .trailer: true
        default: false
        }
    }

    /// Parses as much of `input` as possible; see the type's documentation for the contract.
    mutating func parse(_ input: UnsafeRawBufferPointer) -> (consumed: Int, event: Event) {
        var index = 0
        let count = input.count
        parsing: while true {
            switch state {
            case .idle:
                // RFC 9112 §2.2: ignore empty lines before a request line.
                while index < count && (input[index] == ASCII.cr || input[index] == ASCII.lf) {
                    index += 1
                }
                if index == count { return (index, .needMoreData) }
                state = .head(scanned: 0)

            case .head(let scanned):
                let available = UnsafeRawBufferPointer(rebasing: input[index..<count])
                switch findHeadEnd(available, from: scanned) {
                case .incomplete(let resumeAt):
                    if available.count > limits.maxHeaderBytes {
                        return fail(.headersTooLarge, consumed: index)
                    }
                    state = .head(scanned: resumeAt)
                    return (index, .needMoreData)
                case .complete(let end):
                    if end > limits.maxHeaderBytes {
                        return fail(.headersTooLarge, consumed: index)
                    }
                    switch parseHead(UnsafeRawBufferPointer(rebasing: available[0..<end])) {
                    case .failure(let error):
                        return fail(error, consumed: index)
                    case .success(let parsed):
                        head = parsed
                        index += end
                        switch parsed.framing {
                        case .none:
                            state = .bodyComplete
                        case .contentLength(let length):
                            body.reserveCapacity(min(length, HTTPRequestParser.initialBodyReservation))
                            state = .fixedBody(remaining: length)
                        case .chunked:
                            state = .chunkSize(size: 0, digits: 0)
                        }
                        return (index, .headComplete)
                    }
                }

            case .fixedBody(let remaining):
                let take = min(remaining, count - index)
                appendBody(input, from: index, count: take)
                index += take
                if remaining == take {
                    state = .bodyComplete
                } else {
                    state = .fixedBody(remaining: remaining - take)
                    return (index, .needMoreData)
                }

            case .chunkSize(var size, var digits):
                while index < count {
                    let byte = input[index]
                    if let value = ASCII.hexValue(byte) {
                        digits += 1
                        if digits > HTTPRequestParser.maxChunkSizeDigits && size == 0 {
                            return fail(.invalidChunkSize, consumed: index)
                        }
                        let (shifted, overflow) = size.multipliedReportingOverflow(by: 16)
                        let (newSize, carry) = shifted.addingReportingOverflow(value)
                        if overflow || carry || newSize > limits.maxBodyBytes - body.count {
                            return fail(.bodyTooLarge, consumed: index)
                        }
                        size = newSize
                        index += 1
                        continue
                    }
                    guard digits > 0 else { return fail(.invalidChunkSize, consumed: index) }
                    index += 1
                    switch byte {
                    case ASCII.lf:
                        beginChunk(size: size)
                    case ASCII.cr:
                        state = .chunkSizeLineFeed(size: size)
                    case ASCII.semicolon, ASCII.space, ASCII.tab:
                        state = .chunkExtension(size: size, length: 0)
                    default:
                        return fail(.invalidChunkSize, consumed: index)
                    }
                    continue parsing
                }
                state = .chunkSize(size: size, digits: digits)
                return (index, .needMoreData)

            case .chunkExtension(let size, var length):
                while index < count {
                    let byte = input[index]
                    index += 1
                    if byte == ASCII.lf {
                        beginChunk(size: size)
                        continue parsing
                    }
                    if byte == ASCII.cr {
                        state = .chunkSizeLineFeed(size: size)
                        continue parsing
                    }
                    length += 1
                    if !ASCII.isFieldValueChar(byte) || length > HTTPRequestParser.maxChunkExtensionBytes {
                        return fail(.invalidChunkSize, consumed: index)
                    }
                }
                state = .chunkExtension(size: size, length: length)
                return (index, .needMoreData)

            case .chunkSizeLineFeed(let size):
                guard index < count else { return (index, .needMoreData) }
                guard input[index] == ASCII.lf else { return fail(.invalidChunkSize, consumed: index) }
                index += 1
                beginChunk(size: size)

            case .chunkData(let remaining):
                let take = min(remaining, count - index)
                appendBody(input, from: index, count: take)
                index += take
                if remaining == take {
                    state = .chunkDataEnd(sawCarriageReturn: false)
                } else {
                    state = .chunkData(remaining: remaining - take)
                    return (index, .needMoreData)
                }

            case .chunkDataEnd(let sawCarriageReturn):
                guard index < count else { return (index, .needMoreData) }
                let byte = input[index]
                if byte == ASCII.lf {
                    index += 1
                    state = .chunkSize(size: 0, digits: 0)
                } else if byte == ASCII.cr && !sawCarriageReturn {
                    index += 1
                    state = .chunkDataEnd(sawCarriageReturn: true)
                } else {
                    return fail(.missingChunkTerminator, consumed: index)
                }

            case .trailer(var lineLength, var total, var sawCarriageReturn):
                while index < count {
                    let byte = input[index]
                    index += 1
                    total += 1
                    if total > limits.maxHeaderBytes {
                        return fail(.headersTooLarge, consumed: index)
                    }
                    if byte == ASCII.lf {
                        if lineLength == 0 {
                            state = .bodyComplete
                            continue parsing
                        }
                        lineLength = 0
                        sawCarriageReturn = false
                    } else if sawCarriageReturn || !(byte == ASCII.cr || ASCII.isFieldValueChar(byte)) {
                        return fail(.invalidTrailer, consumed: index)
                    } else if byte == ASCII.cr {
                        sawCarriageReturn = true
                    } else {
                        lineLength += 1
                    }
                }
                state = .trailer(lineLength: lineLength, total: total, sawCarriageReturn: sawCarriageReturn)
                return (index, .needMoreData)

            case .bodyComplete:
                guard let completed = head else {
                    return fail(.invalidRequestLine, consumed: index)
                }
                let request = HTTPRequest(
                    method: completed.method,
                    target: completed.target,
                    version: completed.version,
                    headers: completed.headers,
                    body: body
                )
                head = nil
                body = []
                state = .idle
                return (index, .requestComplete(request, keepAlive: completed.keepAlive))

            case .failed(let error):
                return (index, .failed(error))
            }
        }
    }

    /// Parses a request from a byte array; a convenience for tests and callers that have everything at once.
    mutating func parse(_ bytes: [UInt8]) -> (consumed: Int, event: Event) {
        bytes.withUnsafeBytes { parse($0) }
    }

    // MARK: - Steps

    private mutating func fail(_ error: HTTPRequestParserError, consumed: Int) -> (consumed: Int, event: Event) {
        state = .failed(error)
        head = nil
        body = []
        return (consumed, .failed(error))
    }

    private mutating func beginChunk(size: Int) {
        state = size == 0 ? .trailer(lineLength: 0, total: 0, sawCarriageReturn: false) : .chunkData(remaining: size)
    }

    private mutating func appendBody(_ input: UnsafeRawBufferPointer, from index: Int, count: Int) {
        guard count > 0, let base = input.baseAddress else { return }
        body.append(
            contentsOf: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self) + index, count: count))
    }

    /// Looks for the empty line that ends the head, starting at a line feed found earlier (or at 0).
    private func findHeadEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> HeadScan {
        guard let base = bytes.baseAddress else { return .incomplete(resumeAt: 0) }
        let count = bytes.count
        var position = start
        while position < count {
            guard let found = memchr(base + position, Int32(ASCII.lf), count - position) else {
                return .incomplete(resumeAt: count)
            }
            let lineFeed = base.distance(to: UnsafeRawPointer(found))
            guard lineFeed + 1 < count else { return .incomplete(resumeAt: lineFeed) }
            let next = bytes[lineFeed + 1]
            if next == ASCII.lf {
                return .complete(end: lineFeed + 2)
            }
            if next == ASCII.cr {
                guard lineFeed + 2 < count else { return .incomplete(resumeAt: lineFeed) }
                if bytes[lineFeed + 2] == ASCII.lf {
                    return .complete(end: lineFeed + 3)
                }
            }
            position = lineFeed + 1
        }
        return .incomplete(resumeAt: position)
    }
}
