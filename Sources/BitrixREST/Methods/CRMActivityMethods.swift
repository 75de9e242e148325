import CRMStore
import JSON
import SQLite

/// `crm.activity.*` (the legacy activity methods, `CCrmActivityRestProxy`): calls, meetings and e-mails bound to CRM
/// items, one owner and possibly several bindings (the owner plus the items of its communications).
public enum CRMActivityMethods {
    public static let all: [RESTMethod] = [add, get, list]

    static let pageSize = 50
    /// `CCrmActivityType` names, for the "not supported" message.
    static let typeNames: [Int64: String] = [
        1: "Meeting", 2: "Call", 3: "Task", 4: "Email", 5: "Action", 6: "Provider",
    ]

    /// `crm.activity.add`: the checks of `innerAdd` in their order; the new id as an integer.
    static let add = RESTMethod("crm.activity.add", scope: "crm") { call throws(RESTError) in
        let fields = try call.parameters.arrayObject("fields")
        let subject = (fields["SUBJECT"]?.scalarText ?? "").trimmingSpaces
        guard !subject.isEmpty else { throw .plain("The field SUBJECT is not defined or empty.") }
        let typeID = fields["TYPE_ID"].map(PHPCast.int) ?? 0
        guard (1...6).contains(typeID) else { throw .plain("The field TYPE_ID is not defined or invalid.") }
        if typeID == 3 || typeID == 5 {
            throw .plain("The activity type \"\(typeNames[typeID] ?? "") is not supported in current context\".")
        }
        if typeID == 6 {
            throw .plain("The custom activity without provider is not supported in current context.")
        }
        let owner = CRMTimelineCommentMethods.owner(
            type: fields["OWNER_TYPE_ID"], name: nil, id: fields["OWNER_ID"])
        let communications = try communications(fields["COMMUNICATIONS"], typeID: typeID, owner: owner)
        var bindings: [CRMEntityReference] = []
        for item in [owner].compactMap({ $0 }) + communications.compactMap(\.entity) where !bindings.contains(item) {
            bindings.append(item)
        }
        guard let mainOwner = bindings.first else {
            throw .plain(
                "Could not build binding. Please ensure that owner info and communications are defined correctly.")
        }
        let zone = call.timeZone
        let offset = zone.utcOffsetSeconds(at: call.now.secondsSince1970)
        func date(_ key: String) -> CRMDateTime? {
            fields[key]?.scalarText.flatMap { CRMDateTime(clientText: $0, portalUTCOffsetSeconds: offset) }
        }
        return try call.write { session throws -> RESTResult in
            for binding in bindings {
                guard try session.exists(binding) else {
                    throw RESTError.plain(
                        "Could not find '\(binding.entityType.legacyName)' with ID: \(binding.entityID)")
                }
                guard try session.allows(.write, on: binding, by: call.caller.actor) else {
                    throw RESTError.accessDenied
                }
            }
            var responsible = fields["RESPONSIBLE_ID"].map(PHPCast.int) ?? 0
            if responsible <= 0 {
                responsible =
                    try session.permissionAttributes(of: mainOwner)?.assignedByID ?? call.caller.userID
            }
            let id = try session.activities.add(
                ActivityStore.Draft(
                    typeID: typeID, subject: subject, description: fields["DESCRIPTION"]?.scalarText ?? "",
                    isCompleted: fields["COMPLETED"]?.scalarText?.uppercased() == "Y",
                    direction: fields["DIRECTION"].map(PHPCast.int) ?? 0,
                    priority: fields["PRIORITY"].map(PHPCast.int) ?? 2, responsibleID: responsible,
                    authorID: call.caller.userID, startTime: date("START_TIME"), endTime: date("END_TIME"),
                    deadline: date("DEADLINE") ?? date("END_TIME"), created: session.now,
                    communications: communications.map { ($0.type, $0.value) },
                    owner: (mainOwner.entityType, mainOwner.entityID),
                    otherBindings: bindings.dropFirst().map { ($0.entityType, $0.entityID) }))
            return RESTResult(.int(id))
        }
    }

    /// `crm.activity.get`: visible to its responsible user and to whoever may read one of its bound items.
    static let get = RESTMethod("crm.activity.get", scope: "crm") { call throws(RESTError) in
        let id = call.parameters.entityID
        guard id > 0 else { throw .idNotDefinedOrInvalid }
        return try call.read { session throws -> RESTResult in
            guard let row = try session.activities.activity(id: id),
                try canRead(
                    row, bindings: session.activities.bindings(of: id), session: session, actor: call.caller.actor)
            else { throw RESTError.plain("Activity is not found.") }
            return RESTResult(wire(row, zone: call.timeZone))
        }
    }

    /// `crm.activity.list`: `filter` by the activity's own columns or by `BINDINGS`, ordered by START_TIME by
    /// default, silently limited to what the caller may read; `select: ["COMMUNICATIONS"]` adds them.
    static let list = RESTMethod("crm.activity.list", scope: "crm") { call throws(RESTError) in
        let filter = try call.parameters.arrayObject("filter")
        let order = try call.parameters.arrayObject("order")
        let selectsCommunications =
            call.parameters.arrayParameter("select")?.phpArrayElements?.contains(.string("COMMUNICATIONS")) ?? false
        var query = ActivityFilter()
        for (key, value) in filter {
            query.add(key: key, value: value)
        }
        let orderSQL = ActivityFilter.orderSQL(order)
        let start = max(call.parameters.start, 0) / pageSize * pageSize
        return try call.read { session throws -> RESTResult in
            // Permission filtering happens row by row, so the page is cut after it.
            let rows = try session.activities.activities(
                whereSQL: query.sql, bindings: query.bindings, order: orderSQL, offset: 0, limit: Int.max)
            var visible: [[String: SQLiteValue]] = []
            for row in rows {
                let id = row["ID"]?.integerValue ?? 0
                if try canRead(
                    row, bindings: session.activities.bindings(of: id), session: session,
                    actor: call.caller.actor)
                {
                    visible.append(row)
                }
            }
            let page = visible.dropFirst(start).prefix(pageSize)
            var items: [JSONValue] = []
            for row in page {
                guard case .object(var object) = wire(row, zone: call.timeZone) else { continue }
                if selectsCommunications {
                    let communications = try session.activities.communications(of: row["ID"]?.integerValue ?? 0)
                    object["COMMUNICATIONS"] = .array(
                        communications.map { communication in
                            [
                                "ID": WireValue.string(communication["ID"] ?? .null),
                                "TYPE": WireValue.string(communication["TYPE"] ?? .null),
                                "VALUE": WireValue.string(communication["VALUE"] ?? .null),
                                "ENTITY_ID": WireValue.string(communication["ENTITY_ID"] ?? .null),
                                "ENTITY_TYPE_ID": WireValue.string(communication["ENTITY_TYPE_ID"] ?? .null),
                                "ENTITY_SETTINGS": .array([]),
                            ]
                        })
                }
                items.append(.object(object))
            }
            let next = start + pageSize < visible.count ? start + pageSize : nil
            return RESTResult(.array(items), next: next, total: visible.count)
        }
    }

    /// One communication of a new activity, with the item it belongs to.
    struct Communication {
        var type: String
        var value: String
        var entity: CRMEntityReference?
    }

    /// `internalizeCommunications`: items inherit the owner when they name no item; calls keep phones only,
    /// e-mails addresses only; a call or meeting takes exactly one.
    static func communications(_ value: JSONValue?, typeID: Int64, owner: CRMEntityReference?) throws(RESTError)
        -> [Communication]
    {
        var result: [Communication] = []
        for case .object(let item) in value?.phpArrayElements ?? [] {
            let text = item["VALUE"]?.scalarText ?? ""
            var type = (item["TYPE"]?.scalarText ?? "").uppercased()
            if type.isEmpty { type = typeID == 2 ? "PHONE" : (typeID == 4 ? "EMAIL" : "") }
            if (typeID == 2 && type != "PHONE") || (typeID == 4 && type != "EMAIL") { continue }
            let entity =
                CRMTimelineCommentMethods.owner(
                    type: item["ENTITY_TYPE_ID"], name: nil, id: item["ENTITY_ID"]) ?? owner
            guard entity != nil, !text.isEmpty || typeID == 1 else { continue }
            result.append(Communication(type: type, value: text, entity: entity))
        }
        if result.isEmpty { throw .plain("The field COMMUNICATIONS is not defined or invalid.") }
        if (typeID == 1 || typeID == 2) && result.count > 1 {
            throw .plain("The only one communication is allowed for activity of specified type.")
        }
        return result
    }

    static func canRead(
        _ row: [String: SQLiteValue], bindings: [CRMEntityReference], session: CRMSession, actor: CRMActor
    ) throws -> Bool {
        if actor.isAdmin || row["RESPONSIBLE_ID"]?.integerValue == actor.userID { return true }
        for binding in bindings where try session.allows(.read, on: binding, by: actor) {
            return true
        }
        return false
    }

    /// An activity as `crm.activity.get` prints it: every value a string or null, the portal's key order, and the
    /// columns the mock does not model at their defaults.
    static func wire(_ row: [String: SQLiteValue], zone: PortalTimeZone) -> JSONValue {
        func text(_ name: String) -> JSONValue { WireValue.string(row[name] ?? .null) }
        func date(_ name: String) -> JSONValue {
            guard let value = row[name], value != .null else { return .null }
            return WireValue.dateTime(value, in: zone)
        }
        return [
            "ID": text("ID"), "OWNER_ID": text("OWNER_ID"), "OWNER_TYPE_ID": text("OWNER_TYPE_ID"),
            "TYPE_ID": text("TYPE_ID"), "PROVIDER_ID": text("PROVIDER_ID"),
            "PROVIDER_TYPE_ID": text("PROVIDER_TYPE_ID"),
            "PROVIDER_GROUP_ID": .null, "ASSOCIATED_ENTITY_ID": "0", "SUBJECT": text("SUBJECT"),
            "CREATED": date("CREATED"), "LAST_UPDATED": date("LAST_UPDATED"), "START_TIME": date("START_TIME"),
            "END_TIME": date("END_TIME"), "DEADLINE": date("DEADLINE"), "COMPLETED": text("COMPLETED"),
            "STATUS": text("STATUS"), "RESPONSIBLE_ID": text("RESPONSIBLE_ID"), "PRIORITY": text("PRIORITY"),
            "NOTIFY_TYPE": "0", "NOTIFY_VALUE": "0", "DESCRIPTION": text("DESCRIPTION"),
            "DESCRIPTION_TYPE": text("DESCRIPTION_TYPE"), "DIRECTION": text("DIRECTION"), "LOCATION": text("LOCATION"),
            "SETTINGS": .array([]), "ORIGINATOR_ID": .null, "ORIGIN_ID": .null, "AUTHOR_ID": text("AUTHOR_ID"),
            "EDITOR_ID": text("EDITOR_ID"), "PROVIDER_PARAMS": .array([]), "PROVIDER_DATA": .null, "RESULT_MARK": "0",
            "RESULT_VALUE": .null, "RESULT_SUM": .null, "RESULT_CURRENCY_ID": .null, "RESULT_STATUS": "0",
            "RESULT_STREAM": "0", "RESULT_SOURCE_ID": .null, "AUTOCOMPLETE_RULE": "0",
        ]
    }
}

/// The `crm.activity.list` filter: equality (or a list of values) on the activity's own columns, plus `BINDINGS`
/// (`[{OWNER_TYPE_ID, OWNER_ID}, ...]`), which matches any binding rather than the owner column alone.
struct ActivityFilter {
    private(set) var sql = "1 = 1"
    private(set) var bindings: [SQLiteValue] = []

    static let columns: Set<String> = [
        "ID", "OWNER_ID", "OWNER_TYPE_ID", "TYPE_ID", "PROVIDER_ID", "COMPLETED", "STATUS", "RESPONSIBLE_ID",
        "PRIORITY", "DIRECTION", "AUTHOR_ID",
    ]

    mutating func add(key: String, value: JSONValue) {
        if key == "BINDINGS" {
            var parts: [String] = []
            for case .object(let item) in value.phpArrayElements ?? [] {
                parts.append("(b.OWNER_TYPE_ID = ? AND b.OWNER_ID = ?)")
                bindings += [
                    .integer(item["OWNER_TYPE_ID"].map(PHPCast.int) ?? 0),
                    .integer(item["OWNER_ID"].map(PHPCast.int) ?? 0),
                ]
            }
            guard !parts.isEmpty else { return }
            sql +=
                " AND EXISTS (SELECT 1 FROM b_crm_act_bind b WHERE b.ACTIVITY_ID = a.ID AND (\(parts.joined(separator: " OR "))))"
            return
        }
        var name = key
        let negated = name.hasPrefix("!")
        if negated { name.removeFirst() }
        if name.hasPrefix("=") { name.removeFirst() }
        guard Self.columns.contains(name) else { return }
        var values: [JSONValue] = [value]
        if case .array(let items) = value { values = items }
        guard !values.isEmpty else { return }
        let list = Array(repeating: "?", count: values.count).joined(separator: ", ")
        sql += " AND \(negated ? "NOT " : "")(a.\(name) IN (\(list)))"
        bindings += values.map {
            name == "COMPLETED" || name == "PROVIDER_ID" ? .text($0.scalarText ?? "") : .integer(PHPCast.int($0))
        }
    }

    static func orderSQL(_ order: JSONObject) -> String {
        var keys: [String] = []
        for (key, value) in order {
            let name = key.uppercased()
            guard columns.contains(name) || ["START_TIME", "END_TIME", "DEADLINE", "CREATED"].contains(name) else {
                continue
            }
            keys.append("a.\(name) \(value.scalarText?.uppercased() == "DESC" ? "DESC" : "ASC")")
        }
        return (keys.isEmpty ? ["a.START_TIME ASC"] : keys).joined(separator: ", ") + ", a.ID ASC"
    }
}
