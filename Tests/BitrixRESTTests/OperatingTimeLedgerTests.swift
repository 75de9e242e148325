import BitrixREST
import Testing

@Suite struct OperatingTimeLedgerTests {
    @Test func fastCallsAreNotRecorded() {
        let ledger = OperatingTimeLedger()
        let reading = ledger.record(caller: "a", method: "m", seconds: 0.05, callStart: 1000.5, at: 1000.55)
        #expect(reading == .init(operating: 0, resetAt: 1600))
    }

    @Test func slowCallsAccumulatePerCallerAndMethodAndExpireAfterTenMinutes() {
        let ledger = OperatingTimeLedger()
        _ = ledger.record(caller: "a", method: "m", seconds: 2, callStart: 6000, at: 6002)
        let second = ledger.record(caller: "a", method: "m", seconds: 3, callStart: 6100, at: 6103)
        #expect(second.operating == 5)
        // The oldest bucket began with the first call: it expires 600 s after it.
        #expect(second.resetAt == 6600)
        #expect(ledger.record(caller: "b", method: "m", seconds: 0, callStart: 6100, at: 6100).operating == 0)
        #expect(ledger.record(caller: "a", method: "other", seconds: 0, callStart: 6100, at: 6100).operating == 0)
        // Ten minutes on, the first bucket has gone; the second is still counted.
        let later = ledger.record(caller: "a", method: "m", seconds: 0, callStart: 6650, at: 6650)
        #expect(later.operating == 3)
        #expect(later.resetAt == 6700)
    }

    @Test func aCallerOverTheLimitIsBlockedUntilItsBucketsExpire() {
        let ledger = OperatingTimeLedger(limitSeconds: 10)
        _ = ledger.record(caller: "a", method: "m", seconds: 11, callStart: 6000, at: 6011)
        #expect(ledger.isBlocked(caller: "a", method: "m", at: 6012))
        #expect(!ledger.isBlocked(caller: "a", method: "other", at: 6012))
        #expect(!ledger.isBlocked(caller: "a", method: "m", at: 6700))
    }
}
