import CRMStore
import SQLite
import Testing

@Suite struct HistoryStoreTests {
    /// Every column of both history tables, ids included.
    static func rows(_ store: CRMStore) throws -> [[SQLiteValue]] {
        try store.withDatabase { database in
            try database.prepare("SELECT * FROM b_crm_event ORDER BY ID").rows().map(\.values)
                + database.prepare("SELECT * FROM b_crm_event_relations ORDER BY ID").rows().map(\.values)
        }
    }

    @Test func recordingManyAtOnceWritesWhatRecordingOneByOneWrites() throws {
        let entries: [(event: HistoryEvent, id: Int64, userID: Int64)] = [
            (HistoryEvent(kind: .deleted, entityTitle: #"Quotes "and" \ slashes / — ünïcode"#), 123, 1),
            (
                HistoryEvent(
                    kind: .fieldChanged(field: "TITLE", title: "Title"), entityTitle: "x", textBefore: "old",
                    textAfter: "new"), 124, 3
            ),
            (HistoryEvent(kind: .message(name: "Note"), entityTitle: ""), 125, 2),
        ]
        let together = try StoreFixture.makeStore()
        let oneByOne = try StoreFixture.makeStore()
        try together.write { session in try session.history.record(entries, for: .lead) }
        try oneByOne.write { session in
            for entry in entries {
                try session.history.record(entry.event, for: .lead, id: entry.id, by: entry.userID)
            }
        }
        let rows = try Self.rows(together)
        #expect(rows == (try Self.rows(oneByOne)))
        #expect(rows.contains { $0.contains(.text(#"Quotes "and" \ slashes / — ünïcode"#)) })
        #expect(rows.contains { $0.contains(.text("Field \"Title\" changed")) && $0.contains(.text("new")) })
    }

    @Test func recordingNothingWritesNothing() throws {
        let store = try StoreFixture.makeStore()
        let before = try Self.rows(store)
        try store.write { session in try session.history.record([], for: .lead) }
        #expect(try Self.rows(store) == before)
    }
}
