import CRMStore
import Dispatch
import Synchronization
import Testing

@Suite struct ConcurrencyTests {
    @Test func concurrentDeletesOfOneLeadDeleteItExactlyOnce() throws {
        let store = try StoreFixture.makeStore()
        let admin = try StoreFixture.actor(store, 1)
        let outcomes = Mutex<[LeadDeletion]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let outcome = (try? store.write { try $0.leads.delete(id: 123, by: admin) }) ?? .accessDenied
            outcomes.withLock { $0.append(outcome) }
        }
        let all = outcomes.withLock { $0 }
        #expect(all.count == 16)
        #expect(all.filter { if case .deleted = $0 { true } else { false } }.count == 1)
        #expect(all.filter { $0 == .notFound }.count == 15)
    }
}
