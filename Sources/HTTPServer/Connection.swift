import CLinux
import Glibc

/// One accepted TCP connection: its buffers, its request parser, and where it stands in the request/response
/// cycle.
///
/// Owned by one `EventLoop` and used only on that loop's thread, so none of its state needs a lock. The loop is
/// passed into every method rather than stored, which keeps ownership one-way.
///
/// The socket is registered edge-triggered for input and output once, at accept; `readable` and `writable`
/// remember what epoll reported until a call returns `EAGAIN`, so reading can pause (backpressure, delayed
/// response) and resume later without any further `epoll_ctl`.
final class Connection {
    /// Where the connection stands.
    enum Phase: Equatable {
        /// Reading and answering requests.
        case open
        /// The handler asked for a delay, or deferred its answer to the end of the loop's pass; nothing is read or
        /// written until the answer is there.
        case awaitingResponse
        /// Write what is queued, then close (the peer has gone, or a response was dropped).
        case flushingThenClose
        /// Write what is queued, then half-close and linger.
        case flushingThenLinger
        /// Half-closed; discarding input until EOF, a byte limit or the deadline, then close.
        case lingering
        case closed
    }

    /// Which timeout the connection's single deadline stands for.
    enum DeadlineKind: Equatable {
        case none
        /// Keep-alive connection waiting for its next request.
        case idle
        /// Between the first byte of a request and the end of its headers.
        case header
        /// Between the end of the headers and the end of the body.
        case body
        /// Output waiting for a client that does not read (renewed on every progress).
        case write
        /// Lingering close.
        case linger
    }

    /// What is needed to finish a response after the handler returned it.
    private struct ResponseContext {
        var method: HTTPMethod
        var target: String
        var version: HTTPVersion
        var keepAlive: Bool
        var start: Int64
    }

    private static let initialReadSize = 4096
    private static let maxReadSize = 64 * 1024
    private static let continueResponse: StaticString = "HTTP/1.1 100 Continue\r\n\r\n"

    let fd: Int32
    let id: UInt32
    let remoteAddress: String
    /// Whether the connection holds a `maxConnections` slot (rejected ones do not).
    let countsTowardLimit: Bool
    /// Index in the loop's connection list.
    var slot = -1
    private(set) var phase = Phase.open
    private(set) var deadline = MonotonicClock.never
    private(set) var deadlineKind = DeadlineKind.none
    private var input: ByteBuffer
    private var output = ByteBuffer(capacity: 512)
    private var parser: HTTPRequestParser
    private var readable = false
    private var writable = true
    private var sawHangup = false
    private var peerClosed = false
    private var readSize = Connection.initialReadSize
    private var requestStart: Int64 = 0
    private var delayedResponse: (response: HTTPResponse, context: ResponseContext)?
    /// The request whose answer the handler deferred to the end of the loop's pass.
    private var deferredContext: ResponseContext?
    private var lingeredBytes = 0

    init(fd: Int32, id: UInt32, remoteAddress: String, countsTowardLimit: Bool, parserLimits: HTTPRequestParser.Limits)
    {
        self.fd = fd
        self.id = id
        self.remoteAddress = remoteAddress
        self.countsTowardLimit = countsTowardLimit
        input = ByteBuffer(capacity: Connection.initialReadSize)
        parser = HTTPRequestParser(limits: parserLimits)
    }

    // MARK: - Entry points called by the loop

    /// Reacts to epoll readiness bits.
    func handle(events: UInt32, loop: EventLoop) {
        if events & (CLINUX_EPOLLRDHUP | CLINUX_EPOLLHUP | CLINUX_EPOLLERR) != 0 {
            sawHangup = true
            readable = true
        }
        if events & CLINUX_EPOLLIN != 0 {
            readable = true
        }
        if events & (CLINUX_EPOLLOUT | CLINUX_EPOLLHUP | CLINUX_EPOLLERR) != 0 {
            writable = true
        }
        drive(loop: loop)
    }

    /// The connection's deadline has passed.
    func deadlineExpired(loop: EventLoop) {
        switch deadlineKind {
        case .header:
            deadlineKind = .none
            fail(status: .requestTimeout, reason: "Request headers not received in time", loop: loop)
            drive(loop: loop)
        case .body:
            deadlineKind = .none
            fail(status: .requestTimeout, reason: "Request body not received in time", loop: loop)
            drive(loop: loop)
        case .idle, .write, .linger:
            close(loop: loop)
        case .none:
            break
        }
    }

    /// The delay of a delayed response has elapsed: write it and carry on with pipelined requests.
    func delayElapsed(loop: EventLoop) {
        guard phase == .awaitingResponse, let delayed = delayedResponse else { return }
        delayedResponse = nil
        phase = .open
        write(delayed.response, context: delayed.context, loop: loop)
        drive(loop: loop)
    }

    /// The handler has answered the request it deferred: deliver the answer and carry on with pipelined requests.
    func deferredResponseReady(_ response: HTTPResponse, loop: EventLoop) {
        guard phase == .awaitingResponse, let context = deferredContext else { return }
        deferredContext = nil
        phase = .open
        if response.deferral != nil {
            var failure = ServerErrorResponse.make(.internalServerError, description: "The answer was deferred twice")
            failure.closesConnection = true
            deliver(failure, context: context, loop: loop)
        } else {
            deliver(response, context: context, loop: loop)
        }
        drive(loop: loop)
    }

    /// Answers a connection beyond `maxConnections` with 503 and closes it.
    func reject(loop: EventLoop) {
        fail(status: .serviceUnavailable, reason: "Too many open connections", loop: loop, rejected: true)
        drive(loop: loop)
    }

    /// The server is shutting down: a connection with nothing in progress closes at once; others finish first
    /// (their responses say `Connection: close`).
    func shutdownRequested(loop: EventLoop) {
        if phase == .open && parser.isIdle && input.isEmpty && output.isEmpty {
            close(loop: loop)
        }
    }

    /// Closes the socket and leaves the loop.
    func close(loop: EventLoop) {
        guard phase != .closed else { return }
        phase = .closed
        delayedResponse = nil
        deferredContext = nil
        loop.remove(self)
        _ = Glibc.close(fd)
    }

    /// Sets the deadline for the state the connection is now in (kept if the kind of wait has not changed).
    func refreshDeadline(loop: EventLoop) {
        let kind: DeadlineKind
        switch phase {
        case .closed:
            return
        case .awaitingResponse:
            kind = .none
        case .lingering:
            kind = .linger
        case .flushingThenClose, .flushingThenLinger:
            kind = .write
        case .open:
            if !output.isEmpty {
                kind = .write
            } else if parser.isReadingBody {
                kind = .body
            } else if !parser.isIdle || !input.isEmpty {
                kind = .header
            } else if loop.isShuttingDown {
                close(loop: loop)
                return
            } else {
                kind = .idle
            }
        }
        guard kind != deadlineKind else { return }
        deadlineKind = kind
        deadline = loop.deadline(for: kind)
    }

    // MARK: - The state machine

    /// Makes all the progress possible without blocking: write, parse and answer, read; repeat.
    private func drive(loop: EventLoop) {
        while true {
            if !output.isEmpty && writable {
                flush(loop: loop)
            }
            if output.isEmpty {
                if phase == .flushingThenClose {
                    close(loop: loop)
                    return
                }
                if phase == .flushingThenLinger {
                    beginLingering(loop: loop)
                }
            }
            switch phase {
            case .closed:
                return
            case .lingering:
                discardInput(loop: loop)
                return
            case .flushingThenClose, .flushingThenLinger, .awaitingResponse:
                refreshDeadline(loop: loop)
                return
            case .open:
                break
            }
            if output.readableCount > EventLoop.backpressureLimit {
                refreshDeadline(loop: loop)
                return
            }
            processInput(loop: loop)
            if phase != .open || output.readableCount > EventLoop.backpressureLimit {
                continue
            }
            if peerClosed {
                // Nothing more will arrive; anything still buffered is an incomplete request.
                phase = .flushingThenClose
                continue
            }
            guard readable else {
                if !output.isEmpty && writable { continue }
                refreshDeadline(loop: loop)
                return
            }
            receive(loop: loop)
            if phase == .closed { return }
        }
    }

    /// Parses and answers every complete request in the input buffer, in order.
    private func processInput(loop: EventLoop) {
        while phase == .open && output.readableCount <= EventLoop.backpressureLimit {
            if parser.isIdle {
                if input.isEmpty { return }
                requestStart = loop.now
            }
            let (consumed, event) = parser.parse(input.readableBytes)
            input.moveReaderIndex(forwardBy: consumed)
            switch event {
            case .needMoreData:
                return
            case .headComplete:
                headComplete(loop: loop)
            case .requestComplete(var request, let keepAlive):
                request.remoteAddress = remoteAddress
                respond(to: request, keepAlive: keepAlive, loop: loop)
            case .failed(let error):
                fail(status: error.status, reason: error.reason, loop: loop)
            }
        }
    }

    /// Checks the method and answers `Expect: 100-continue` before any body is read.
    private func headComplete(loop: EventLoop) {
        guard let head = parser.head else { return }
        guard loop.allowedMethods.contains(head.method) else {
            fail(
                status: .methodNotAllowed,
                reason: "Method \(head.method.rawValue) is not allowed",
                extraHeaders: [("Allow", loop.allowHeaderValue)],
                loop: loop
            )
            return
        }
        if head.expectsContinue && head.framing != .none && input.isEmpty {
            output.append(Connection.continueResponse)
        }
    }

    private func respond(to request: HTTPRequest, keepAlive: Bool, loop: EventLoop) {
        // The next request gets fresh deadlines.
        deadlineKind = .none
        let context = ResponseContext(
            method: request.method,
            target: request.target,
            version: request.version,
            keepAlive: keepAlive,
            start: requestStart
        )
        let response = loop.handler.respond(to: request)
        if let deferral = response.deferral {
            deferredContext = context
            phase = .awaitingResponse
            loop.deferResponse(for: self, work: deferral.work)
            return
        }
        deliver(response, context: context, loop: loop)
    }

    /// Writes a handler's answer, or drops the connection or schedules the answer as the response asks.
    private func deliver(_ response: HTTPResponse, context: ResponseContext, loop: EventLoop) {
        if response.dropsConnection {
            phase = .flushingThenClose
            return
        }
        if let delay = response.delay, let nanoseconds = MonotonicClock.nanoseconds(delay) {
            delayedResponse = (response, context)
            phase = .awaitingResponse
            loop.scheduleDelayedResponse(for: self, at: MonotonicClock.now() + nanoseconds)
            return
        }
        write(response, context: context, loop: loop)
    }

    private func write(_ response: HTTPResponse, context: ResponseContext, loop: EventLoop) {
        let keepAlive =
            context.keepAlive && !response.closesConnection && !loop.isShuttingDown && !peerClosed
            && !ResponseEncoder.requestsClose(response.headers)
        let bodyBytes = loop.encoder.encode(
            response,
            keepAlive: keepAlive,
            version: context.version,
            isHead: context.method == .head,
            into: &output
        )
        if !keepAlive {
            phase = .flushingThenLinger
        }
        if let onEvent = loop.onEvent {
            let entry = HTTPAccessLogEntry(
                method: context.method,
                target: context.target,
                statusCode: response.status.code,
                duration: .nanoseconds(MonotonicClock.now() - context.start),
                responseBodyBytes: bodyBytes,
                remoteAddress: remoteAddress
            )
            onEvent(.requestCompleted(entry))
        }
    }

    /// Queues one of the server's own error responses and arranges for a lingering close after it.
    private func fail(
        status: HTTPStatus,
        reason: String,
        extraHeaders: HTTPHeaders = [],
        loop: EventLoop,
        rejected: Bool = false
    ) {
        var response = ServerErrorResponse.make(status, description: reason)
        for (name, value) in extraHeaders {
            response.headers.add(name: name, value: value)
        }
        _ = loop.encoder.encode(response, keepAlive: false, version: .http1_1, isHead: false, into: &output)
        phase = .flushingThenLinger
        input.clear()
        if rejected {
            loop.report(.connectionRejected(remoteAddress: remoteAddress))
        } else {
            loop.report(.protocolError(status: status.code, reason: reason, remoteAddress: remoteAddress))
        }
    }

    // MARK: - Socket I/O

    /// Writes queued output until done or the socket is full.
    private func flush(loop: EventLoop) {
        while !output.isEmpty {
            let bytes = output.readableBytes
            let written = send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if written > 0 {
                output.moveReaderIndex(forwardBy: written)
                if deadlineKind == .write {
                    deadline = loop.deadline(for: .write)
                }
                continue
            }
            let error = errno
            if written < 0 && error == EINTR { continue }
            if written == 0 || error == EAGAIN || error == EWOULDBLOCK {
                writable = false
                return
            }
            close(loop: loop)
            return
        }
        output.shrinkIfEmpty(above: 256 * 1024, to: 4096)
    }

    /// One `recv` into the input buffer.
    private func receive(loop: EventLoop) {
        input.reserveWritable(readSize)
        let space = input.writableCount
        let received = recv(fd, input.writablePointer, space, 0)
        if received > 0 {
            input.moveWriterIndex(forwardBy: received)
            if received < space {
                // A short read drained the socket; with edge triggering, new data brings a new event. After a
                // hang-up no new event will come, so keep reading until EOF is seen.
                readable = sawHangup
            } else if readSize < Connection.maxReadSize {
                readSize *= 2
            }
            return
        }
        if received == 0 {
            readable = false
            peerClosed = true
            return
        }
        let error = errno
        if error == EINTR { return }
        if error == EAGAIN || error == EWOULDBLOCK {
            readable = false
            return
        }
        close(loop: loop)
    }

    /// Half-closes after the last response so the client sees it, then waits for the client to finish.
    private func beginLingering(loop: EventLoop) {
        if peerClosed {
            close(loop: loop)
            return
        }
        _ = shutdown(fd, Int32(SHUT_WR))
        phase = .lingering
        lingeredBytes = 0
        input.clear()
        input.shrinkIfEmpty(above: Connection.initialReadSize, to: Connection.initialReadSize)
    }

    /// Reads and throws away input during a lingering close; closes on EOF or when the byte limit is reached.
    private func discardInput(loop: EventLoop) {
        while readable {
            let received = recv(fd, loop.scratch, EventLoop.scratchSize, 0)
            if received > 0 {
                lingeredBytes += received
                if lingeredBytes > loop.lingeringMaxBytes {
                    close(loop: loop)
                    return
                }
                if received < EventLoop.scratchSize && !sawHangup {
                    readable = false
                }
                continue
            }
            if received == 0 {
                close(loop: loop)
                return
            }
            let error = errno
            if error == EINTR { continue }
            if error == EAGAIN || error == EWOULDBLOCK {
                readable = false
                break
            }
            close(loop: loop)
            return
        }
        refreshDeadline(loop: loop)
    }
}
