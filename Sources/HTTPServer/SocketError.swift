import Glibc

/// A failed socket-level system call: which operation and the `errno` it left.
///
/// Thrown by `HTTPServer.start()`; its description reads like `bind: Address already in use (98)`.
public struct SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call or step that failed, e.g. `bind` or `listen`.
    public var operation: String
    /// The `errno` value.
    public var errno: Int32

    /// Creates an error for `operation` with the given `errno`.
    public init(operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
    }

    /// `operation: message (errno)`.
    public var description: String {
        let message = strerror(self.errno).map { String(cString: $0) } ?? "Unknown error"
        return "\(operation): \(message) (\(self.errno))"
    }
}
