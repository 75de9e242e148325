import JSON
import SQLite

/// Writes a checked `FixtureSet` into the store, inside the caller's transaction.
///
/// A lead that brings no `HISTORY`, `STATUS_HISTORY` or `TIMELINE` gets what the portal would have written when it
/// was created: a "created" history event, the first status-history row and a creation timeline entry. That way every
/// fixture lead looks like one made through the portal, and a delete has something real to cascade.
public struct FixtureLoader {
    let database: Database
    let now: CRMDateTime

    /// What was written, for the start-up log.
    public struct Summary: Sendable, Equatable {
        public var users = 0
        public var webhooks = 0
        public var leads = 0
        public var contacts = 0
        public var companies = 0
        public var deals = 0
    }

    /// Whether the store holds no users and no leads, the only state fixtures are loaded into: a file database that
    /// already holds data keeps it across restarts.
    public func storeIsEmpty() throws -> Bool {
        let row = try database.cachedStatement(
            "SELECT (SELECT COUNT(*) FROM b_user) + (SELECT COUNT(*) FROM b_crm_lead)"
        ).firstRow()
        return (row?[0].integerValue ?? 0) == 0
    }

    public func load(_ set: FixtureSet) throws -> Summary {
        let users = UserStore(database: database)
        for user in set.users {
            try users.insert(user, registeredAt: now)
        }
        for role in set.roles {
            try users.insert(role)
        }
        for webhook in set.webhooks {
            try users.insert(webhook, createdAt: now)
        }
        let oauth = OAuthStore(database: database)
        for application in set.applications {
            try oauth.registerApplication(
                clientID: application.clientID, secret: application.clientSecret, title: application.title,
                scopes: application.scopes)
            for token in application.tokens {
                _ = try oauth.issue(
                    clientID: application.clientID, userID: token.userID, scopes: token.scopes,
                    accessToken: token.accessToken, refreshToken: token.refreshToken, expiresIn: token.expiresIn,
                    now: now.secondsSince1970)
            }
        }
        let userFields = UserFieldStore(database: database)
        for field in set.userFields {
            try userFields.define(field)
        }
        let defined = Set(set.userFields.map(\.fieldName))
        for lead in set.leads {
            for (name, value) in lead.userFields where !defined.contains(name) {
                try userFields.define(UserFieldDefinition.inferred(fieldName: name, from: value))
            }
        }
        let defaultUser = set.users.first?.id ?? 1
        let leads = LeadStore(database: database, now: now)
        for lead in set.leads {
            _ = try leads.insertRow(id: lead.id, columns: lead.columns, by: defaultUser)
        }
        let contacts = ContactStore(database: database, now: now)
        for contact in set.contacts {
            try contacts.insertContact(
                id: contact.id, columns: contact.columns, multiFields: contact.multiFields, by: defaultUser)
        }
        for company in set.companies {
            try contacts.insertCompany(
                id: company.id, columns: company.columns, multiFields: company.multiFields, by: defaultUser)
        }
        for deal in set.deals {
            try contacts.insertDeal(id: deal.id, columns: deal.columns, by: defaultUser)
        }
        for lead in set.leads {
            try loadRelations(of: lead)
        }
        return Summary(
            users: set.users.count, webhooks: set.webhooks.count, leads: set.leads.count,
            contacts: set.contacts.count, companies: set.companies.count, deals: set.deals.count)
    }

    /// Everything hanging off a lead: multi-fields, user fields, contacts, observers, product rows, status history,
    /// history, timeline and activities.
    private func loadRelations(of lead: FixtureSet.Lead) throws {
        guard
            let row = try database.cachedStatement(
                "SELECT TITLE, STATUS_ID, CREATED_BY_ID, ASSIGNED_BY_ID, DATE_CREATE FROM b_crm_lead WHERE ID = ?"
            ).firstRow(.integer(lead.id))
        else { return }
        let title = row[0].textValue ?? ""
        let creatorID = row[2].integerValue ?? 1
        let responsibleID = row[3].integerValue
        let created = row[4].textValue.flatMap(CRMDateTime.init(sqlText:)) ?? now

        let multiFields = MultiFieldStore(database: database)
        for field in lead.multiFields {
            try multiFields.add(
                typeID: field.typeID, valueType: field.valueType, value: field.value, to: .lead, id: lead.id)
        }
        let userFields = UserFieldStore(database: database)
        for (name, value) in lead.userFields {
            try userFields.setValue(value, field: name, lead: lead.id)
        }
        if !lead.contactIDs.isEmpty {
            try ContactStore(database: database, now: now).setLinks(
                ofLead: lead.id, to: lead.contactIDs.map { (contactID: $0, sort: nil, primary: false) })
        }
        try ObserverStore(database: database).add(lead.observerIDs, to: .lead, id: lead.id, at: created)
        let productRows = ProductRowStore(database: database)
        for (index, product) in lead.productRows.enumerated() {
            try productRows.add(
                productID: product.productID, name: product.productName, price: product.price,
                quantity: product.quantity, to: .lead, id: lead.id, sort: Int64(index + 1) * 10)
        }

        let leads = LeadStore(database: database, now: now)
        if let changes = lead.statusHistory {
            let statusHistory = StatusHistoryStore(database: database)
            for (index, change) in changes.enumerated() {
                let semantic = try LeadStatus(database: database).semantic(of: change.statusID)
                let type: StatusHistoryStore.ChangeType =
                    semantic != "P" ? .finalized : (index == 0 ? .created : .moved)
                try statusHistory.record(
                    lead: lead.id, statusID: change.statusID, type: type,
                    responsibleID: change.responsibleID ?? responsibleID, at: change.createdTime ?? created)
            }
        } else {
            try leads.recordInitialStatus(
                of: lead.id, statusID: row[1].textValue ?? "NEW", responsibleID: responsibleID, at: created)
        }

        if let entries = lead.history {
            let history = HistoryStore(database: database, now: now)
            for entry in entries {
                try history.record(
                    HistoryEvent(
                        kind: .message(name: entry.name), entityTitle: title, textBefore: entry.textBefore,
                        textAfter: entry.textAfter),
                    for: .lead, id: lead.id, by: entry.createdByID ?? creatorID, at: entry.date ?? created)
            }
        } else {
            try leads.recordCreatedEvent(of: lead.id, title: title, by: creatorID, at: created)
        }

        if let entries = lead.timeline {
            let timeline = TimelineStore(database: database)
            for entry in entries {
                let isCreation = entry.typeID == TimelineEntryType.creation.rawValue
                try timeline.add(
                    type: entry.typeID, comment: entry.comment, authorID: entry.authorID ?? creatorID,
                    created: entry.created ?? created,
                    about: isCreation ? TimelineStore.Association(entityType: .lead, entityID: lead.id) : nil,
                    boundTo: [(.lead, lead.id)] + entry.alsoBoundTo.map { ($0.entityType, $0.entityID) })
            }
        } else {
            try leads.recordCreationEntry(of: lead.id, by: creatorID, at: created)
        }

        let activities = ActivityStore(database: database)
        for activity in lead.activities {
            try activities.add(
                ActivityStore.Draft(
                    typeID: activity.typeID, subject: activity.subject, description: activity.description,
                    isCompleted: activity.isCompleted, direction: activity.direction, priority: activity.priority,
                    responsibleID: activity.responsibleID ?? responsibleID, authorID: creatorID,
                    startTime: activity.startTime, endTime: activity.endTime, deadline: activity.deadline,
                    created: activity.created ?? created,
                    communications: activity.communications.map { ($0.typeID, $0.value) },
                    owner: (.lead, lead.id),
                    otherBindings: activity.alsoBoundTo.map { ($0.entityType, $0.entityID) }))
        }
    }
}
