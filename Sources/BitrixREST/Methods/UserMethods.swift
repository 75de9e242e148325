import CRMStore
import JSON

/// `profile` and `user.current`: who the credentials belong to; clients call them to check their credentials.
public enum UserMethods {
    public static let all: [RESTMethod] = [profile, current]

    /// `profile` (no scope needed): `ID` as a string, `ADMIN` as a boolean, and the name fields
    /// (`CRestProvider::getProfile`).
    static let profile = RESTMethod("profile", scope: RESTCaller.globalScope) { call throws(RESTError) in
        guard let user = try call.read({ try $0.users.user(id: call.caller.userID) }), user.isActive else {
            return RESTResult(.array([]))
        }
        return RESTResult(
            [
                "ID": .string(String(user.id)), "ADMIN": .bool(user.isAdmin), "NAME": .string(user.name),
                "LAST_NAME": .string(user.lastName), "PERSONAL_GENDER": .string(user.gender),
                "TIME_ZONE": .string(user.timeZone),
            ])
    }

    /// `user.current` (scope `user`, `user_basic` or `user_brief`): the calling user's fields; the brief scope
    /// leaves out the e-mail, as the portal's name-only field list does.
    static let current = RESTMethod("user.current", scope: "user") { call throws(RESTError) in
        guard let user = try call.read({ try $0.users.user(id: call.caller.userID) }) else {
            return RESTResult(.array([]))
        }
        let scopes = call.caller.scopes
        let brief =
            scopes.map { !$0.contains("user") && !$0.contains("user_basic") && $0.contains("user_brief") }
            ?? false
        var object: JSONObject = [
            "ID": .string(String(user.id)), "ACTIVE": .bool(user.isActive), "NAME": .string(user.name),
            "LAST_NAME": .string(user.lastName), "SECOND_NAME": .string(user.secondName),
        ]
        if !brief { object["EMAIL"] = .string(user.email) }
        object["DATE_REGISTER"] = .string(
            WireValue.date(.text(String(user.registered.sqlText.prefix(10))), in: .fixed(utcOffsetSeconds: 0))
                .stringValue ?? "")
        object["TIME_ZONE"] = .string(user.timeZone)
        object["IS_ONLINE"] = "N"
        object["PERSONAL_GENDER"] = .string(user.gender)
        object["PERSONAL_BIRTHDAY"] = ""
        object["WORK_POSITION"] = .string(user.workPosition)
        object["UF_DEPARTMENT"] = .array(user.departmentID.map { [.int($0)] } ?? [])
        object["USER_TYPE"] = "employee"
        return RESTResult(.object(object))
    }
}
