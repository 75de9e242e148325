import CLinux
import Glibc

/// One epoll instance and the thread that runs it; it owns its connections outright.
///
/// After `startThread()` everything here is touched only by the loop's own thread. Other threads reach it solely
/// through `EventLoopControl` (an atomic flag and an eventfd), so the hot path (epoll_wait, recv, parse, handler,
/// encode, send) takes no lock. All loops share one listening socket, registered with `EPOLLEXCLUSIVE` so that a
/// new connection wakes one idle loop rather than all of them.
///
/// Timers: each connection carries one deadline; the loop keeps the earliest one it knows of (`nextSweep`) and
/// sleeps in `epoll_wait` until then, then sweeps its connections. Because every timeout of a kind has the same
/// length, no per-request timer objects are needed. Delayed responses, which have arbitrary delays, sit in a small
/// heap.
final class EventLoop {
    private static let listenerToken = UInt64.max
    private static let wakeToken = UInt64.max - 1
    private static let maxEvents: Int32 = 256
    private static let acceptBatch = 16
    private static let acceptRetryDelay: Int64 = 100_000_000
    /// Stop reading requests from a connection while this much output is waiting for the client.
    static let backpressureLimit = 256 * 1024
    /// Size of `scratch`, the buffer lingering connections discard input into.
    static let scratchSize = 64 * 1024

    let name: String
    let handler: any HTTPRequestHandler
    let onEvent: (@Sendable (HTTPServerEvent) -> Void)?
    let allowedMethods: Set<HTTPMethod>
    /// The `Allow` header value of 405 responses, e.g. `GET, HEAD, OPTIONS, POST`.
    let allowHeaderValue: String
    let parserLimits: HTTPRequestParser.Limits
    let lingeringMaxBytes: Int
    var encoder: ResponseEncoder
    /// Shared discard buffer for lingering closes (one thread, so one buffer is enough).
    let scratch: UnsafeMutableRawPointer

    private let control: EventLoopControl
    private let epollFD: Int32
    private let listenerFD: Int32
    private let limiter: ConnectionLimiter
    private let headerTimeout: Int64?
    private let bodyTimeout: Int64?
    private let idleTimeout: Int64?
    private let lingerTimeout: Int64?
    private let gracePeriod: Int64
    private let sweepGranularity: Int64
    private let events: UnsafeMutablePointer<clinux_epoll_event>

    /// The time `epoll_wait` last returned; deadlines set during one iteration count from it.
    private(set) var now: Int64
    /// Whether `shutdown()` has begun; responses written from now on close their connection.
    private(set) var isShuttingDown = false
    private var graceDeadline = MonotonicClock.never
    private var connections: [Connection] = []
    private var slotByFD: [Int32] = []
    private var nextConnectionID: UInt32 = 0
    private var nextSweep = MonotonicClock.never
    private var delayedResponses = DelayedResponseQueue()
    /// Requests whose answers the handler deferred during this pass, in the order they were read.
    private var deferredRequests: [(connection: Connection, work: any Sendable)] = []
    private var isAccepting = true
    private var acceptResumeAt = MonotonicClock.never

    /// Creates the epoll instance and registers the wake-up eventfd and the listening socket.
    static func make(
        index: Int,
        configuration: HTTPServerConfiguration,
        handler: any HTTPRequestHandler,
        listenerFD: Int32,
        limiter: ConnectionLimiter,
        control: EventLoopControl
    ) throws(SocketError) -> EventLoop {
        let epollFD = clinux_epoll_create()
        guard epollFD >= 0 else { throw SocketError(operation: "epoll_create1", errno: errno) }
        guard clinux_epoll_add(epollFD, control.wakeFD, CLINUX_EPOLLIN, wakeToken) == 0,
            clinux_epoll_add(epollFD, listenerFD, CLINUX_EPOLLIN | CLINUX_EPOLLEXCLUSIVE, listenerToken) == 0
        else {
            let error = SocketError(operation: "epoll_ctl", errno: errno)
            _ = Glibc.close(epollFD)
            throw error
        }
        return EventLoop(
            index: index,
            configuration: configuration,
            handler: handler,
            epollFD: epollFD,
            listenerFD: listenerFD,
            limiter: limiter,
            control: control
        )
    }

    private init(
        index: Int,
        configuration: HTTPServerConfiguration,
        handler: any HTTPRequestHandler,
        epollFD: Int32,
        listenerFD: Int32,
        limiter: ConnectionLimiter,
        control: EventLoopControl
    ) {
        name = "http-loop-\(index)"
        self.handler = handler
        onEvent = configuration.onEvent
        allowedMethods = configuration.allowedMethods
        allowHeaderValue = configuration.allowedMethods.map(\.rawValue).sorted().joined(separator: ", ")
        parserLimits = HTTPRequestParser.Limits(
            maxHeaderBytes: max(configuration.maxHeaderBytes, 64),
            maxBodyBytes: max(configuration.maxBodyBytes, 0)
        )
        lingeringMaxBytes = max(configuration.lingeringCloseMaxBytes, 0)
        encoder = ResponseEncoder(defaultHeaders: configuration.defaultHeaders)
        scratch = UnsafeMutableRawPointer.allocate(byteCount: EventLoop.scratchSize, alignment: 16)
        self.control = control
        self.epollFD = epollFD
        self.listenerFD = listenerFD
        self.limiter = limiter
        headerTimeout = MonotonicClock.nanoseconds(configuration.headerTimeout)
        bodyTimeout = MonotonicClock.nanoseconds(configuration.bodyTimeout)
        idleTimeout = MonotonicClock.nanoseconds(configuration.idleTimeout)
        lingerTimeout = MonotonicClock.nanoseconds(configuration.lingeringCloseTimeout)
        gracePeriod = MonotonicClock.nanoseconds(configuration.shutdownGracePeriod) ?? 0
        // Sweeps run at most this often: a tenth of the shortest timeout, between 1 ms and 10 ms.
        let shortest = [headerTimeout, bodyTimeout, idleTimeout, lingerTimeout].compactMap { $0 }.min() ?? 0
        sweepGranularity = min(max(shortest / 10, 1_000_000), 10_000_000)
        events = .allocate(capacity: Int(EventLoop.maxEvents))
        now = MonotonicClock.now()
    }

    deinit {
        _ = Glibc.close(epollFD)
        events.deallocate()
        scratch.deallocate()
    }

    /// Starts the loop's thread and hands the loop over to it; the caller must not use the loop afterwards.
    func startThread() throws(SocketError) -> pthread_t {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread,
            nil,
            { context in
                guard let context else { return nil }
                let loop = Unmanaged<EventLoop>.fromOpaque(context).takeRetainedValue()
                loop.run()
                return nil
            },
            context
        )
        guard result == 0 else {
            Unmanaged<EventLoop>.fromOpaque(context).release()
            throw SocketError(operation: "pthread_create", errno: result)
        }
        return thread
    }

    // MARK: - The loop

    private func run() {
        clinux_set_thread_name(name)
        while true {
            let count = clinux_epoll_wait(epollFD, events, EventLoop.maxEvents, epollTimeout())
            if count < 0 {
                let error = errno
                if error == EINTR { continue }
                report(.internalError(SocketError(operation: "epoll_wait", errno: error).description))
                break
            }
            now = MonotonicClock.now()
            for index in 0..<Int(count) {
                let event = events[index]
                switch event.token {
                case EventLoop.listenerToken:
                    acceptConnections()
                case EventLoop.wakeToken:
                    clinux_eventfd_drain(control.wakeFD)
                    if control.isShutdownRequested && !isShuttingDown {
                        beginShutdown()
                    }
                default:
                    connection(forToken: event.token)?.handle(events: event.events, loop: self)
                }
            }
            runTimers()
            answerDeferredRequests()
            if isShuttingDown && (connections.isEmpty || now >= graceDeadline) {
                break
            }
        }
        for connection in connections.reversed() {
            connection.close(loop: self)
        }
    }

    /// Milliseconds until the nearest deadline (rounded up), or -1 to sleep until an event.
    private func epollTimeout() -> Int32 {
        var next = nextSweep
        if let delayed = delayedResponses.nextDeadline { next = min(next, delayed) }
        if !isAccepting && !isShuttingDown { next = min(next, acceptResumeAt) }
        if isShuttingDown { next = min(next, graceDeadline) }
        guard next != MonotonicClock.never else { return -1 }
        let current = MonotonicClock.now()
        guard next > current else { return 0 }
        return Int32(min((next - current + 999_999) / 1_000_000, Int64(Int32.max)))
    }

    private func runTimers() {
        while let entry = delayedResponses.popDue(at: now) {
            connection(fd: entry.fd, id: entry.connectionID)?.delayElapsed(loop: self)
        }
        if now >= nextSweep {
            sweep()
        }
        if !isAccepting && !isShuttingDown && now >= acceptResumeAt {
            if clinux_epoll_add(epollFD, listenerFD, CLINUX_EPOLLIN | CLINUX_EPOLLEXCLUSIVE, EventLoop.listenerToken)
                == 0
            {
                isAccepting = true
            } else {
                acceptResumeAt = now + EventLoop.acceptRetryDelay
            }
        }
    }

    /// Hands the requests deferred during this pass to the handler in one call and delivers its answers. Delivering
    /// one can let its connection read a pipelined request that defers again, so this repeats until none is left:
    /// no deferred request outlives the pass.
    private func answerDeferredRequests() {
        var pending: [(connection: Connection, work: any Sendable)] = []
        while !deferredRequests.isEmpty {
            swap(&pending, &deferredRequests)
            let responses = handler.respond(toDeferred: pending.map(\.work))
            for (index, request) in pending.enumerated() {
                let response =
                    index < responses.count
                    ? responses[index]
                    : ServerErrorResponse.make(.internalServerError, description: "The handler gave no answer")
                request.connection.deferredResponseReady(response, loop: self)
            }
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// Handles every expired connection deadline and finds the next one.
    private func sweep() {
        nextSweep = MonotonicClock.never
        var earliest = MonotonicClock.never
        var index = connections.count - 1
        while index >= 0 {
            // Closing swaps the last connection into this slot; it has been visited already.
            let connection = connections[index]
            if connection.deadline <= now {
                connection.deadlineExpired(loop: self)
            }
            if connection.phase != .closed {
                earliest = min(earliest, connection.deadline)
            }
            index = min(index, connections.count) - 1
        }
        let next = min(nextSweep, earliest)
        nextSweep = next == MonotonicClock.never ? next : max(next, now + sweepGranularity)
    }

    // MARK: - Accepting

    private func acceptConnections() {
        for _ in 0..<EventLoop.acceptBatch {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { clinux_accept(listenerFD, $0, &length) }
            }
            guard fd >= 0 else {
                let error = errno
                switch AcceptErrorPolicy.forError(error) {
                case .drained:
                    return
                case .retry:
                    continue
                case .pause:
                    report(.internalError(SocketError(operation: "accept", errno: error).description))
                    pauseAccepting()
                    return
                }
            }
            _ = clinux_set_tcp_nodelay(fd)
            let counted = limiter.tryAcquire()
            guard let connection = register(fd: fd, remoteAddress: SocketAddress.describe(address), counted: counted)
            else { continue }
            if counted {
                connection.refreshDeadline(loop: self)
            } else {
                connection.reject(loop: self)
            }
        }
    }

    private func pauseAccepting() {
        guard isAccepting else { return }
        _ = clinux_epoll_delete(epollFD, listenerFD)
        isAccepting = false
        acceptResumeAt = now + EventLoop.acceptRetryDelay
    }

    private func register(fd: Int32, remoteAddress: String, counted: Bool) -> Connection? {
        nextConnectionID &+= 1
        let id = nextConnectionID
        let token = UInt64(UInt32(bitPattern: fd)) | UInt64(id) << 32
        let interest = CLINUX_EPOLLIN | CLINUX_EPOLLOUT | CLINUX_EPOLLRDHUP | CLINUX_EPOLLET
        guard clinux_epoll_add(epollFD, fd, interest, token) == 0 else {
            report(.internalError(SocketError(operation: "epoll_ctl(add connection)", errno: errno).description))
            _ = Glibc.close(fd)
            if counted { limiter.release() }
            return nil
        }
        let connection = Connection(
            fd: fd,
            id: id,
            remoteAddress: remoteAddress,
            countsTowardLimit: counted,
            parserLimits: parserLimits
        )
        connection.slot = connections.count
        connections.append(connection)
        let fdIndex = Int(fd)
        if fdIndex >= slotByFD.count {
            slotByFD.append(contentsOf: repeatElement(-1, count: max(fdIndex + 1 - slotByFD.count, slotByFD.count)))
        }
        slotByFD[fdIndex] = Int32(connection.slot)
        return connection
    }

    // MARK: - Services for connections

    /// Forgets a connection that is closing (the connection closes its own descriptor).
    func remove(_ connection: Connection) {
        let slot = connection.slot
        guard slot >= 0, slot < connections.count, connections[slot] === connection else { return }
        let last = connections.removeLast()
        if last !== connection {
            connections[slot] = last
            last.slot = slot
            slotByFD[Int(last.fd)] = Int32(slot)
        }
        slotByFD[Int(connection.fd)] = -1
        connection.slot = -1
        if connection.countsTowardLimit {
            limiter.release()
        }
    }

    /// The deadline for a connection entering a state with a timeout of `kind`, counted from `now`.
    func deadline(for kind: Connection.DeadlineKind) -> Int64 {
        let timeout: Int64?
        switch kind {
        case .none: return MonotonicClock.never
        case .idle, .write: timeout = idleTimeout
        case .header: timeout = headerTimeout
        case .body: timeout = bodyTimeout
        case .linger: timeout = lingerTimeout
        }
        guard let timeout else { return MonotonicClock.never }
        let deadline = now + timeout
        if deadline < nextSweep { nextSweep = deadline }
        return deadline
    }

    /// Arranges for `connection.delayElapsed` to be called at `deadline`.
    func scheduleDelayedResponse(for connection: Connection, at deadline: Int64) {
        delayedResponses.insert(.init(deadline: deadline, fd: connection.fd, connectionID: connection.id))
    }

    /// Queues a request whose answer the handler deferred; answered before the loop waits for events again.
    func deferResponse(for connection: Connection, work: any Sendable) {
        deferredRequests.append((connection, work))
    }

    /// Passes an event to `onEvent`, if set.
    func report(_ event: HTTPServerEvent) {
        onEvent?(event)
    }

    private func connection(forToken token: UInt64) -> Connection? {
        connection(fd: Int32(truncatingIfNeeded: token & 0xFFFF_FFFF), id: UInt32(truncatingIfNeeded: token >> 32))
    }

    private func connection(fd: Int32, id: UInt32) -> Connection? {
        let fdIndex = Int(fd)
        guard fdIndex >= 0, fdIndex < slotByFD.count else { return nil }
        let slot = Int(slotByFD[fdIndex])
        guard slot >= 0 else { return nil }
        let connection = connections[slot]
        return connection.id == id ? connection : nil
    }

    // MARK: - Shutdown

    private func beginShutdown() {
        isShuttingDown = true
        graceDeadline = now + gracePeriod
        if isAccepting {
            _ = clinux_epoll_delete(epollFD, listenerFD)
            isAccepting = false
        }
        for connection in connections.reversed() {
            connection.shutdownRequested(loop: self)
        }
    }
}
