import Foundation
import Testing

/// Every auth outcome a portal produces, over a real socket.
@Suite struct AuthEndToEndTests {
    // MARK: - Permission matrix

    /// A fixture user's lead rights (see Fixtures/default.json), and a lead of their own and one of someone else.
    struct UserCase: Sendable, CustomStringConvertible {
        var id: Int
        var webhook: String
        var canAdd: Bool
        var read: String
        var update: String
        var delete: String
        var department: Int?
        var ownLead: Int?
        var description: String { "user \(id)" }
    }

    static let users: [UserCase] = [
        UserCase(
            id: 1, webhook: "1/mocktokenadmin01", canAdd: true, read: "ALL", update: "ALL", delete: "ALL",
            department: 1, ownLead: 123),
        UserCase(
            id: 2, webhook: "2/mocktokenreader2", canAdd: true, read: "ALL", update: "OWN", delete: "NONE",
            department: 2, ownLead: 100),
        UserCase(
            id: 3, webhook: "3/mocktokenowner03", canAdd: true, read: "OWN", update: "OWN", delete: "OWN",
            department: 2, ownLead: 101),
        UserCase(
            id: 4, webhook: "4/mocktokendept004", canAdd: true, read: "DEPARTMENT", update: "DEPARTMENT",
            delete: "DEPARTMENT", department: 2, ownLead: 103),
        UserCase(
            id: 5, webhook: "5/mocktokennoperm5", canAdd: false, read: "NONE", update: "NONE", delete: "NONE",
            department: 3, ownLead: nil),
    ]

    /// Who is responsible for each lead used below, and in which department they are.
    static let leadOwners: [Int: (user: Int, department: Int)] = [
        123: (1, 1), 100: (2, 2), 101: (3, 2), 103: (4, 2), 108: (1, 1),
    ]

    static func allows(_ level: String, user: UserCase, lead: Int) -> Bool {
        guard let owner = leadOwners[lead] else { return level == "ALL" }
        switch level {
        case "ALL": return true
        case "DEPARTMENT": return owner.user == user.id || owner.department == user.department
        case "OWN": return owner.user == user.id
        default: return false
        }
    }

    @Test(arguments: users)
    func everyLeadMethodAnswersAsTheRolesSay(user: UserCase) throws {
        let server = try TestServer()
        // Leads: the user's own, a colleague's in department 2, and the admin's in department 1.
        let leads = Array(Set([user.ownLead, 100, 123].compactMap { $0 })).sorted()
        let add = try server.call("crm.lead.add", #"{"fields":{"TITLE":"by \#(user.id)"}}"#, as: user.webhook)
        if user.canAdd {
            #expect(add.status == 200 && add.json?["result"] is Int, "\(user) add")
        } else {
            #expect(add.text == #"{"error":"","error_description":"Access denied."}"#, "\(user) add")
        }
        for lead in leads {
            let get = try server.call("crm.lead.get", #"{"id":\#(lead)}"#, as: user.webhook)
            if Self.allows(user.read, user: user, lead: lead) {
                #expect(get.status == 200, "\(user) get \(lead)")
            } else {
                #expect(get.text == #"{"error":"","error_description":"Access denied."}"#, "\(user) get \(lead)")
            }
            let update = try server.call(
                "crm.lead.update", #"{"id":\#(lead),"fields":{"COMMENTS":"seen"}}"#, as: user.webhook)
            if Self.allows(user.update, user: user, lead: lead) {
                #expect(update.status == 200, "\(user) update \(lead)")
            } else {
                #expect(update.text == #"{"error":"","error_description":"Access denied."}"#, "\(user) update \(lead)")
            }
        }
        let list = try server.call("crm.lead.list", #"{"select":["ID","ASSIGNED_BY_ID"]}"#, as: user.webhook)
        if user.read == "NONE" {
            #expect(list.text == #"{"error":"","error_description":"Access denied."}"#, "\(user) list")
        } else {
            let listed = (list.json?["result"] as? [[String: Any]])?.compactMap { Int($0["ID"] as? String ?? "") } ?? []
            for lead in leads {
                #expect(listed.contains(lead) == Self.allows(user.read, user: user, lead: lead), "\(user) list \(lead)")
            }
        }
        // Deletes last: they change what the other checks see.
        for lead in leads {
            let delete = try server.call("crm.lead.delete", #"{"id":\#(lead)}"#, as: user.webhook)
            if Self.allows(user.delete, user: user, lead: lead) {
                #expect(delete.status == 200, "\(user) delete \(lead)")
            } else {
                #expect(
                    delete.text
                        == #"{"error":"","error_description":"Lead #\#(lead): insufficient permissions to delete"}"#,
                    "\(user) delete \(lead)")
            }
        }
        // After the deletes, a missing lead is "not found" only for those who may reach every lead.
        let missing = try server.call("crm.lead.get", #"{"id":99999}"#, as: user.webhook)
        let expected = user.read == "ALL" ? "Not found" : "Access denied."
        #expect(missing.json?["error_description"] as? String == expected, "\(user) get missing")
    }

    // MARK: - Strict mode

    @Test func strictModeLetsNothingThroughWithoutValidCredentials() throws {
        let server = try TestServer { $0.authMode = .strict }
        let methods = [
            "crm.lead.delete", "crm.lead.get", "crm.lead.list", "crm.lead.add", "batch", "profile",
            "user.current", "crm.timeline.comment.list", "crm.activity.list", "crm.stagehistory.list",
        ]
        var answers = 0
        for method in methods {
            for path in ["/rest/\(method)", "/rest/\(method)/", "/rest/\(method).json", "/rest/\(method.uppercased())"]
            {
                let attempts: [(String, String, [(String, String)], String)] = [
                    ("GET", path + "?id=123", [], ""),
                    ("POST", path, [("Content-Type", "application/x-www-form-urlencoded")], "id=123"),
                    ("POST", path, [("Content-Type", "application/json")], #"{"id":123}"#),
                    ("GET", path + "?id=123&auth=", [], ""),
                    ("GET", path + "?id=123&auth=garbagegarbage", [], ""),
                    ("POST", path, [("Content-Type", "application/json")], #"{"id":123,"auth":"garbagegarbage"}"#),
                    ("GET", path + "?id=123&access_token=mockexpiredaccesstoken01", [], ""),
                    ("GET", path + "?id=123", [("Authorization", "Bearer garbagegarbage")], ""),
                    ("GET", path + "?id=123", [("Authorization", "Bearer ")], ""),
                    ("GET", "/rest/1/wrongtoken000/\(method).json?id=123", [], ""),
                    ("GET", "/rest/1/mocktokenadmin01x/\(method)?id=123", [], ""),
                ]
                for (verb, target, headers, body) in attempts {
                    let response = try server.request(verb, target, headers: headers, body: body)
                    answers += 1
                    #expect(response.status == 401, "\(verb) \(target) \(body) → \(response.status) \(response.text)")
                    #expect(response.json?["result"] == nil)
                }
            }
        }
        #expect(answers == 440)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead WHERE ID = 123") == 1)
        let bare = try server.postJSON("/rest/crm.lead.get", #"{"id":123}"#)
        #expect(bare.text == #"{"error":"NO_AUTH_FOUND","error_description":"Wrong authorization data"}"#)
        // Valid credentials in every placement still work.
        #expect(try server.request("GET", "/rest/1/mocktokenadmin01/profile.json").status == 200)
        #expect(try server.request("GET", "/rest/profile?auth=mockaccesstokenadmin0001").status == 200)
        #expect(try server.request("GET", "/rest/profile?access_token=mockaccesstokenadmin0001").status == 200)
        #expect(
            try server.request("GET", "/rest/profile", headers: [("Authorization", "Bearer mockaccesstokenadmin0001")])
                .status == 200)
        #expect(
            try server.request(
                "POST", "/rest/profile.json", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: "auth=mockaccesstokenadmin0001"
            ).status == 200)
    }

    // MARK: - OAuth

    @Test func accessTokensAreReadFromEveryPlaceThePortalReadsThem() throws {
        let server = try TestServer()
        for (target, headers) in [
            ("/rest/profile?auth=mockaccesstokenreader002", [(String, String)]()),
            ("/rest/profile?access_token=mockaccesstokenreader002", []),
            ("/rest/profile", [("Authorization", "Bearer mockaccesstokenreader002")]),
            ("/rest/profile", [("Authorization", "bearer   mockaccesstokenreader002")]),
        ] {
            let response = try server.request("GET", target, headers: headers)
            #expect(response.status == 200, "\(target)")
            #expect(response.text.hasPrefix(#"{"result":{"ID":"2","ADMIN":false,"NAME":"Rita","#), "\(target)")
        }
        let unknown = try server.request("GET", "/rest/profile?auth=nosuchtoken123")
        #expect(unknown.status == 401)
        #expect(
            unknown.text == #"{"error":"invalid_token","error_description":"The access token provided is invalid"}"#)
        let expired = try server.request("GET", "/rest/crm.lead.get?id=123&auth=mockexpiredaccesstoken01")
        #expect(expired.status == 401)
        #expect(
            expired.text == #"{"error":"expired_token","error_description":"The access token provided has expired"}"#)
        let scope = try server.request("GET", "/rest/crm.lead.get?id=123&auth=mockaccesstokennocrm0001")
        #expect(scope.status == 403)
        #expect(
            scope.text
                == #"{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token"}"#
        )
        // The auth parameters never reach the method: a token in the body does not become a filter or a field.
        let added = try server.call("crm.lead.add", #"{"auth":"mockaccesstokenadmin0001","fields":{"TITLE":"t"}}"#)
        #expect(added.status == 200)
    }

    @Test func aClientRefreshesAnExpiredTokenEndToEnd() throws {
        let server = try TestServer()
        let expired = try server.request("GET", "/rest/crm.lead.get?id=123&auth=mockexpiredaccesstoken01")
        #expect(expired.json?["error"] as? String == "expired_token")
        let refresh = try server.request(
            "GET",
            "/oauth/token/?grant_type=refresh_token&client_id=local.mockapp.000001&client_secret=mockclientsecret0001"
                + "&refresh_token=mockrefreshforexpired001")
        #expect(refresh.status == 200)
        let token = try #require(refresh.json?["access_token"] as? String)
        let newRefresh = try #require(refresh.json?["refresh_token"] as? String)
        #expect(refresh.json?["expires_in"] as? Int == 3600)
        #expect(refresh.json?["expires"] is Int)
        #expect(refresh.json?["user_id"] as? Int == 1)
        #expect(refresh.json?["scope"] as? String == "crm,user")
        #expect(refresh.json?["member_id"] is String)
        #expect((refresh.json?["client_endpoint"] as? String)?.hasSuffix("/rest/") == true)
        #expect(try server.request("GET", "/rest/crm.lead.get?id=123&auth=\(token)").status == 200)
        // A refresh token works once.
        let again = try server.request(
            "GET",
            "//oauth/token/?grant_type=refresh_token&client_id=local.mockapp.000001&client_secret=mockclientsecret0001"
                + "&refresh_token=mockrefreshforexpired001")
        #expect(again.status == 400)
        #expect(again.text == #"{"error":"invalid_grant"}"#)
        // CRest posts a form.
        let posted = try server.request(
            "POST", "/oauth/token/", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: "grant_type=refresh_token&client_id=local.mockapp.000001&client_secret=mockclientsecret0001"
                + "&refresh_token=\(newRefresh)")
        #expect(posted.status == 200)
        let wrongSecret = try server.request(
            "GET",
            "/oauth/token/?grant_type=refresh_token&client_id=local.mockapp.000001&client_secret=nope&refresh_token=x")
        #expect(wrongSecret.status == 400 && wrongSecret.text == #"{"error":"invalid_client"}"#)
        let wrongClient = try server.request(
            "GET", "/oauth/token/?grant_type=refresh_token&client_id=nope&client_secret=nope&refresh_token=x")
        #expect(wrongClient.status == 200 && wrongClient.text == #"{"error":"wrong_client"}"#)
        let noToken = try server.request(
            "GET", "/oauth/token/?grant_type=refresh_token&client_id=local.mockapp.000001")
        #expect(noToken.status == 400 && noToken.json?["error"] as? String == "invalid_request")
    }

    @Test func tokensExpireByTheInjectedClockWithoutSleeping() throws {
        let clock = ManualClock()
        let server = try TestServer(clock: clock)
        let issued = try server.request(
            "POST", "/_mock/oauth/tokens", headers: [("Content-Type", "application/json")],
            body: #"{"client_id":"local.mockapp.000001","user_id":3,"expires_in":3600}"#)
        #expect(issued.status == 200)
        let token = try #require(issued.json?["access_token"] as? String)
        #expect(issued.json?["expires"] as? Int == Int(clock.now()) + 3600)
        let before = try server.request("GET", "/rest/profile", headers: [("Authorization", "Bearer \(token)")])
        #expect(before.text.hasPrefix(#"{"result":{"ID":"3","#))
        clock.advance(by: 3599)
        #expect(try server.request("GET", "/rest/profile?auth=\(token)").status == 200)
        clock.advance(by: 1)
        let after = try server.request("GET", "/rest/profile?auth=\(token)")
        #expect(after.json?["error"] as? String == "expired_token")
        // The fixture tokens count from the store's start, on the same clock.
        clock.advance(by: 315_360_000)
        #expect(
            try server.request("GET", "/rest/profile?auth=mockaccesstokenadmin0001").json?["error"] as? String
                == "expired_token")
        let bad = try server.request(
            "POST", "/_mock/oauth/tokens", headers: [("Content-Type", "application/json")],
            body: #"{"client_id":"no.such.app","user_id":1}"#)
        #expect(bad.status == 400)
    }

    // MARK: - Who is calling

    @Test func credentialsForOneUserNeverActAsAnother() throws {
        let server = try TestServer()
        // Another user's token in the webhook path is refused.
        #expect(try server.request("GET", "/rest/2/mocktokenadmin01/profile").status == 401)
        // A webhook wins over an auth parameter, and a header over parameters: each acts as its own user.
        let webhook = try server.request("GET", "/rest/2/mocktokenreader2/profile?auth=mockaccesstokenadmin0001")
        #expect(webhook.json.flatMap { ($0["result"] as? [String: Any])?["ID"] as? String } == "2")
        let header = try server.request(
            "GET", "/rest/profile?auth=mockaccesstokenadmin0001",
            headers: [("Authorization", "Bearer mockaccesstokenreader002")])
        #expect(header.json.flatMap { ($0["result"] as? [String: Any])?["ID"] as? String } == "2")
        let denied = try server.request(
            "GET", "/rest/crm.lead.delete?id=123&access_token=mockaccesstokenadmin0001",
            headers: [("Authorization", "Bearer mockaccesstokenreader002")])
        #expect(denied.text.contains("insufficient permissions to delete"))
    }

    @Test func profileAndUserCurrentDescribeTheCaller() throws {
        let server = try TestServer()
        let profile = try server.request("GET", "/rest/1/mocktokenadmin01/profile")
        #expect(
            profile.text.hasPrefix(
                #"{"result":{"ID":"1","ADMIN":true,"NAME":"Andrew","LAST_NAME":"Admin","PERSONAL_GENDER":"M","TIME_ZONE":""},"time":{"#
            ))
        let current = try #require(
            try server.result("user.current", as: "2/mocktokenreader2") as? [String: Any])
        #expect(current["ID"] as? String == "2")
        #expect(current["ACTIVE"] as? Bool == true)
        #expect(current["EMAIL"] as? String == "rita@mock-portal.example")
        #expect(current["UF_DEPARTMENT"] as? [Int] == [2])
        // profile needs no scope; user.current needs a user scope, which the reader's webhook has as user_basic.
        #expect(try server.request("GET", "/rest/1/mocktokennocrm05/profile").status == 200)
        let noUserScope = try server.request("GET", "/rest/user.current?auth=mockaccesstokennocrm0001")
        #expect(noUserScope.status == 200)
    }
}
