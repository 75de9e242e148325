import JSON
import SQLite

/// Turns fixture documents into a checked `FixtureSet`, or names the first problem by file and JSON path.
///
/// Two passes: the first collects every id of every document (so that a lead in one file may name a contact in
/// another, and a duplicate id is caught wherever it is), the second converts values and checks each reference.
public struct FixtureDecoder: Sendable {
    /// The portal's UTC offset: dates written without an offset are in the portal's time zone.
    public var portalUTCOffsetSeconds: Int

    public init(portalUTCOffsetSeconds: Int) {
        self.portalUTCOffsetSeconds = portalUTCOffsetSeconds
    }

    /// A parsed document and the name to use for it in errors.
    public struct Document: Sendable {
        public var source: String
        public var root: JSONValue

        public init(source: String, root: JSONValue) {
            self.source = source
            self.root = root
        }

        /// Parses the bytes of a file; a syntax error is reported with its line and column.
        public init(source: String, bytes: [UInt8]) throws(FixtureError) {
            do {
                self.root = try JSONParser.parse(bytes)
            } catch {
                throw FixtureError(
                    source: source, path: "line \(error.line), column \(error.column)",
                    message: "invalid JSON: \(error.message)")
            }
            self.source = source
        }
    }

    private static let sections: Set<String> = [
        "users", "roles", "webhooks", "applications", "userFields", "contacts", "companies", "deals", "leads",
        "$schema", "comment",
    ]

    public func decode(_ documents: [Document]) throws(FixtureError) -> FixtureSet {
        var ids = KnownIDs()
        for document in documents {
            try collectIDs(of: document, into: &ids)
        }
        var set = FixtureSet()
        for document in documents {
            set.append(try decode(document, ids: ids))
        }
        var tokens: Set<String> = []
        for webhook in set.webhooks where !tokens.insert(webhook.token).inserted {
            throw FixtureError(
                source: "fixtures", path: "$.webhooks",
                message: "the webhook token is used twice (tokens must be unique)")
        }
        var clients: Set<String> = []
        var oauthTokens: Set<String> = []
        for application in set.applications {
            guard clients.insert(application.clientID).inserted else {
                throw FixtureError(
                    source: "fixtures", path: "$.applications",
                    message: "the client id \(application.clientID) is used twice")
            }
            for token in application.tokens
            where !oauthTokens.insert(token.accessToken).inserted || !oauthTokens.insert(token.refreshToken).inserted {
                throw FixtureError(
                    source: "fixtures", path: "$.applications",
                    message: "an OAuth token is used twice (tokens must be unique)")
            }
        }
        return set
    }

    // MARK: - Pass 1: ids

    private struct KnownIDs {
        var users: Set<Int64> = []
        var roles: Set<Int64> = []
        var leads: Set<Int64> = []
        var contacts: Set<Int64> = []
        var companies: Set<Int64> = []
        var deals: Set<Int64> = []

        func contains(_ binding: FixtureSet.Binding) -> Bool {
            switch binding.entityType {
            case .lead: leads.contains(binding.entityID)
            case .contact: contacts.contains(binding.entityID)
            case .company: companies.contains(binding.entityID)
            case .deal: deals.contains(binding.entityID)
            }
        }
    }

    private func collectIDs(of document: Document, into ids: inout KnownIDs) throws(FixtureError) {
        let root = FixtureNode(value: document.root, path: "$", source: document.source)
        try root.rejectUnknownMembers(except: Self.sections)
        try collect(root, "users", into: &ids.users)
        try collect(root, "roles", into: &ids.roles)
        try collect(root, "leads", into: &ids.leads)
        try collect(root, "contacts", into: &ids.contacts)
        try collect(root, "companies", into: &ids.companies)
        try collect(root, "deals", into: &ids.deals)
    }

    private func collect(_ root: FixtureNode, _ section: String, into ids: inout Set<Int64>) throws(FixtureError) {
        guard let list = root.member(section) else { return }
        for item in try list.elements() {
            guard let idNode = item.member("ID") else { throw item.error("missing \"ID\"") }
            let id = try idNode.positiveInteger()
            guard ids.insert(id).inserted else { throw idNode.error("duplicate ID \(id) in \(section)") }
        }
    }

    // MARK: - Pass 2: values and references

    private func decode(_ document: Document, ids: KnownIDs) throws(FixtureError) -> FixtureSet {
        let root = FixtureNode(value: document.root, path: "$", source: document.source)
        var set = FixtureSet()
        set.users = try each(root, "users") { node throws(FixtureError) in try decodeUser(node) }
        set.roles = try each(root, "roles") { node throws(FixtureError) in try decodeRole(node, ids: ids) }
        set.webhooks = try each(root, "webhooks") { node throws(FixtureError) in try decodeWebhook(node, ids: ids) }
        set.applications = try each(root, "applications") { node throws(FixtureError) in
            try decodeApplication(node, ids: ids)
        }
        set.userFields = try each(root, "userFields") { node throws(FixtureError) in try decodeUserField(node) }
        set.contacts = try each(root, "contacts") { node throws(FixtureError) in
            FixtureSet.Contact(
                id: try node.required("ID").positiveInteger(),
                columns: try decodeColumns(node, EntityColumns.contact, ids: ids, extra: EntityColumns.multiFieldTypes),
                multiFields: try decodeMultiFields(node))
        }
        set.companies = try each(root, "companies") { node throws(FixtureError) in
            FixtureSet.Company(
                id: try node.required("ID").positiveInteger(),
                columns: try decodeColumns(node, EntityColumns.company, ids: ids, extra: EntityColumns.multiFieldTypes),
                multiFields: try decodeMultiFields(node))
        }
        set.deals = try each(root, "deals") { node throws(FixtureError) in
            FixtureSet.Deal(
                id: try node.required("ID").positiveInteger(),
                columns: try decodeColumns(node, EntityColumns.deal, ids: ids, extra: []))
        }
        set.leads = try each(root, "leads") { node throws(FixtureError) in try decodeLead(node, ids: ids) }
        return set
    }

    private func each<T>(
        _ root: FixtureNode, _ section: String, _ body: (FixtureNode) throws(FixtureError) -> T
    ) throws(FixtureError) -> [T] {
        guard let list = root.member(section) else { return [] }
        var result: [T] = []
        for item in try list.elements() {
            result.append(try body(item))
        }
        return result
    }

    private func decodeUser(_ node: FixtureNode) throws(FixtureError) -> FixtureSet.User {
        try node.rejectUnknownMembers(except: [
            "ID", "LOGIN", "NAME", "LAST_NAME", "SECOND_NAME", "EMAIL", "WORK_POSITION", "PERSONAL_GENDER",
            "TIME_ZONE", "IS_ADMIN", "ACTIVE", "DEPARTMENT_ID",
        ])
        var user = FixtureSet.User(id: try node.required("ID").positiveInteger())
        user.login = try node.member("LOGIN")?.string() ?? ""
        user.name = try node.member("NAME")?.string() ?? ""
        user.lastName = try node.member("LAST_NAME")?.string() ?? ""
        user.secondName = try node.member("SECOND_NAME")?.string() ?? ""
        user.email = try node.member("EMAIL")?.string() ?? ""
        user.workPosition = try node.member("WORK_POSITION")?.string() ?? ""
        user.gender = try node.member("PERSONAL_GENDER")?.string() ?? ""
        user.timeZone = try node.member("TIME_ZONE")?.string() ?? ""
        user.isAdmin = try node.member("IS_ADMIN")?.flag() ?? false
        user.isActive = try node.member("ACTIVE")?.flag() ?? true
        user.departmentID = try node.member("DEPARTMENT_ID")?.positiveInteger()
        return user
    }

    private func decodeRole(_ node: FixtureNode, ids: KnownIDs) throws(FixtureError) -> FixtureSet.Role {
        try node.rejectUnknownMembers(except: ["ID", "NAME", "PERMISSIONS", "USER_IDS"])
        var permissions: [String: [CRMOperation: PermissionLevel]] = [:]
        if let permissionsNode = node.member("PERMISSIONS") {
            for (entityName, entityNode) in try permissionsNode.members() {
                guard let entity = CRMEntityType(name: entityName) else {
                    throw entityNode.error("unknown entity '\(entityName)' (expected LEAD, CONTACT, COMPANY or DEAL)")
                }
                for (operationName, levelNode) in try entityNode.members() {
                    guard let operation = CRMOperation(fixtureName: operationName) else {
                        throw levelNode.error(
                            "unknown operation '\(operationName)' (expected ADD, READ, UPDATE, DELETE)")
                    }
                    let levelName = try levelNode.string()
                    guard let level = PermissionLevel(fixtureName: levelName) else {
                        throw levelNode.error(
                            "unknown level '\(levelName)' (expected NONE, OWN, DEPARTMENT, OPEN, ALL)")
                    }
                    permissions[entity.legacyName, default: [:]][operation] = level
                }
            }
        }
        var userIDs: [Int64] = []
        if let usersNode = node.member("USER_IDS") {
            for element in try usersNode.elements() {
                let id = try element.positiveInteger()
                guard ids.users.contains(id) else { throw element.error("no user with ID \(id)") }
                userIDs.append(id)
            }
        }
        guard let name = try node.member("NAME")?.string() else { throw node.error("missing \"NAME\"") }
        return FixtureSet.Role(
            id: try node.required("ID").positiveInteger(), name: name, permissions: permissions, userIDs: userIDs)
    }

    private func decodeWebhook(_ node: FixtureNode, ids: KnownIDs) throws(FixtureError) -> FixtureSet.Webhook {
        try node.rejectUnknownMembers(except: ["USER_ID", "TOKEN", "SCOPE", "TITLE"])
        guard let userNode = node.member("USER_ID") else { throw node.error("missing \"USER_ID\"") }
        let userID = try userNode.positiveInteger()
        guard ids.users.contains(userID) else { throw userNode.error("no user with ID \(userID)") }
        guard let tokenNode = node.member("TOKEN") else { throw node.error("missing \"TOKEN\"") }
        let token = try tokenNode.string()
        guard token.count >= 8, token.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "/") }) else {
            throw tokenNode.error("a token needs at least 8 printable ASCII characters and no '/'")
        }
        let scopes = try node.member("SCOPE")?.strings() ?? ["crm"]
        return FixtureSet.Webhook(
            userID: userID, token: token, scopes: scopes, title: try node.member("TITLE")?.string() ?? "")
    }

    private func decodeApplication(_ node: FixtureNode, ids: KnownIDs) throws(FixtureError) -> FixtureSet.Application {
        try node.rejectUnknownMembers(except: ["CLIENT_ID", "CLIENT_SECRET", "TITLE", "SCOPE", "TOKENS"])
        let clientID = try node.required("CLIENT_ID").string()
        let secretNode = try node.required("CLIENT_SECRET")
        let secret = try secretNode.string()
        guard secret.count >= 8 else { throw secretNode.error("a client secret needs at least 8 characters") }
        var tokens: [FixtureSet.Token] = []
        for item in try node.member("TOKENS")?.elements() ?? [] {
            try item.rejectUnknownMembers(except: [
                "USER_ID", "ACCESS_TOKEN", "REFRESH_TOKEN", "EXPIRES_IN", "EXPIRES", "SCOPE",
            ])
            let userNode = try item.required("USER_ID")
            let userID = try userNode.positiveInteger()
            guard ids.users.contains(userID) else { throw userNode.error("no user with ID \(userID)") }
            var expiresIn = OAuthStore.accessTokenLifetime
            if let expires = item.member("EXPIRES") {
                let date = try expires.dateTime(portalUTCOffsetSeconds: portalUTCOffsetSeconds)
                expiresIn = date.secondsSince1970 - CRMDateTime.now().secondsSince1970
            } else if let seconds = item.member("EXPIRES_IN") {
                expiresIn = try seconds.integer()
            }
            var pair: [String] = []
            for key in ["ACCESS_TOKEN", "REFRESH_TOKEN"] {
                let tokenNode = try item.required(key)
                let token = try tokenNode.string()
                guard token.count >= 8, token.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
                    throw tokenNode.error("a token needs at least 8 printable ASCII characters")
                }
                pair.append(token)
            }
            tokens.append(
                FixtureSet.Token(
                    userID: userID, accessToken: pair[0], refreshToken: pair[1], expiresIn: expiresIn,
                    scopes: try item.member("SCOPE")?.strings()))
        }
        return FixtureSet.Application(
            clientID: clientID, clientSecret: secret, title: try node.member("TITLE")?.string() ?? "",
            scopes: try node.member("SCOPE")?.strings() ?? ["crm"], tokens: tokens)
    }

    private static let userFieldTypes: Set<String> = [
        "string", "integer", "double", "boolean", "date", "datetime", "enumeration", "url", "money", "address",
        "employee", "crm", "crm_status", "file", "iblock_element", "iblock_section", "resourcebooking",
    ]

    private func decodeUserField(_ node: FixtureNode) throws(FixtureError) -> UserFieldDefinition {
        try node.rejectUnknownMembers(except: [
            "FIELD_NAME", "USER_TYPE_ID", "MULTIPLE", "MANDATORY", "SORT", "LABEL", "SETTINGS",
        ])
        let nameNode = try node.required("FIELD_NAME")
        let name = try nameNode.string()
        guard name.hasPrefix("UF_CRM_"), name.count > 7,
            name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (48...57).contains($0) || (65...90).contains($0) })
        else {
            throw nameNode.error("a lead user field is named UF_CRM_ followed by upper-case letters, digits and _")
        }
        let typeNode = try node.required("USER_TYPE_ID")
        let type = try typeNode.string()
        guard Self.userFieldTypes.contains(type) else {
            throw typeNode.error("unknown user field type '\(type)'")
        }
        var settings = JSONObject()
        if let settingsNode = node.member("SETTINGS") {
            settings = try settingsNode.object()
        }
        return UserFieldDefinition(
            fieldName: name, typeID: type, isMultiple: try node.member("MULTIPLE")?.flag() ?? false,
            isMandatory: try node.member("MANDATORY")?.flag() ?? false, sort: try node.member("SORT")?.integer() ?? 100,
            label: try node.member("LABEL")?.string() ?? "", settings: settings)
    }

    private func decodeColumns(
        _ node: FixtureNode, _ spec: [(name: String, storage: FieldStorage)], ids: KnownIDs, extra: [String]
    ) throws(FixtureError) -> [ColumnValue] {
        try node.rejectUnknownMembers(except: Set(spec.map(\.name) + extra + ["ID"]))
        var columns: [ColumnValue] = []
        for (name, storage) in spec {
            guard let member = node.member(name) else { continue }
            let value = try convert(member, storage)
            if name == "LEAD_ID", let leadID = value.integerValue, !ids.leads.contains(leadID) {
                throw member.error("no lead with ID \(leadID)")
            }
            columns.append(ColumnValue(name: name, value: value))
        }
        return columns
    }

    private func convert(_ node: FixtureNode, _ storage: FieldStorage) throws(FixtureError) -> SQLiteValue {
        if node.value.isNull { return .null }
        switch storage {
        case .integer: return .integer(try node.integer())
        case .text: return .text(try node.string())
        case .money: return .real(try node.number())
        case .flag: return .text(try node.flag() ? "Y" : "N")
        case .dateTime: return .text(try node.dateTime(portalUTCOffsetSeconds: portalUTCOffsetSeconds).sqlText)
        case .date:
            let text = try node.string()
            guard let date = CRMDateTime(clientText: text, portalUTCOffsetSeconds: 0) else {
                throw node.error("expected a date like 1990-05-17, found \"\(text)\"")
            }
            return .text(String(date.sqlText.prefix(10)))
        case .computed, .multiField: throw node.error("this field is computed and cannot be set")
        }
    }

    private func decodeMultiFields(_ node: FixtureNode) throws(FixtureError) -> [FixtureSet.MultiField] {
        var result: [FixtureSet.MultiField] = []
        for typeID in EntityColumns.multiFieldTypes {
            guard let list = node.member(typeID) else { continue }
            for item in try list.elements() {
                try item.rejectUnknownMembers(except: ["VALUE", "VALUE_TYPE"])
                guard let valueNode = item.member("VALUE") else { throw item.error("missing \"VALUE\"") }
                let value = try valueNode.string()
                guard !value.isEmpty else { throw valueNode.error("a multi-field value cannot be empty") }
                let valueType =
                    try item.member("VALUE_TYPE")?.string()
                    ?? EntityColumns.multiFieldDefaultValueTypes[typeID] ?? "OTHER"
                result.append(FixtureSet.MultiField(typeID: typeID, valueType: valueType, value: value))
            }
        }
        return result
    }

    private static let leadRelationKeys: Set<String> = [
        "CONTACT_IDS", "OBSERVER_IDS", "STATUS_HISTORY", "PRODUCT_ROWS", "HISTORY", "TIMELINE", "ACTIVITIES",
    ]

    private func decodeLead(_ node: FixtureNode, ids: KnownIDs) throws(FixtureError) -> FixtureSet.Lead {
        let columnSpec = LeadField.columns.filter { $0.name != "ID" }.map { ($0.name, $0.storage) }
        try node.rejectUnknownMembers(
            except: Self.leadRelationKeys.union(EntityColumns.multiFieldTypes).union(columnSpec.map(\.0)).union(["ID"]),
            allowing: { $0.hasPrefix("UF_CRM_") })
        var columns: [ColumnValue] = []
        for (name, storage) in columnSpec {
            guard let member = node.member(name) else { continue }
            let value = try convert(member, storage)
            if ["ASSIGNED_BY_ID", "CREATED_BY_ID", "MODIFY_BY_ID", "MOVED_BY_ID"].contains(name),
                let userID = value.integerValue, !ids.users.contains(userID)
            {
                throw member.error("no user with ID \(userID)")
            }
            if name == "CONTACT_ID", let contactID = value.integerValue, !ids.contacts.contains(contactID) {
                throw member.error("no contact with ID \(contactID)")
            }
            if name == "COMPANY_ID", let companyID = value.integerValue, !ids.companies.contains(companyID) {
                throw member.error("no company with ID \(companyID)")
            }
            columns.append(ColumnValue(name: name, value: value))
        }
        let userFields = try node.members().filter { $0.key.hasPrefix("UF_CRM_") }.map { ($0.key, $0.node.value) }
        return FixtureSet.Lead(
            id: try node.required("ID").positiveInteger(),
            columns: columns,
            userFields: userFields,
            multiFields: try decodeMultiFields(node),
            contactIDs: try references(node.member("CONTACT_IDS"), in: ids.contacts, noun: "contact"),
            observerIDs: try references(node.member("OBSERVER_IDS"), in: ids.users, noun: "user"),
            statusHistory: try node.member("STATUS_HISTORY").map { list throws(FixtureError) in
                try list.elements().map { item throws(FixtureError) in try decodeStatusChange(item, ids: ids) }
            },
            productRows: try (node.member("PRODUCT_ROWS")?.elements() ?? []).map { item throws(FixtureError) in
                try decodeProductRow(item)
            },
            history: try node.member("HISTORY").map { list throws(FixtureError) in
                try list.elements().map { item throws(FixtureError) in try decodeHistoryEntry(item, ids: ids) }
            },
            timeline: try node.member("TIMELINE").map { list throws(FixtureError) in
                try list.elements().map { item throws(FixtureError) in try decodeTimelineEntry(item, ids: ids) }
            },
            activities: try (node.member("ACTIVITIES")?.elements() ?? []).map { item throws(FixtureError) in
                try decodeActivity(item, ids: ids)
            })
    }

    private func references(_ node: FixtureNode?, in known: Set<Int64>, noun: String) throws(FixtureError) -> [Int64] {
        guard let node else { return [] }
        var result: [Int64] = []
        for element in try node.elements() {
            let id = try element.positiveInteger()
            guard known.contains(id) else { throw element.error("no \(noun) with ID \(id)") }
            result.append(id)
        }
        return result
    }

    private func optionalUser(_ node: FixtureNode?, ids: KnownIDs) throws(FixtureError) -> Int64? {
        guard let node else { return nil }
        let id = try node.positiveInteger()
        guard ids.users.contains(id) else { throw node.error("no user with ID \(id)") }
        return id
    }

    private func optionalDate(_ node: FixtureNode?) throws(FixtureError) -> CRMDateTime? {
        try node?.dateTime(portalUTCOffsetSeconds: portalUTCOffsetSeconds)
    }

    private func decodeStatusChange(_ node: FixtureNode, ids: KnownIDs) throws(FixtureError) -> FixtureSet.StatusChange
    {
        try node.rejectUnknownMembers(except: ["STATUS_ID", "CREATED_TIME", "RESPONSIBLE_ID"])
        guard let status = node.member("STATUS_ID") else { throw node.error("missing \"STATUS_ID\"") }
        return FixtureSet.StatusChange(
            statusID: try status.string(),
            createdTime: try optionalDate(node.member("CREATED_TIME")),
            responsibleID: try optionalUser(node.member("RESPONSIBLE_ID"), ids: ids))
    }

    private func decodeProductRow(_ node: FixtureNode) throws(FixtureError) -> FixtureSet.ProductRow {
        try node.rejectUnknownMembers(except: ["PRODUCT_ID", "PRODUCT_NAME", "PRICE", "QUANTITY"])
        return FixtureSet.ProductRow(
            productID: try node.member("PRODUCT_ID")?.integer() ?? 0,
            productName: try node.member("PRODUCT_NAME")?.string() ?? "",
            price: try node.member("PRICE")?.number() ?? 0,
            quantity: try node.member("QUANTITY")?.number() ?? 1)
    }

    private func decodeHistoryEntry(_ node: FixtureNode, ids: KnownIDs) throws(FixtureError) -> FixtureSet.HistoryEntry
    {
        try node.rejectUnknownMembers(except: [
            "EVENT_NAME", "EVENT_TEXT_1", "EVENT_TEXT_2", "CREATED_BY_ID", "DATE_CREATE",
        ])
        guard let name = node.member("EVENT_NAME") else { throw node.error("missing \"EVENT_NAME\"") }
        return FixtureSet.HistoryEntry(
            name: try name.string(),
            textBefore: try node.member("EVENT_TEXT_1")?.string(),
            textAfter: try node.member("EVENT_TEXT_2")?.string(),
            createdByID: try optionalUser(node.member("CREATED_BY_ID"), ids: ids),
            date: try optionalDate(node.member("DATE_CREATE")))
    }

    private func decodeBindings(_ node: FixtureNode?, ids: KnownIDs) throws(FixtureError) -> [CRMEntityReference] {
        guard let node else { return [] }
        var result: [CRMEntityReference] = []
        for item in try node.elements() {
            try item.rejectUnknownMembers(except: ["ENTITY_TYPE_ID", "ENTITY_ID"])
            guard let typeNode = item.member("ENTITY_TYPE_ID"), let idNode = item.member("ENTITY_ID") else {
                throw item.error("a binding needs \"ENTITY_TYPE_ID\" and \"ENTITY_ID\"")
            }
            let typeID = try typeNode.integer()
            guard let type = CRMEntityType(rawValue: typeID) else {
                throw typeNode.error("unknown entity type \(typeID) (1 lead, 2 deal, 3 contact, 4 company)")
            }
            let binding = CRMEntityReference(entityType: type, entityID: try idNode.positiveInteger())
            guard ids.contains(binding) else {
                throw idNode.error("no \(type.timelineName) with ID \(binding.entityID)")
            }
            result.append(binding)
        }
        return result
    }

    private func decodeTimelineEntry(_ node: FixtureNode, ids: KnownIDs) throws(FixtureError)
        -> FixtureSet.TimelineEntry
    {
        try node.rejectUnknownMembers(except: ["TYPE_ID", "COMMENT", "AUTHOR_ID", "CREATED", "BINDINGS"])
        return FixtureSet.TimelineEntry(
            typeID: try node.member("TYPE_ID")?.positiveInteger() ?? TimelineEntryType.comment.rawValue,
            comment: try node.member("COMMENT")?.string(),
            authorID: try optionalUser(node.member("AUTHOR_ID"), ids: ids),
            created: try optionalDate(node.member("CREATED")),
            alsoBoundTo: try decodeBindings(node.member("BINDINGS"), ids: ids))
    }

    private func decodeActivity(_ node: FixtureNode, ids: KnownIDs) throws(FixtureError) -> FixtureSet.Activity {
        try node.rejectUnknownMembers(except: [
            "TYPE_ID", "SUBJECT", "DESCRIPTION", "COMPLETED", "DIRECTION", "PRIORITY", "RESPONSIBLE_ID", "START_TIME",
            "END_TIME", "DEADLINE", "CREATED", "COMMUNICATIONS", "BINDINGS",
        ])
        var communications: [FixtureSet.MultiField] = []
        for item in try node.member("COMMUNICATIONS")?.elements() ?? [] {
            try item.rejectUnknownMembers(except: ["TYPE", "VALUE"])
            guard let type = item.member("TYPE"), let value = item.member("VALUE") else {
                throw item.error("a communication needs \"TYPE\" (PHONE, EMAIL) and \"VALUE\"")
            }
            communications.append(
                FixtureSet.MultiField(typeID: try type.string(), valueType: "", value: try value.string()))
        }
        return FixtureSet.Activity(
            typeID: try node.member("TYPE_ID")?.positiveInteger() ?? 2,
            subject: try node.member("SUBJECT")?.string() ?? "",
            description: try node.member("DESCRIPTION")?.string() ?? "",
            isCompleted: try node.member("COMPLETED")?.flag() ?? false,
            direction: try node.member("DIRECTION")?.integer() ?? 0,
            priority: try node.member("PRIORITY")?.integer() ?? 2,
            responsibleID: try optionalUser(node.member("RESPONSIBLE_ID"), ids: ids),
            startTime: try optionalDate(node.member("START_TIME")),
            endTime: try optionalDate(node.member("END_TIME")),
            deadline: try optionalDate(node.member("DEADLINE")),
            created: try optionalDate(node.member("CREATED")),
            communications: communications,
            alsoBoundTo: try decodeBindings(node.member("BINDINGS"), ids: ids))
    }
}
