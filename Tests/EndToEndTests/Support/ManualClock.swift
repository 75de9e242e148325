import BitrixREST
import Synchronization

/// A clock tests move by hand, so token expiry and operating-time buckets are checked without sleeping.
final class ManualClock: RESTClock {
    private let seconds: Mutex<Double>

    init(_ start: Double = 1_796_400_000) {
        seconds = Mutex(start)
    }

    func now() -> Double {
        seconds.withLock { $0 }
    }

    func advance(by interval: Double) {
        seconds.withLock { $0 += interval }
    }
}
