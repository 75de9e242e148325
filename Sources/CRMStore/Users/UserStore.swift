import SQLite

/// Users, their CRM roles and their incoming webhooks.
public struct UserStore {
    let database: Database

    /// The user with what their roles allow, or `nil` when there is no active user with this id.
    public func actor(userID: Int64) throws -> CRMActor? {
        guard
            let user = try database.cachedStatement(
                "SELECT IS_ADMIN, DEPARTMENT_ID FROM b_user WHERE ID = ? AND ACTIVE = 'Y'"
            ).firstRow(.integer(userID))
        else { return nil }
        var grants: [String: [CRMOperation: PermissionLevel]] = [:]
        let permissions = try database.cachedStatement(
            """
            SELECT p.ENTITY, p.PERM_TYPE, p.ATTR FROM b_crm_role_perms p
            JOIN b_crm_role_relation r ON r.ROLE_ID = p.ROLE_ID
            WHERE r.USER_ID = ?
            """
        ).rows(.integer(userID))
        for row in permissions {
            guard let entity = row[0].textValue, let operation = row[1].textValue.flatMap(CRMOperation.init(rawValue:)),
                let level = row[2].textValue.flatMap(PermissionLevel.init(rawValue:))
            else { continue }
            let current = grants[entity]?[operation] ?? .none
            grants[entity, default: [:]][operation] = max(current, level)
        }
        return CRMActor(
            userID: userID, isAdmin: user[0].textValue == "Y", departmentID: user[1].integerValue, grants: grants)
    }

    /// A user's profile columns, or `nil` when there is no such user.
    public func user(id: Int64) throws -> UserRecord? {
        guard
            let row = try database.cachedStatement(
                """
                SELECT ID, ACTIVE, LOGIN, NAME, LAST_NAME, SECOND_NAME, EMAIL, WORK_POSITION, PERSONAL_GENDER, TIME_ZONE,
                    IS_ADMIN, DEPARTMENT_ID, DATE_REGISTER
                FROM b_user WHERE ID = ?
                """
            ).firstRow(.integer(id))
        else { return nil }
        return UserRecord(
            id: id, isActive: row[1].textValue == "Y", login: row[2].textValue ?? "", name: row[3].textValue ?? "",
            lastName: row[4].textValue ?? "", secondName: row[5].textValue ?? "", email: row[6].textValue ?? "",
            workPosition: row[7].textValue ?? "", gender: row[8].textValue ?? "", timeZone: row[9].textValue ?? "",
            isAdmin: row[10].textValue == "Y", departmentID: row[11].integerValue,
            registered: row[12].textValue.flatMap(CRMDateTime.init(sqlText:)) ?? CRMDateTime(secondsSince1970: 0))
    }

    /// The webhook of this user with this token, compared in constant time; `nil` when the user has no such active
    /// webhook or is inactive.
    public func webhook(userID: Int64, token: String) throws -> WebhookCredential? {
        Self.match(token, in: try webhooks(userID: userID))
    }

    /// Every active webhook of an active user, with its token, for matching (and caching) outside a query.
    func webhooks(userID: Int64) throws -> [CredentialCache.Webhook] {
        let rows = try database.cachedStatement(
            """
            SELECT ap.ID, ap.PASSWORD FROM b_rest_ap ap JOIN b_user u ON u.ID = ap.USER_ID
            WHERE ap.USER_ID = ? AND ap.ACTIVE = 'Y' AND u.ACTIVE = 'Y'
            """
        ).rows(.integer(userID))
        return try rows.compactMap { row in
            guard let id = row[0].integerValue, let token = row[1].textValue else { return nil }
            let scopes = try database.cachedStatement("SELECT PERM FROM b_rest_ap_permission WHERE PASSWORD_ID = ?")
                .rows(.integer(id)).compactMap { $0[0].textValue }
            return CredentialCache.Webhook(
                token: token, credential: WebhookCredential(id: id, userID: userID, scopes: Set(scopes)))
        }
    }

    /// The webhook whose token equals `token`, every candidate compared in constant time.
    static func match(_ token: String, in webhooks: [CredentialCache.Webhook]) -> WebhookCredential? {
        var found: WebhookCredential?
        for webhook in webhooks where ConstantTimeComparison.equal(webhook.token, token) {
            found = webhook.credential
        }
        return found
    }

    /// Whether any user exists; fixtures are only loaded into a store without users and leads.
    public func isEmpty() throws -> Bool {
        try database.cachedStatement("SELECT 1 FROM b_user LIMIT 1").firstRow() == nil
    }
}
