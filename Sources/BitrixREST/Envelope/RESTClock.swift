#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the REST layer reads the time: the `time` block of every answer and the operating-time ledger.
///
/// Tests inject a clock they move by hand, so bucket expiry and `operating_reset_at` are checked without sleeping.
public protocol RESTClock: Sendable {
    /// Unix time in seconds with a fraction, like PHP's `microtime(true)`.
    func now() -> Double
}

/// The system's real-time clock, rounded to microseconds as `microtime(true)` is.
public struct SystemClock: RESTClock {
    public init() {}

    public func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000) / 1_000_000
    }
}
