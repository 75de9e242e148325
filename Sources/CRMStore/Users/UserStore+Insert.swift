import SQLite

extension UserStore {
    /// Writes a user; the id is kept, since webhooks and fixtures name users by id.
    public func insert(_ user: FixtureSet.User, registeredAt date: CRMDateTime) throws {
        _ = try database.insert(
            into: "b_user",
            columns: [
                "ID", "ACTIVE", "LOGIN", "NAME", "LAST_NAME", "SECOND_NAME", "EMAIL", "WORK_POSITION",
                "PERSONAL_GENDER", "TIME_ZONE", "IS_ADMIN", "DEPARTMENT_ID", "DATE_REGISTER",
            ],
            values: [
                .integer(user.id), .text(user.isActive ? "Y" : "N"), .text(user.login), .text(user.name),
                .text(user.lastName), .text(user.secondName), .text(user.email), .text(user.workPosition),
                .text(user.gender), .text(user.timeZone), .text(user.isAdmin ? "Y" : "N"),
                SQLiteValue(user.departmentID), .text(date.sqlText),
            ])
    }

    /// Writes a CRM role with its permissions and members.
    public func insert(_ role: FixtureSet.Role) throws {
        _ = try database.insert(
            into: "b_crm_role", columns: ["ID", "NAME"], values: [.integer(role.id), .text(role.name)])
        for (entity, operations) in role.permissions.sorted(by: { $0.key < $1.key }) {
            for (operation, level) in operations.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                _ = try database.insert(
                    into: "b_crm_role_perms", columns: ["ROLE_ID", "ENTITY", "PERM_TYPE", "ATTR"],
                    values: [.integer(role.id), .text(entity), .text(operation.rawValue), .text(level.rawValue)])
            }
        }
        for userID in role.userIDs {
            _ = try database.insert(
                into: "b_crm_role_relation", columns: ["ROLE_ID", "USER_ID"],
                values: [.integer(role.id), .integer(userID)])
        }
    }

    /// Writes an incoming webhook with its scopes; returns its id.
    @discardableResult
    public func insert(_ webhook: FixtureSet.Webhook, createdAt date: CRMDateTime) throws -> Int64 {
        let id = try database.insert(
            into: "b_rest_ap", columns: ["USER_ID", "PASSWORD", "TITLE", "DATE_CREATE"],
            values: [.integer(webhook.userID), .text(webhook.token), .text(webhook.title), .text(date.sqlText)])
        for scope in Set(webhook.scopes).sorted() {
            _ = try database.insert(
                into: "b_rest_ap_permission", columns: ["PASSWORD_ID", "PERM"], values: [.integer(id), .text(scope)])
        }
        return id
    }
}
