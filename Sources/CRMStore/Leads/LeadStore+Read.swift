import JSON
import SQLite

extension LeadStore {
    /// The size of a `crm.lead.list` page (`IRestService::LIST_LIMIT`).
    public static let pageSize = 50

    /// What `list` asks for besides the filter.
    public struct ListRequest: Sendable {
        public var conditions: [LeadCondition] = []
        public var order: [LeadOrder] = []
        /// The client's `start`: floored to a page; negative means "first page, do not count".
        public var start: Int = 0
        /// User fields to read.
        public var userFields: Set<String> = []
        /// Multi-field kinds to read.
        public var multiFieldTypes: Set<String> = []
        /// Standard columns to read, by name; `nil` reads them all. The others come back `NULL`: a list selecting two
        /// fields should not pay for sixty.
        public var columns: Set<String>?

        public init() {}
    }

    /// One page of leads.
    public struct Page: Sendable, Equatable {
        public var records: [LeadRecord]
        /// All matching leads the actor may read; `nil` when counting was skipped (`start` < 0).
        public var total: Int?
        /// The `start` of the next page, when there is one.
        public var next: Int?
    }

    /// Reads one lead, after the portal's checks: permission first, then existence.
    public func get(id: Int64, by actor: CRMActor) throws -> LeadLookup {
        try get([LeadRequest(id: id, actor: actor)])[0]
    }

    /// Reads several leads for several callers, each with the outcome ``get(id:by:)`` would give it, reading each
    /// distinct lead once and a page of them per query: many clients asking for the same hot lead cost one read.
    public func get(_ requests: [LeadRequest]) throws -> [LeadLookup] {
        var attributes: [Int64: CRMPermissionCheck.ItemAttributes?] = [:]
        var wanted: [Int64] = []
        var isWanted = Set<Int64>()
        var allowed: [Bool] = []
        allowed.reserveCapacity(requests.count)
        for request in requests {
            if attributes[request.id] == nil {
                attributes[request.id] = .some(try permissionAttributes(of: request.id))
            }
            let item = attributes[request.id] ?? nil
            let allows = CRMPermissionCheck(actor: request.actor).allows(.read, on: .lead, item: item)
            allowed.append(allows)
            if allows, item != nil, isWanted.insert(request.id).inserted { wanted.append(request.id) }
        }
        var found: [Int64: LeadRecord] = [:]
        var start = 0
        while start < wanted.count {
            let page = Array(wanted[start..<min(start + Self.pageSize, wanted.count)])
            for record in try records(ids: page, userFields: nil, multiFieldTypes: nil) {
                found[record.id] = record
            }
            start += Self.pageSize
        }
        return zip(requests, allowed).map { request, allows in
            guard allows else { return .accessDenied }
            return found[request.id].map(LeadLookup.found) ?? .notFound
        }
    }

    /// One page of the leads matching a filter that the actor may read; `nil` when the actor may read none at all.
    public func list(_ request: ListRequest, by actor: CRMActor) throws -> Page? {
        let level = actor.level(for: .read, on: .lead)
        guard level != .none else { return nil }
        var query = SQLBuilder()
        query.append("FROM b_crm_lead l WHERE 1 = 1")
        appendReadScope(level, actor: actor, to: &query)
        for condition in request.conditions {
            try append(condition, to: &query)
        }
        var total: Int?
        var offset = 0
        if request.start >= 0 {
            let count = try database.recentStatement("SELECT COUNT(*) " + query.sql).firstRow(bindings: query.bindings)
            let matching = Int(count?[0].integerValue ?? 0)
            total = matching
            offset = (request.start / Self.pageSize) * Self.pageSize
            // CDBResult falls back to the first page when asked for one past the last.
            if offset >= matching { offset = 0 }
        }
        var select = query
        select.append("ORDER BY")
        select.append(orderClause(request.order))
        select.append("LIMIT \(Self.pageSize) OFFSET \(offset)")
        let ids = try database.recentStatement("SELECT l.ID " + select.sql).integers(bindings: select.bindings)
        let records = try records(
            ids: ids, userFields: request.userFields, multiFieldTypes: request.multiFieldTypes, columns: request.columns
        )
        let next = total.flatMap { offset + Self.pageSize < $0 ? offset + Self.pageSize : nil }
        return Page(records: records, total: total, next: next)
    }

    /// A subquery listing the ids of the leads the actor may read, for methods that list what hangs off leads
    /// (stage history); `nil` when the actor may read every lead.
    public func readableLeadsSQL(for actor: CRMActor) -> (sql: String, bindings: [SQLiteValue])? {
        let level = actor.level(for: .read, on: .lead)
        guard level != .all else { return nil }
        guard level != .none else { return ("SELECT NULL WHERE 0", []) }
        var query = SQLBuilder()
        query.append("SELECT l.ID FROM b_crm_lead l WHERE 1 = 1")
        appendReadScope(level, actor: actor, to: &query)
        return (query.sql, query.bindings)
    }

    /// Every column of a lead, as the select list of `records`: built once, not per call.
    private static let selectedColumns = LeadField.columns.map { "l." + $0.name }.joined(separator: ", ")

    /// Records of the given leads, in the given order; `userFields`, `multiFieldTypes` and `columns` limit what is
    /// read (`nil`: everything).
    func records(ids: [Int64], userFields: Set<String>?, multiFieldTypes: Set<String>?, columns: Set<String>? = nil)
        throws -> [LeadRecord]
    {
        guard !ids.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let list =
            columns.map { columns in
                LeadField.columns.map { columns.contains($0.name) || $0.name == "ID" ? "l." + $0.name : "NULL" }
                    .joined(separator: ", ")
            } ?? Self.selectedColumns
        let sql = "SELECT \(list) FROM b_crm_lead l WHERE l.ID IN (\(placeholders))"
        // All columns: cached by text, since the SQL then depends only on how many ids there are (at most a page).
        // A client's selection: kept among the recently used shapes, so endless selections cannot grow memory.
        let statement = try columns == nil ? database.cachedStatement(sql) : database.recentStatement(sql)
        let rows = try statement.rows(bindings: ids.map(SQLiteValue.integer))
        let idIndex = LeadField.columnIndex["ID"] ?? 0
        var byID: [Int64: [SQLiteValue]] = [:]
        for row in rows {
            let values = row.values
            if let id = values[idIndex].integerValue { byID[id] = values }
        }
        let types = multiFieldTypes ?? Set(EntityColumns.multiFieldTypes)
        let multiFields = try MultiFieldStore(database: database).values(of: .lead, ids: ids, types: types)
        let allUserValues = userFields == [] ? [:] : try UserFieldStore(database: database).values(ofLeads: ids)
        return ids.compactMap { id in
            guard let columns = byID[id] else { return nil }
            var values = allUserValues[id] ?? [:]
            if let wanted = userFields {
                values = values.filter { wanted.contains($0.key) }
            }
            return LeadRecord(id: id, values: columns, userFields: values, multiFields: multiFields[id] ?? [])
        }
    }

    // MARK: - SQL

    /// What the actor may read, as a condition (the portal's `BuildPermSql`); observers may read what they observe.
    private func appendReadScope(_ level: PermissionLevel, actor: CRMActor, to query: inout SQLBuilder) {
        let me = SQLiteValue.integer(actor.userID)
        let observer =
            "EXISTS (SELECT 1 FROM b_crm_observer o WHERE o.ENTITY_TYPE_ID = 1 AND o.ENTITY_ID = l.ID AND o.USER_ID = ?)"
        switch level {
        case .all, .none:
            return
        case .own:
            query.append("AND (l.ASSIGNED_BY_ID = ? OR \(observer))", me, me)
        case .department:
            query.append(
                """
                AND (l.ASSIGNED_BY_ID = ? OR l.ASSIGNED_BY_ID IN (SELECT ID FROM b_user WHERE DEPARTMENT_ID = ?)
                OR \(observer))
                """, me, SQLiteValue(actor.departmentID ?? -1), me)
        case .open:
            query.append("AND (l.ASSIGNED_BY_ID = ? OR l.OPENED = 'Y' OR \(observer))", me, me)
        }
    }

    /// The SQL expression of a filterable field and how its values compare.
    private func expression(of field: String) -> (sql: String, storage: FieldStorage)? {
        if field.hasPrefix("HAS_") {
            let kind: String
            switch field {
            case "HAS_PHONE": kind = "TYPE_ID = 'PHONE' AND VALUE <> ''"
            case "HAS_EMAIL": kind = "TYPE_ID = 'EMAIL' AND VALUE <> ''"
            case "HAS_IMOL": kind = "TYPE_ID = 'IM' AND VALUE LIKE 'imol|%'"
            default: return nil
            }
            return (
                "(CASE WHEN EXISTS (SELECT 1 FROM b_crm_field_multi m WHERE m.ENTITY_ID = 'LEAD' AND m.ELEMENT_ID = l.ID AND \(kind)) THEN 'Y' ELSE 'N' END)",
                .flag
            )
        }
        if field.hasPrefix("UF_CRM_") {
            // The name is inlined: only upper-case letters, digits and underscores can reach here.
            guard field.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (48...57).contains($0) || (65...90).contains($0) })
            else { return nil }
            return (
                "CAST((SELECT json_extract(u.VALUE, '$') FROM b_uts_crm_lead u WHERE u.VALUE_ID = l.ID AND u.FIELD_NAME = '\(field)') AS TEXT)",
                .text
            )
        }
        guard let known = LeadField.named(field), known.isColumn else { return nil }
        return ("l." + known.name, known.storage)
    }

    private func append(_ condition: LeadCondition, to query: inout SQLBuilder) throws {
        if condition.comparison == .multiFieldPrefix {
            guard let prefix = condition.values.first?.textValue else { return }
            query.append(
                """
                AND EXISTS (SELECT 1 FROM b_crm_field_multi m WHERE m.ENTITY_ID = 'LEAD' AND m.ELEMENT_ID = l.ID
                AND m.TYPE_ID = ? AND m.VALUE LIKE ? ESCAPE '\\')
                """, .text(condition.field), .text(Self.likeEscaped(prefix) + "%"))
            return
        }
        guard let (column, storage) = expression(of: condition.field), !condition.values.isEmpty else { return }
        let isText = storage == .text || storage == .flag
        let collate = isText ? " COLLATE NOCASE" : ""
        let empty =
            isText || storage == .dateTime || storage == .date
            ? "(\(column) IS NULL OR \(column) = '')" : "(\(column) IS NULL OR \(column) = 0)"
        var parts: [(String, [SQLiteValue])] = []
        switch condition.comparison {
        case .equal:
            for value in condition.values {
                if value == .null || (!isText && value.doubleValue == 0) {
                    parts.append((condition.isNegated ? "NOT \(empty)" : empty, []))
                } else if condition.isNegated {
                    parts.append(("(\(column) IS NULL OR \(column) <> ?\(collate))", [value]))
                } else {
                    parts.append(("\(column) = ?\(collate)", [value]))
                }
            }
            query.append(
                "AND (" + parts.map(\.0).joined(separator: condition.isNegated ? " AND " : " OR ") + ")",
                bindings: parts.flatMap(\.1))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let symbol =
                [.less: "<", .lessOrEqual: "<=", .greater: ">", .greaterOrEqual: ">="][condition.comparison] ?? "="
            for value in condition.values {
                if value == .null {
                    parts.append(("\(column) IS NULL", []))
                } else if !isText, value.doubleValue == 0, symbol.hasSuffix("=") {
                    // The portal reads a zero with `>=` or `<=` on a number as "empty or that comparison".
                    parts.append(("(\(column) IS NULL OR \(column) \(symbol) 0)", []))
                } else {
                    parts.append(("\(column) \(symbol) ?\(collate)", [value]))
                }
            }
            let joined = "(" + parts.map(\.0).joined(separator: " OR ") + ")"
            query.append("AND " + (condition.isNegated ? "NOT " + joined : joined), bindings: parts.flatMap(\.1))
        case .contains, .pattern:
            for value in condition.values {
                guard let text = value.textValue, !text.isEmpty else {
                    parts.append((condition.isNegated ? "NOT \(empty)" : empty, []))
                    continue
                }
                if !isText {
                    // LIKE on a number or a dictionary id is an exact match on the portal.
                    parts.append(
                        (condition.isNegated ? "(\(column) IS NULL OR \(column) <> ?)" : "\(column) = ?", [value]))
                    continue
                }
                let pattern = condition.comparison == .contains ? "%" + Self.likeEscaped(text) + "%" : text
                let like = "\(column) LIKE ? ESCAPE '\\'"
                parts.append((condition.isNegated ? "(\(column) IS NULL OR NOT \(like))" : like, [.text(pattern)]))
            }
            query.append(
                "AND (" + parts.map(\.0).joined(separator: condition.isNegated ? " AND " : " OR ") + ")",
                bindings: parts.flatMap(\.1))
        case .oneOf:
            let values = condition.values.filter { $0 != .null }
            guard !values.isEmpty else { return }
            let list = Array(repeating: "?\(collate)", count: values.count).joined(separator: ", ")
            query.append("AND \(condition.isNegated ? "NOT " : "")(\(column) IN (\(list)))", bindings: values)
        case .multiFieldPrefix:
            return
        }
    }

    private func orderClause(_ order: [LeadOrder]) -> String {
        var keys: [String] = []
        for key in order {
            let direction = key.ascending ? "ASC" : "DESC"
            if key.field == "STATUS_ID" {
                keys.append(
                    "(SELECT s.SORT FROM b_crm_status s WHERE s.ENTITY_ID = 'STATUS' AND s.STATUS_ID = l.STATUS_ID) \(direction)"
                )
            } else if let (column, _) = expression(of: key.field) {
                keys.append("\(column) \(direction)")
            }
        }
        if !order.contains(where: { $0.field == "ID" }) {
            keys.append("l.ID ASC")
        }
        return keys.joined(separator: ", ")
    }

    /// Escapes LIKE's wildcards so a substring filter matches them literally.
    static func likeEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}

/// What reading one lead found.
public enum LeadLookup: Sendable, Equatable {
    case found(LeadRecord)
    case accessDenied
    case notFound
}

/// SQL text with its bindings, built piece by piece so the two never drift apart.
struct SQLBuilder {
    private(set) var sql = ""
    private(set) var bindings: [SQLiteValue] = []

    mutating func append(_ fragment: String, _ values: SQLiteValue...) {
        append(fragment, bindings: values)
    }

    mutating func append(_ fragment: String, bindings values: [SQLiteValue]) {
        if !sql.isEmpty { sql += " " }
        sql += fragment
        bindings += values
    }
}
