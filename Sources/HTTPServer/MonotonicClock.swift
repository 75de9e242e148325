import CLinux

/// Monotonic time as plain nanoseconds, the unit of every deadline in the event loops.
///
/// Deadlines are compared on every loop iteration; `Int64` arithmetic keeps that cheap and allocation-free.
enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point (CLOCK_MONOTONIC).
    @inline(__always)
    static func now() -> Int64 {
        clinux_monotonic_nanoseconds()
    }

    /// A deadline value that is never reached.
    static let never = Int64.max

    /// Converts a configured duration to nanoseconds: zero or negative gives `nil` (feature off), and huge
    /// values are capped at about 70 years so that `now + value` cannot overflow.
    static func nanoseconds(_ duration: Duration) -> Int64? {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return nil }
        let cap: Int64 = 1 << 61
        if seconds >= cap / 1_000_000_000 { return cap }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
