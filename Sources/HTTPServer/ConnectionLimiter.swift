import Synchronization

/// Counts open connections across all event loops so that `maxConnections` holds for the whole server.
///
/// Touched once per accept and once per close, never per request.
final class ConnectionLimiter: Sendable {
    /// The most connections allowed at once.
    let limit: Int
    private let open = Atomic<Int>(0)

    /// Creates a limiter allowing `limit` connections (at least one).
    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    /// Takes a slot if one is free; returns `false` when the server is full.
    func tryAcquire() -> Bool {
        let (_, newValue) = open.wrappingAdd(1, ordering: .relaxed)
        if newValue > limit {
            open.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    /// Returns a slot taken by `tryAcquire`.
    func release() {
        open.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Connections currently counted.
    var current: Int { open.load(ordering: .relaxed) }
}
