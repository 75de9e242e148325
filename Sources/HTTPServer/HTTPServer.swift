import Glibc
import Synchronization

/// A small, fast HTTP/1.1 server: epoll event loops on their own threads, one listening socket, and a handler
/// that turns each parsed request into a response.
///
/// It knows nothing about what it serves. Limits and timeouts are enforced before the handler is involved, and
/// every error is answered with a JSON body and a clean close, so no client input can take the process down.
///
/// ```swift
/// let server = HTTPServer(configuration: .init(port: 0), handler: MyHandler())
/// try server.start()
/// print(server.localAddress)
/// // ...
/// server.shutdown()
/// ```
public final class HTTPServer: Sendable {
    private struct LoopHandle: Sendable {
        let control: EventLoopControl
        let thread: pthread_t
    }

    private struct Running: Sendable {
        let listener: ListeningSocket
        let loops: [LoopHandle]
    }

    private enum State: Sendable {
        case idle
        case running(Running)
        case stopping(ListeningSocket)
        case stopped(ListeningSocket?)
    }

    private let configuration: HTTPServerConfiguration
    private let handler: any HTTPRequestHandler
    private let state = Mutex<State>(.idle)

    /// Creates a server; nothing is bound until `start()`.
    public init(configuration: HTTPServerConfiguration, handler: some HTTPRequestHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    deinit {
        shutdown()
    }

    /// Binds, listens and starts the event loops; returns once connections are being accepted.
    ///
    /// - Throws: `SocketError` if the address cannot be parsed or bound, or a loop cannot be created; nothing is
    ///   left running then. Calling it a second time throws `EALREADY`.
    public func start() throws(SocketError) {
        try state.withLock { state throws(SocketError) in
            guard case .idle = state else {
                throw SocketError(operation: "start", errno: EALREADY)
            }
            let listener = try ListeningSocket.open(host: configuration.host, port: configuration.port)
            let limiter = ConnectionLimiter(limit: configuration.maxConnections)
            var loops: [LoopHandle] = []
            do throws(SocketError) {
                for index in 0..<max(configuration.eventLoopCount, 1) {
                    let control = try EventLoopControl()
                    let loop = try EventLoop.make(
                        index: index,
                        configuration: configuration,
                        handler: handler,
                        listenerFD: listener.fd,
                        limiter: limiter,
                        control: control
                    )
                    let thread = try loop.startThread()
                    loops.append(LoopHandle(control: control, thread: thread))
                }
            } catch {
                HTTPServer.stop(loops)
                listener.close()
                throw error
            }
            state = .running(Running(listener: listener, loops: loops))
        }
    }

    /// The port the server listens on (the kernel's choice if configured as 0); 0 before `start()`.
    public var localPort: Int {
        state.withLock { state in
            switch state {
            case .idle: 0
            case .running(let running): running.listener.localPort
            case .stopping(let listener): listener.localPort
            case .stopped(let listener): listener?.localPort ?? 0
            }
        }
    }

    /// The bound address, e.g. `127.0.0.1:8024` or `[::1]:8024`; empty before `start()`.
    public var localAddress: String {
        state.withLock { state in
            switch state {
            case .idle: ""
            case .running(let running): running.listener.localAddress
            case .stopping(let listener): listener.localAddress
            case .stopped(let listener): listener?.localAddress ?? ""
            }
        }
    }

    /// Stops gracefully and blocks until every loop has exited.
    ///
    /// Stops accepting, closes idle connections at once, lets in-flight requests (including delayed responses)
    /// finish with `Connection: close`, gives partially received requests up to `shutdownGracePeriod`, then closes
    /// whatever is left. Returns within about the grace period. Idempotent; a call while another is in progress
    /// returns at once. Must not be called from a handler (it would wait for its own loop): from there it only
    /// starts the shutdown.
    public func shutdown() {
        let running: Running? = state.withLock { state in
            switch state {
            case .running(let running):
                state = .stopping(running.listener)
                return running
            case .idle:
                state = .stopped(nil)
                return nil
            case .stopping, .stopped:
                return nil
            }
        }
        guard let running else { return }
        let joinedAll = HTTPServer.stop(running.loops)
        if joinedAll {
            running.listener.close()
        }
        state.withLock { $0 = .stopped(running.listener) }
    }

    /// Asks the loops to stop and waits for their threads; returns `false` if one of them is the calling thread,
    /// which is then detached instead of joined.
    @discardableResult
    private static func stop(_ loops: [LoopHandle]) -> Bool {
        for loop in loops {
            loop.control.requestShutdown()
        }
        var joinedAll = true
        let current = pthread_self()
        for loop in loops {
            if pthread_equal(loop.thread, current) != 0 {
                pthread_detach(loop.thread)
                joinedAll = false
            } else {
                pthread_join(loop.thread, nil)
            }
        }
        return joinedAll
    }
}
