import Glibc

/// What the event loop does when `accept` fails, by `errno`.
///
/// Running out of descriptors or memory must never stop the server: the loop reports it, stops accepting for a
/// moment (otherwise the still-pending connection would wake it in a busy loop) and tries again.
enum AcceptErrorPolicy: Equatable {
    /// Nothing left to accept (`EAGAIN`).
    case drained
    /// A connection went away before it was accepted, or a signal interrupted; try the next one at once.
    case retry
    /// Out of descriptors or memory, or an unexpected error: report it and pause accepting briefly.
    case pause

    /// The policy for an `accept4` failure with `errno` value `error`.
    static func forError(_ error: Int32) -> AcceptErrorPolicy {
        switch error {
        case EAGAIN, EWOULDBLOCK: .drained
        case EINTR, ECONNABORTED, EPROTO, EPERM, ENETDOWN, ENOPROTOOPT, EHOSTDOWN, ENONET, EHOSTUNREACH, EOPNOTSUPP,
            ENETUNREACH:
            .retry
        default: .pause
        }
    }
}
