import JSON
import SQLite

extension LeadStore {
    /// `crm.lead.add`: writes a lead with the portal's defaults and the side effects of creation (a history event, the
    /// first status-history row, a timeline creation entry), links its contacts, and returns its id.
    public func add(_ input: LeadInput, by actor: CRMActor) throws -> LeadWrite {
        guard CRMPermissionCheck(actor: actor).allowsAny(.add, on: .lead) else { return .accessDenied }
        var columns = input.columns
        let contacts = input.contactIDs ?? []
        if let firstContact = contacts.first, input.column("CONTACT_ID") == nil {
            columns.append(ColumnValue(name: "CONTACT_ID", value: .integer(firstContact)))
        }
        let hasCompany = (input.column("COMPANY_ID")?.value.integerValue ?? 0) > 0
        let hasContact = !contacts.isEmpty || (input.column("CONTACT_ID")?.value.integerValue ?? 0) > 0
        columns.removeAll { $0.name == "IS_RETURN_CUSTOMER" }
        columns.append(ColumnValue(name: "IS_RETURN_CUSTOMER", value: .text(hasCompany || hasContact ? "Y" : "N")))
        let id = try insertRow(id: nil, columns: columns, by: actor.userID)
        let multiFields = MultiFieldStore(database: database)
        for edit in input.multiFields {
            if case .add(let typeID, let valueType, let value) = edit {
                try multiFields.add(typeID: typeID, valueType: valueType, value: value, to: .lead, id: id)
            }
        }
        let userFields = UserFieldStore(database: database)
        for field in input.userFields {
            try userFields.setValue(field.value, field: field.name, lead: id)
        }
        try replaceContacts(of: id, with: contacts)
        try recordCreation(of: id, by: actor.userID, history: input.registersHistory)
        return .added(id: id)
    }

    /// The side effects of creating a lead, dated with its DATE_CREATE: a "Created" history event, the first
    /// status-history row, and a timeline creation entry.
    func recordCreation(of id: Int64, by userID: Int64, history: Bool) throws {
        guard
            let row = try database.cachedStatement(
                "SELECT TITLE, STATUS_ID, ASSIGNED_BY_ID, DATE_CREATE FROM b_crm_lead WHERE ID = ?"
            ).firstRow(.integer(id))
        else { return }
        let created = row[3].textValue.flatMap(CRMDateTime.init(sqlText:)) ?? now
        if history {
            try recordCreatedEvent(of: id, title: row[0].textValue ?? "", by: userID, at: created)
        }
        try recordInitialStatus(
            of: id, statusID: row[1].textValue ?? "NEW", responsibleID: row[2].integerValue, at: created)
        try recordCreationEntry(of: id, by: userID, at: created)
    }

    func recordCreatedEvent(of id: Int64, title: String, by userID: Int64, at date: CRMDateTime) throws {
        try HistoryStore(database: database, now: now).record(
            HistoryEvent(kind: .created, entityTitle: title), for: .lead, id: id, by: userID, at: date)
    }

    /// The first status-history row: "created", or "finalized" for a lead created in a final status.
    func recordInitialStatus(of id: Int64, statusID: String, responsibleID: Int64?, at date: CRMDateTime) throws {
        let semantic = try LeadStatus(database: database).semantic(of: statusID)
        try StatusHistoryStore(database: database).record(
            lead: id, statusID: statusID, type: semantic == "P" ? .created : .finalized, responsibleID: responsibleID,
            at: date)
    }

    func recordCreationEntry(of id: Int64, by userID: Int64, at date: CRMDateTime) throws {
        try TimelineStore(database: database).add(
            type: TimelineEntryType.creation.rawValue, comment: nil, authorID: userID, created: date,
            about: TimelineStore.Association(entityType: .lead, entityID: id), boundTo: [(.lead, id)])
    }

    /// Makes the lead's contact links exactly `contactIDs` (those that exist), the first one primary, and keeps
    /// CONTACT_ID on the primary contact (`LeadContactTable::bindContacts`).
    func replaceContacts(of id: Int64, with contactIDs: [Int64]) throws {
        let contacts = ContactStore(database: database, now: now)
        let existing = try contactIDs.filter { try contacts.contactExists(id: $0) }
        try contacts.setLinks(ofLead: id, to: existing.map { (contactID: $0, sort: nil, primary: false) })
    }
}
