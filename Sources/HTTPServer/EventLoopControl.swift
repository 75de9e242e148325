import CLinux
import Glibc
import Synchronization

/// The part of an event loop that other threads may touch: a shutdown flag and the eventfd that wakes the loop.
///
/// The loop itself is confined to its thread; this is the only way in.
final class EventLoopControl: Sendable {
    /// Registered in the loop's epoll; writing to it interrupts `epoll_wait`.
    let wakeFD: Int32
    private let shutdownFlag = Atomic<Bool>(false)

    /// Creates the eventfd.
    init() throws(SocketError) {
        let fd = clinux_eventfd_create()
        guard fd >= 0 else { throw SocketError(operation: "eventfd", errno: errno) }
        wakeFD = fd
    }

    deinit {
        _ = Glibc.close(wakeFD)
    }

    /// Asks the loop to begin its graceful shutdown and wakes it.
    func requestShutdown() {
        shutdownFlag.store(true, ordering: .releasing)
        _ = clinux_eventfd_signal(wakeFD)
    }

    /// Whether `requestShutdown()` has been called.
    var isShutdownRequested: Bool {
        shutdownFlag.load(ordering: .acquiring)
    }
}
