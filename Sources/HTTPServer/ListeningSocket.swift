import CLinux
import Glibc

/// The bound, listening, non-blocking TCP socket that every event loop accepts from.
struct ListeningSocket: Sendable {
    /// The descriptor; owned by the server, closed by `close()` after all loops have stopped.
    let fd: Int32
    /// The port actually bound (the kernel's choice when 0 was asked for).
    let localPort: Int
    /// `127.0.0.1:8024` or `[::1]:8024`.
    let localAddress: String

    /// Creates, binds and listens on `host:port` with `SO_REUSEADDR`.
    static func open(host: String, port: Int, backlog: Int32 = SOMAXCONN) throws(SocketError) -> ListeningSocket {
        guard (0...65535).contains(port) else {
            throw SocketError(operation: "port \(port)", errno: EINVAL)
        }
        guard let resolved = SocketAddress.resolve(host: host, port: UInt16(port)) else {
            throw SocketError(operation: "resolve host '\(host)'", errno: EINVAL)
        }
        let family: Int32
        switch resolved {
        case .v4: family = AF_INET
        case .v6: family = AF_INET6
        }
        let fd = clinux_stream_socket(family)
        guard fd >= 0 else { throw SocketError(operation: "socket", errno: errno) }

        func fail(_ operation: String) -> SocketError {
            let error = SocketError(operation: operation, errno: errno)
            _ = Glibc.close(fd)
            return error
        }

        guard clinux_set_reuse_address(fd) == 0 else { throw fail("setsockopt(SO_REUSEADDR)") }
        let bound: Int32
        switch resolved {
        case .v4(var address):
            bound = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .v6(var address):
            bound = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        guard bound == 0 else { throw fail("bind") }
        guard listen(fd, backlog) == 0 else { throw fail("listen") }

        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw fail("getsockname") }
        return ListeningSocket(
            fd: fd,
            localPort: SocketAddress.port(of: storage) ?? port,
            localAddress: SocketAddress.describe(storage)
        )
    }

    /// Closes the socket; pending, not yet accepted connections are reset.
    func close() {
        _ = Glibc.close(fd)
    }
}
