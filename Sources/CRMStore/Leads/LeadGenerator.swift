import SQLite

/// Fills the store with synthetic leads 1...N for load tests (`--generate-leads N`): each with a phone, an e-mail,
/// a "created" history event, a status-history row and a timeline creation entry, as a lead added through the portal
/// would have, so that a delete has its full cascade to do.
///
/// Rows are made inside SQLite by `INSERT ... SELECT` over a counting CTE, a chunk at a time, so a million leads take
/// seconds rather than millions of bind-and-step round trips; the caller runs it inside one transaction.
public struct LeadGenerator {
    let database: Database
    let now: CRMDateTime

    /// Leads written per statement, and per progress report.
    public static let chunkSize = 100_000

    /// Writes leads 1...count, responsible users taken in turn from `userIDs`.
    /// - Parameter progress: called after each chunk with the number of leads written so far.
    public func generate(count: Int, userIDs: [Int64], progress: (Int) -> Void = { _ in }) throws {
        guard count > 0 else { return }
        let users = userIDs.isEmpty ? [1] : userIDs
        let userCase =
            "CASE n % \(users.count) "
            + users.enumerated().map { "WHEN \($0.offset) THEN \($0.element)" }.joined(separator: " ") + " END"
        // One creation time for all: a per-row datetime() would cost more than the rest of the lead row.
        let created = "'\(now.sqlText)'"
        // The lead insert counts through a CTE over ?1...?2; the dependent rows range-scan the leads just written.
        let leads = "FROM b_crm_lead WHERE ID BETWEEN ?1 AND ?2"
        let statements = [
            """
            WITH RECURSIVE seq(n) AS (SELECT ?1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?2)
            INSERT INTO b_crm_lead (ID, TITLE, NAME, LAST_NAME, STATUS_ID, STATUS_SEMANTIC_ID, SOURCE_ID, OPPORTUNITY,
                CURRENCY_ID, IS_MANUAL_OPPORTUNITY, OPENED, ASSIGNED_BY_ID, CREATED_BY_ID, MODIFY_BY_ID, MOVED_BY_ID,
                DATE_CREATE, DATE_MODIFY, MOVED_TIME, IS_RETURN_CUSTOMER, LAST_ACTIVITY_BY, LAST_ACTIVITY_TIME)
            SELECT n, 'Generated lead #' || n, 'Name' || n, 'Generated',
                CASE n % 3 WHEN 0 THEN 'NEW' WHEN 1 THEN 'IN_PROCESS' ELSE 'PROCESSED' END, 'P',
                CASE n % 4 WHEN 0 THEN 'CALL' WHEN 1 THEN 'WEB' WHEN 2 THEN 'EMAIL' ELSE 'ADVERTISING' END,
                (n % 1000) * 10.0, 'USD', 'N', 'Y', \(userCase), 1, 1, 1, \(created), \(created), \(created), 'N',
                1, \(created)
            FROM seq
            """,
            """
            INSERT INTO b_crm_field_multi (ENTITY_ID, ELEMENT_ID, TYPE_ID, VALUE_TYPE, COMPLEX_ID, VALUE)
            SELECT 'LEAD', ID, 'PHONE', 'WORK', 'PHONE_WORK', '+1 555 ' || ID \(leads)
            """,
            """
            INSERT INTO b_crm_field_multi (ENTITY_ID, ELEMENT_ID, TYPE_ID, VALUE_TYPE, COMPLEX_ID, VALUE)
            SELECT 'LEAD', ID, 'EMAIL', 'WORK', 'EMAIL_WORK', 'lead' || ID || '@example.com' \(leads)
            """,
            """
            INSERT INTO b_crm_event (ID, DATE_CREATE, CREATED_BY_ID, EVENT_ID, EVENT_NAME, EVENT_TYPE, EVENT_TEXT_1)
            SELECT ID, \(created), 1, 'INFO', 'Created', 1, TITLE \(leads)
            """,
            """
            INSERT INTO b_crm_event_relations (ID, ASSIGNED_BY_ID, ENTITY_TYPE, ENTITY_ID, EVENT_ID)
            SELECT ID, 1, 'LEAD', ID, ID \(leads)
            """,
            """
            INSERT INTO b_crm_lead_status_history (ID, TYPE_ID, OWNER_ID, CREATED_TIME, RESPONSIBLE_ID, STATUS_ID,
                STATUS_SEMANTIC_ID, IS_IN_WORK, IS_JUNK)
            SELECT ID, 1, ID, \(created), ASSIGNED_BY_ID, STATUS_ID, 'P', 'N', 'N' \(leads)
            """,
            """
            INSERT INTO b_crm_timeline (ID, TYPE_ID, CREATED, AUTHOR_ID, ASSOCIATED_ENTITY_TYPE_ID, ASSOCIATED_ENTITY_ID)
            SELECT ID, 2, \(created), 1, 1, ID \(leads)
            """,
            """
            INSERT INTO b_crm_timeline_bind (ID, OWNER_ID, ENTITY_TYPE_ID, ENTITY_ID) SELECT ID, ID, 1, ID \(leads)
            """,
        ]
        let prepared = try statements.map { try database.prepare($0) }
        var first = 1
        while first <= count {
            let last = min(first + Self.chunkSize - 1, count)
            for statement in prepared {
                try statement.run(.integer(Int64(first)), .integer(Int64(last)))
            }
            progress(last)
            first = last + 1
        }
    }
}
