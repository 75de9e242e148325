import JSON
import SQLite

extension LeadStore {
    /// Fields whose changes the portal writes to the history (`Factory\Lead::getTrackedFieldNames`).
    static let trackedFields: Set<String> = [
        "TITLE", "NAME", "SECOND_NAME", "LAST_NAME", "POST", "STATUS_ID", "STATUS_DESCRIPTION", "COMMENTS",
        "CURRENCY_ID", "OPPORTUNITY", "IS_MANUAL_OPPORTUNITY", "SOURCE_ID", "SOURCE_DESCRIPTION", "COMPANY_TITLE",
        "ASSIGNED_BY_ID", "BIRTHDATE",
    ]

    /// `crm.lead.update`, with the portal's rules: permission, then existence; an empty TITLE or an unknown STATUS_ID
    /// keeps the old value; DATE_MODIFY and MODIFY_BY_ID change on every update; a status change moves MOVED_TIME,
    /// recomputes STATUS_SEMANTIC_ID and DATE_CLOSED, and writes a status-history row and a timeline entry; changes of
    /// tracked fields are written to the history unless `registersHistory` is off.
    public func update(id: Int64, with input: LeadInput, by actor: CRMActor) throws -> LeadWrite {
        let attributes = try permissionAttributes(of: id)
        guard CRMPermissionCheck(actor: actor).allows(.write, on: .lead, item: attributes) else { return .accessDenied }
        guard attributes != nil, let current = try records(ids: [id], userFields: [], multiFieldTypes: []).first else {
            return .notFound
        }
        let dictionary = LeadStatus(database: database)
        var changes: [String: SQLiteValue] = [:]
        for column in input.columns {
            if column.name == "TITLE", (column.value.textValue ?? "").isEmpty { continue }
            if column.name == "STATUS_ID" {
                guard let status = column.value.textValue, try dictionary.exists(status) else { continue }
            }
            changes[column.name] = column.value
        }
        if let contacts = input.contactIDs {
            try replaceContacts(of: id, with: contacts)
        }
        let oldStatus = current["STATUS_ID"].textValue ?? "NEW"
        let newStatus = changes["STATUS_ID"]?.textValue ?? oldStatus
        let statusChanged = newStatus != oldStatus
        if statusChanged {
            let semantic = try dictionary.semantic(of: newStatus)
            changes["STATUS_SEMANTIC_ID"] = .text(semantic)
            changes["MOVED_TIME"] = .text(now.sqlText)
            changes["MOVED_BY_ID"] = .integer(actor.userID)
            changes["DATE_CLOSED"] = semantic == "P" ? .null : .text(now.sqlText)
        }
        changes["DATE_MODIFY"] = .text(now.sqlText)
        changes["MODIFY_BY_ID"] = .integer(actor.userID)
        let names = changes.keys.sorted()
        try database.recentStatement(
            "UPDATE b_crm_lead SET \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE ID = ?"
        ).run(bindings: names.compactMap { changes[$0] } + [.integer(id)])

        try apply(input.multiFields, to: id)
        let userFields = UserFieldStore(database: database)
        for field in input.userFields {
            try userFields.setValue(field.value, field: field.name, lead: id)
        }
        if statusChanged {
            try recordStatusChange(of: id, from: oldStatus, to: newStatus, by: actor.userID)
        }
        if input.registersHistory {
            try recordFieldChanges(of: id, before: current, after: changes, by: actor.userID)
        }
        return .updated
    }

    /// Applies multi-field edits the way `Multifield\Assembler` does: an item for an id the lead does not have is
    /// added as a new value.
    private func apply(_ edits: [MultiFieldEdit], to id: Int64) throws {
        let store = MultiFieldStore(database: database)
        for edit in edits {
            switch edit {
            case .add(let typeID, let valueType, let value):
                try store.add(typeID: typeID, valueType: valueType, value: value, to: .lead, id: id)
            case .update(let valueID, let typeID, let valueType, let value):
                if try !store.update(id: valueID, value: value, valueType: valueType, of: .lead, id: id) {
                    try store.add(typeID: typeID, valueType: valueType, value: value, to: .lead, id: id)
                }
            case .delete(let valueID):
                try store.delete(id: valueID, of: .lead, id: id)
            }
        }
    }

    private func recordStatusChange(of id: Int64, from oldStatus: String, to newStatus: String, by userID: Int64)
        throws
    {
        let semantic = try LeadStatus(database: database).semantic(of: newStatus)
        let responsible = try database.cachedStatement("SELECT ASSIGNED_BY_ID FROM b_crm_lead WHERE ID = ?")
            .firstRow(.integer(id))?[0].integerValue
        try StatusHistoryStore(database: database).record(
            lead: id, statusID: newStatus, type: semantic == "P" ? .moved : .finalized, responsibleID: responsible,
            at: now)
        var settings = JSONWriter(options: [])
        settings.write(["FIELD": "STATUS_ID", "START": .string(oldStatus), "FINISH": .string(newStatus)])
        try TimelineStore(database: database).add(
            type: TimelineEntryType.modification.rawValue, comment: nil, authorID: userID, created: now,
            about: TimelineStore.Association(entityType: .lead, entityID: id), boundTo: [(.lead, id)],
            settings: String(decoding: settings.bytes, as: UTF8.self))
    }

    private func recordFieldChanges(
        of id: Int64, before current: LeadRecord, after changes: [String: SQLiteValue], by userID: Int64
    ) throws {
        let history = HistoryStore(database: database, now: now)
        let title = changes["TITLE"]?.textValue ?? current["TITLE"].textValue ?? ""
        for name in changes.keys.sorted() where Self.trackedFields.contains(name) {
            let old = current[name]
            let new = changes[name] ?? .null
            guard old != new else { continue }
            try history.record(
                HistoryEvent(
                    kind: .fieldChanged(field: name, title: LeadField.named(name)?.title ?? name), entityTitle: title,
                    textBefore: old.textValue ?? "", textAfter: new.textValue ?? ""),
                for: .lead, id: id, by: userID)
        }
    }
}
