import CRMStore
import JSON
import SQLite

/// A small portal for store tests: an admin, a read-only rep, an own-leads rep, a department head, and lead 123 with
/// one of everything, plus a timeline entry and an activity it shares with contact 1.
enum StoreFixture {
    static let json = """
        {
          "users": [
            {"ID": 1, "NAME": "Admin", "IS_ADMIN": true, "DEPARTMENT_ID": 1},
            {"ID": 2, "NAME": "Reader", "DEPARTMENT_ID": 2},
            {"ID": 3, "NAME": "Owner", "DEPARTMENT_ID": 2},
            {"ID": 4, "NAME": "Head", "DEPARTMENT_ID": 2}
          ],
          "roles": [
            {"ID": 1, "NAME": "read all", "PERMISSIONS": {"LEAD": {"READ": "ALL", "DELETE": "NONE"}}, "USER_IDS": [2]},
            {"ID": 2, "NAME": "own", "PERMISSIONS": {"LEAD": {"READ": "OWN", "DELETE": "OWN"}}, "USER_IDS": [3]},
            {"ID": 3, "NAME": "department", "PERMISSIONS": {"LEAD": {"DELETE": "DEPARTMENT"}}, "USER_IDS": [4]}
          ],
          "webhooks": [
            {"USER_ID": 1, "TOKEN": "mocktokenadmin01", "SCOPE": ["crm"]},
            {"USER_ID": 2, "TOKEN": "mocktokenreader2"}
          ],
          "contacts": [{"ID": 1, "NAME": "Maria", "LEAD_ID": 123, "PHONE": [{"VALUE": "+1 555 0100"}]}],
          "companies": [{"ID": 1, "TITLE": "Northwind", "LEAD_ID": 123}],
          "deals": [{"ID": 1, "TITLE": "Deal", "LEAD_ID": 123}],
          "leads": [
            {
              "ID": 123, "TITLE": "Northwind", "STATUS_ID": "IN_PROCESS", "ASSIGNED_BY_ID": 1,
              "DATE_CREATE": "2026-11-02T09:15:00+03:00", "UF_CRM_BUDGET": 1500,
              "PHONE": [{"VALUE": "+1 555 0100", "VALUE_TYPE": "WORK"}],
              "EMAIL": [{"VALUE": "maria@example.com"}],
              "CONTACT_IDS": [1], "OBSERVER_IDS": [2],
              "STATUS_HISTORY": [{"STATUS_ID": "NEW"}, {"STATUS_ID": "IN_PROCESS"}],
              "PRODUCT_ROWS": [{"PRODUCT_NAME": "Workstation", "PRICE": 1100, "QUANTITY": 40}],
              "TIMELINE": [
                {"COMMENT": "only on the lead"},
                {"COMMENT": "shared with the contact", "BINDINGS": [{"ENTITY_TYPE_ID": 3, "ENTITY_ID": 1}]}
              ],
              "ACTIVITIES": [
                {"SUBJECT": "only on the lead", "COMMUNICATIONS": [{"TYPE": "PHONE", "VALUE": "+1 555 0100"}]},
                {"SUBJECT": "shared with the contact", "COMMUNICATIONS": [{"TYPE": "EMAIL", "VALUE": "m@example.com"}],
                 "BINDINGS": [{"ENTITY_TYPE_ID": 3, "ENTITY_ID": 1}]}
              ]
            },
            {"ID": 124, "TITLE": "Owner's lead", "ASSIGNED_BY_ID": 3, "PHONE": [{"VALUE": "+1 555 0124"}]},
            {"ID": 125, "TITLE": "Reader's lead", "ASSIGNED_BY_ID": 2},
            {
              "ID": 126, "TITLE": "Converted", "STATUS_ID": "CONVERTED", "CONTACT_IDS": [1],
              "ACTIVITIES": [{"SUBJECT": "follow-up call", "COMMUNICATIONS": [{"TYPE": "PHONE", "VALUE": "+1"}]}]
            }
          ]
        }
        """

    static let fixedNow = CRMDateTime(secondsSince1970: 1_790_000_000)

    /// A new in-memory store holding the fixture.
    static func makeStore(json: String = json) throws -> CRMStore {
        let store = try CRMStore(location: .inMemory, clock: { fixedNow })
        let document = try FixtureDecoder.Document(source: "test", bytes: Array(json.utf8))
        let set = try FixtureDecoder(portalUTCOffsetSeconds: 3 * 3600).decode([document])
        _ = try store.write { try $0.fixtures.load(set) }
        return store
    }

    /// The number of rows a query counts.
    static func count(_ store: CRMStore, _ sql: String) throws -> Int64 {
        try store.withDatabase { database in
            try database.prepare(sql).firstRow()?[0] ?? .null
        }.integer ?? -1
    }

    static func actor(_ store: CRMStore, _ userID: Int64) throws -> CRMActor {
        guard let actor = try store.read({ try $0.users.actor(userID: userID) }) else {
            throw SQLiteError(extendedResultCode: 1, message: "no user \(userID)")
        }
        return actor
    }
}

extension SQLiteValue {
    var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}
