import CRMStore
import JSON
import SQLite

/// `crm.stagehistory.list` for leads (`entityTypeId` 1): the status-history rows, under `result.items`, with ids as
/// integers, silently limited to leads the caller may read.
public enum CRMStageHistoryMethods {
    public static let all: [RESTMethod] = [list]

    static let pageSize = 50
    static let allowed = ["ID", "TYPE_ID", "OWNER_ID", "CREATED_TIME", "STATUS_SEMANTIC_ID", "STATUS_ID"]

    static let list = RESTMethod("crm.stagehistory.list", scope: "crm") { call throws(RESTError) in
        guard let typeValue = call.parameters["entityTypeId"] else { throw .missingArgument("entityTypeId") }
        let typeID = PHPCast.int(typeValue)
        guard typeID == CRMEntityType.lead.rawValue else {
            let name = CRMEntityType(rawValue: typeID)?.legacyName ?? String(typeID)
            throw RESTError(code: "ENTITY_TYPE_NOT_SUPPORTED", message: "Entity type `\(name)` is not supported")
        }
        var whereSQL = "1 = 1"
        var bindings: [SQLiteValue] = []
        let offset = call.timeZone.utcOffsetSeconds(at: call.now.secondsSince1970)
        if case .object(let filter)? = call.parameters["filter"] {
            for (key, value) in filter {
                let (field, symbol) = split(key)
                guard allowed.contains(field) else {
                    throw RESTError(
                        code: "INVALID_ARG_VALUE", message: "Invalid filter: field '\(field)' is not allowed in filter")
                }
                var values: [JSONValue] = [value]
                if case .array(let items) = value { values = items }
                let converted: [SQLiteValue] = try values.map { item throws(RESTError) in
                    switch field {
                    case "CREATED_TIME":
                        guard let text = item.scalarText,
                            let date = CRMDateTime(clientText: text, portalUTCOffsetSeconds: offset)
                        else {
                            throw RESTError(
                                code: "INVALID_ARG_VALUE", message: "Invalid filter: field '\(field)' has invalid value"
                            )
                        }
                        return .text(date.sqlText)
                    case "STATUS_ID", "STATUS_SEMANTIC_ID": return .text(item.scalarText ?? "")
                    default: return .integer(PHPCast.int(item))
                    }
                }
                guard !converted.isEmpty else { continue }
                if symbol == "IN" || converted.count > 1 {
                    let list = Array(repeating: "?", count: converted.count).joined(separator: ", ")
                    whereSQL += " AND \(symbol == "!=" ? "NOT " : "")(h.\(field) IN (\(list)))"
                } else {
                    whereSQL += " AND h.\(field) \(symbol) ?"
                }
                bindings += converted
            }
        }
        var orderKeys: [String] = []
        if case .object(let order)? = call.parameters["order"] {
            for (key, value) in order where allowed.contains(key) {
                orderKeys.append("h.\(key) \(value.scalarText?.uppercased() == "DESC" ? "DESC" : "ASC")")
            }
        }
        orderKeys.append("h.ID ASC")
        var select = allowed
        if case .array(let names)? = call.parameters["select"] {
            let wanted = Set(names.compactMap(\.scalarText))
            let chosen = allowed.filter { wanted.contains($0) }
            if !chosen.isEmpty { select = chosen.contains("ID") ? chosen : ["ID"] + chosen }
        }
        let start = max(call.parameters.start, 0) / pageSize * pageSize
        return try call.read { session throws -> RESTResult in
            var scoped = whereSQL
            var scopedBindings = bindings
            if let readable = session.leads.readableLeadsSQL(for: call.caller.actor) {
                scoped += " AND h.OWNER_ID IN (\(readable.sql))"
                scopedBindings += readable.bindings
            }
            let (entries, total) = try session.statusHistory.entries(
                whereSQL: scoped, bindings: scopedBindings, order: orderKeys.joined(separator: ", "), offset: start,
                limit: pageSize)
            let items: [JSONValue] = entries.map { entry in
                let all: [String: JSONValue] = [
                    "ID": .int(entry.id), "TYPE_ID": .int(entry.typeID), "OWNER_ID": .int(entry.ownerID),
                    "CREATED_TIME": .string(call.timeZone.iso8601(entry.createdTime)),
                    "STATUS_SEMANTIC_ID": .string(entry.statusSemanticID), "STATUS_ID": .string(entry.statusID),
                ]
                var object = JSONObject()
                for name in select { object[name] = all[name] ?? .null }
                return .object(object)
            }
            return RESTResult(
                ["items": .array(items)], next: start + pageSize < total ? start + pageSize : nil, total: total)
        }
    }

    /// A filter key's field and SQL comparison (`>=CREATED_TIME` → `CREATED_TIME`, `>=`).
    static func split(_ key: String) -> (String, String) {
        for (prefix, symbol) in [
            (">=", ">="), ("<=", "<="), ("!=", "!="), (">", ">"), ("<", "<"), ("@", "IN"), ("!", "!="), ("=", "="),
        ] where key.hasPrefix(prefix) {
            return (String(key.dropFirst(prefix.count)), symbol)
        }
        return (key, "=")
    }
}
