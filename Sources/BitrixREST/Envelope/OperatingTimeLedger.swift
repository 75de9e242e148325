import Synchronization

/// Accounts method time per caller and method, as the portal's `LoadLimiter` does, for `time.operating`,
/// `time.operating_reset_at` and the `OPERATION_TIME_LIMIT` block.
///
/// Time is kept in ten one-minute buckets per (caller, method); a call shorter than 0.1 s is not recorded at all, so
/// for a fast mock `operating` is normally 0, exactly as a portal reports for fast methods.
public final class OperatingTimeLedger: Sendable {
    public static let bucketSeconds: Int64 = 60
    public static let bucketCount: Int64 = 10
    public static let minimalRecordedSeconds = 0.1

    /// Seconds of method time per 10 minutes after which a method is blocked (the portal's documented 480 s).
    public let limitSeconds: Double

    private struct Bucket {
        var seconds: Double
        var firstCall: Double
    }

    private struct Key: Hashable {
        var caller: String
        var method: String
    }

    private let buckets = Mutex<[Key: [Int64: Bucket]]>([:])

    public init(limitSeconds: Double = 480) {
        self.limitSeconds = limitSeconds
    }

    /// What the `time` block reports after a call.
    public struct Reading: Sendable, Equatable {
        public var operating: Double
        public var resetAt: Int64

        public init(operating: Double, resetAt: Int64) {
            self.operating = operating
            self.resetAt = resetAt
        }
    }

    /// Whether the caller has used more than the limit on this method in the last ten minutes.
    public func isBlocked(caller: String, method: String, at now: Double) -> Bool {
        reading(caller: caller, method: method, at: now, callStart: now).operating > limitSeconds
    }

    /// Records a finished call's method time and returns the ledger's state for the `time` block.
    public func record(caller: String, method: String, seconds: Double, callStart: Double, at now: Double) -> Reading {
        let key = Key(caller: caller, method: method)
        if seconds >= Self.minimalRecordedSeconds {
            let bucketNumber = Int64(now) / Self.bucketSeconds
            buckets.withLock { all in
                var forKey = all[key, default: [:]]
                forKey = forKey.filter { $0.key > bucketNumber - Self.bucketCount }
                forKey[bucketNumber, default: Bucket(seconds: 0, firstCall: callStart)].seconds += seconds
                all[key] = forKey
            }
        }
        return reading(caller: caller, method: method, at: now, callStart: callStart)
    }

    /// Forgets everything (a reset between tests).
    public func reset() {
        buckets.withLock { $0.removeAll() }
    }

    private func reading(caller: String, method: String, at now: Double, callStart: Double) -> Reading {
        let key = Key(caller: caller, method: method)
        let current = Int64(now) / Self.bucketSeconds
        let live = buckets.withLock { all in
            (all[key] ?? [:]).filter { $0.key > current - Self.bucketCount }
        }
        let operating = live.values.reduce(0) { $0 + $1.seconds }
        let oldest = live.min { $0.key < $1.key }?.value.firstCall ?? callStart
        return Reading(operating: operating, resetAt: Int64(oldest) + Self.bucketSeconds * Self.bucketCount)
    }
}
