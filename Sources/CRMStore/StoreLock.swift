#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lock around the store's one SQLite connection.
///
/// A pthread mutex of the adaptive kind (it spins briefly before sleeping) rather than `Synchronization.Mutex`, whose
/// Linux implementation is a priority-inheritance futex that enters the kernel on every contended acquisition: with
/// two event loops taking the store lock several times per request, that kernel round trip dominated the profile.
final class StoreLock<Value>: @unchecked Sendable {
    // `mutex` serializes every access to `value`; nothing else reads or writes it.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        #if os(Linux)
            pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_ADAPTIVE_NP))
        #endif
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<T>(_ body: (Value) throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(value)
    }
}
