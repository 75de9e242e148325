import Foundation
import Testing

/// The lead family over a real socket: add, get, update, list, fields, and what each leaves behind.
@Suite struct LeadMethodsEndToEndTests {
    @Test func roundTripAddGetUpdateListDeleteShowsWhatThePortalShows() throws {
        let server = try TestServer()
        let newID = try #require(
            try server.result(
                "crm.lead.add",
                #"{"fields":{"TITLE":"Round trip","NAME":"Ada","STATUS_ID":"NEW","OPPORTUNITY":1500.5,"CURRENCY_ID":"EUR","#
                    + #""PHONE":[{"VALUE":"+1 555 7000","VALUE_TYPE":"MOBILE"}],"EMAIL":[{"VALUE":"ada@example.com"}],"#
                    + #""UF_CRM_EXPECTED_SEATS":12,"UNKNOWN_FIELD":"x","title":"ignored","DATE_CREATE":"2000-01-01"},"#
                    + #""params":{"REGISTER_SONET_EVENT":"Y"}}"#) as? Int)

        let lead = try #require(try server.result("crm.lead.get", #"{"id":\#(newID)}"#) as? [String: Any])
        #expect(lead["ID"] as? String == String(newID))
        #expect(lead["TITLE"] as? String == "Round trip")
        #expect(lead["OPPORTUNITY"] as? String == "1500.50")
        #expect(lead["CURRENCY_ID"] as? String == "EUR")
        #expect(lead["SOURCE_ID"] as? String == "CALL")
        #expect(lead["ASSIGNED_BY_ID"] as? String == "1")
        #expect(lead["HAS_PHONE"] as? String == "Y")
        #expect(lead["HAS_EMAIL"] as? String == "Y")
        #expect(lead["BIRTHDATE"] as? String == "")
        #expect(lead["DATE_CLOSED"] as? String == "")
        #expect(lead["SECOND_NAME"] is NSNull)
        #expect((lead["DATE_CREATE"] as? String)?.hasPrefix("2000") == false)
        #expect(lead["UF_CRM_EXPECTED_SEATS"] as? Int == 12)
        #expect(lead["UF_CRM_BUDGET_APPROVED"] as? String == "")
        #expect(lead["UNKNOWN_FIELD"] == nil && lead["title"] == nil)
        let phones = try #require(lead["PHONE"] as? [[String: Any]])
        #expect(phones.count == 1)
        #expect(phones[0]["VALUE_TYPE"] as? String == "MOBILE")
        #expect(phones[0]["TYPE_ID"] as? String == "PHONE")
        let phoneID = try #require(phones[0]["ID"] as? String)
        let emailID = try #require((lead["EMAIL"] as? [[String: Any]])?.first?["ID"] as? String)
        #expect(lead["WEB"] == nil)

        let updated = try server.result(
            "crm.lead.update",
            #"{"id":\#(newID),"fields":{"TITLE":"","STATUS_ID":"IN_PROCESS","NAME":"Ada L.","#
                + #""PHONE":[{"ID":"\#(phoneID)","VALUE":"+1 555 7001","VALUE_TYPE":"WORK"},{"VALUE":"+1 555 7002"}],"#
                + #""EMAIL":[{"ID":"\#(emailID)","DELETE":"Y"}]}}"#)
        #expect(updated as? Bool == true)
        let after = try #require(try server.result("crm.lead.get", #"{"id":\#(newID)}"#) as? [String: Any])
        #expect(after["TITLE"] as? String == "Round trip")
        #expect(after["NAME"] as? String == "Ada L.")
        #expect(after["STATUS_ID"] as? String == "IN_PROCESS")
        #expect(after["HAS_EMAIL"] as? String == "N")
        #expect(after["EMAIL"] == nil)
        #expect(
            (after["PHONE"] as? [[String: Any]])?.compactMap { $0["VALUE"] as? String } == [
                "+1 555 7001", "+1 555 7002",
            ])

        let listed = try server.call(
            "crm.lead.list", #"{"filter":{"%TITLE":"round","=STATUS_ID":"IN_PROCESS"},"select":["TITLE","PHONE"]}"#)
        #expect(
            listed.text.hasPrefix(#"{"result":[{"TITLE":"Round trip","ID":"\#(newID)","PHONE":[{"ID":"\#(phoneID)""#))
        #expect(listed.json?["total"] as? Int == 1)

        let history = try #require(
            try server.result(
                "crm.stagehistory.list", #"{"entityTypeId":1,"filter":{"OWNER_ID":\#(newID)},"order":{"ID":"ASC"}}"#)
                as? [String: Any])
        let rows = try #require(history["items"] as? [[String: Any]])
        #expect(rows.compactMap { $0["STATUS_ID"] as? String } == ["NEW", "IN_PROCESS"])
        #expect(rows.compactMap { $0["TYPE_ID"] as? Int } == [1, 2])
        #expect(rows.first?["OWNER_ID"] as? Int == newID)

        #expect(try server.result("crm.lead.delete", #"{"id":\#(newID)}"#) as? Bool == true)
        let gone = try server.call("crm.lead.get", #"{"id":\#(newID)}"#)
        #expect(gone.status == 400)
        #expect(gone.text == #"{"error":"","error_description":"Not found"}"#)
        let historyAfter = try server.call(
            "crm.stagehistory.list", #"{"entityTypeId":1,"filter":{"OWNER_ID":\#(newID)}}"#)
        #expect(historyAfter.text.hasPrefix(#"{"result":{"items":[]},"total":0,"#))
    }

    @Test func addWritesTheSideEffectsOfCreation() throws {
        let server = try TestServer()
        let id = try #require(try server.result("crm.lead.add", #"{"fields":{}}"#) as? Int)
        let lead = try #require(try server.result("crm.lead.get", #"{"id":\#(id)}"#) as? [String: Any])
        #expect(lead["TITLE"] as? String == "Lead #\(id)")
        #expect(lead["STATUS_ID"] as? String == "NEW")
        #expect(lead["OPENED"] as? String == "Y")
        #expect(
            try server.count(
                "SELECT COUNT(*) FROM b_crm_event_relations WHERE ENTITY_TYPE = 'LEAD' AND ENTITY_ID = \(id)") == 1)
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead_status_history WHERE OWNER_ID = \(id)") == 1)
        #expect(
            try server.count("SELECT COUNT(*) FROM b_crm_timeline_bind WHERE ENTITY_TYPE_ID = 1 AND ENTITY_ID = \(id)")
                == 1)
    }

    @Test func parameterErrorsUseThePortalTexts() throws {
        let server = try TestServer()
        let cases: [(String, String, String)] = [
            ("crm.lead.add", #"{"fields":"x"}"#, "Parameter 'fields' must be array."),
            ("crm.lead.add", #"{"params":5}"#, "Parameter 'params' must be array."),
            ("crm.lead.get", #"{}"#, "ID is not defined or invalid."),
            ("crm.lead.get", #"{"id":9999}"#, "Not found"),
            ("crm.lead.update", #"{"id":0,"fields":"x"}"#, "Parameter 'fields' must be array."),
            ("crm.lead.update", #"{"fields":{}}"#, "ID is not defined or invalid."),
            ("crm.lead.update", #"{"id":9999,"fields":{"TITLE":"x"}}"#, "Lead is not found"),
            ("crm.lead.list", #"{"filter":"x"}"#, "Parameter 'filter' must be array."),
            ("crm.lead.list", #"{"order":1}"#, "Parameter 'order' must be array."),
        ]
        for (method, body, message) in cases {
            let response = try server.call(method, body)
            #expect(response.status == 400, "\(method) \(body)")
            #expect(response.json?["error"] as? String == "", "\(method) \(body)")
            #expect(response.json?["error_description"] as? String == message, "\(method) \(body)")
        }
    }

    @Test func anInvalidEmailIsRefusedAsACoreError() throws {
        let server = try TestServer()
        let response = try server.call("crm.lead.add", #"{"fields":{"EMAIL":[{"VALUE":"not-an-address"}]}}"#)
        #expect(response.status == 400)
        #expect(response.json?["error"] as? String == "ERROR_CORE")
        #expect(response.text.contains(#"\u003Cbr\u003E"#))
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead") == 14)
    }

    @Test func permissionsDecideBeforeExistence() throws {
        let server = try TestServer()
        // Oleg (user 3) reads and updates only his own leads; lead 123 is the admin's.
        let get = try server.call("crm.lead.get", #"{"id":123}"#, as: "3/mocktokenowner03")
        #expect(get.text == #"{"error":"","error_description":"Access denied."}"#)
        let missing = try server.call("crm.lead.get", #"{"id":9999}"#, as: "3/mocktokenowner03")
        #expect(missing.text == #"{"error":"","error_description":"Access denied."}"#)
        let update = try server.call("crm.lead.update", #"{"id":123,"fields":{"TITLE":"x"}}"#, as: "3/mocktokenowner03")
        #expect(update.text == #"{"error":"","error_description":"Access denied."}"#)
        #expect(try server.result("crm.lead.get", #"{"id":101}"#, as: "3/mocktokenowner03") is [String: Any])
        // His list shows only his leads.
        let list = try server.call("crm.lead.list", #"{"select":["ID"]}"#, as: "3/mocktokenowner03")
        let ids = (list.json?["result"] as? [[String: Any]])?.compactMap { $0["ID"] as? String }
        #expect(ids == ["101", "102", "107", "112"])
        #expect(list.json?["total"] as? Int == 4)
    }

    @Test func listPagesFiftyAtATimeOver134Leads() throws {
        let server = try TestServer()
        for chunk in 0..<3 {
            var commands: [String] = []
            for index in 0..<40 {
                commands.append(
                    #""c\#(index)":"crm.lead.add?fields[TITLE]=Bulk \#(chunk * 40 + index)&fields[SOURCE_ID]=WEB""#)
            }
            let batch = try server.call("batch", #"{"cmd":{\#(commands.joined(separator: ","))}}"#)
            #expect(batch.status == 200)
        }
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_lead") == 134)
        func page(_ start: Int) throws -> RawHTTPClient.Response {
            try server.call("crm.lead.list", #"{"select":["ID"],"start":\#(start)}"#)
        }
        let first = try page(0)
        #expect((first.json?["result"] as? [Any])?.count == 50)
        #expect(first.json?["next"] as? Int == 50)
        #expect(first.json?["total"] as? Int == 134)
        #expect(first.text.contains(#"],"next":50,"total":134,"time":{"#))
        let floored = try page(75)
        #expect(floored.json?["next"] as? Int == 100)
        #expect(floored.text.prefix(40) == (try page(50)).text.prefix(40))
        let last = try page(100)
        #expect((last.json?["result"] as? [Any])?.count == 34)
        #expect(last.json?["next"] == nil)
        #expect(last.json?["total"] as? Int == 134)
        let uncounted = try page(-1)
        #expect((uncounted.json?["result"] as? [Any])?.count == 50)
        #expect(uncounted.json?["next"] == nil)
        #expect(uncounted.json?["total"] as? Int == 0)
        // Walking `next` visits every lead exactly once.
        var seen: [String] = []
        var start: Int? = 0
        while let current = start {
            let response = try page(current)
            seen += (response.json?["result"] as? [[String: Any]])?.compactMap { $0["ID"] as? String } ?? []
            start = response.json?["next"] as? Int
        }
        #expect(seen.count == 134 && Set(seen).count == 134)
    }

    @Test func filterOperatorsMatchThePortal() throws {
        let server = try TestServer()
        func ids(_ filter: String, order: String = #"{"ID":"ASC"}"#) throws -> [String] {
            let response = try server.call("crm.lead.list", #"{"filter":\#(filter),"order":\#(order),"select":["ID"]}"#)
            return (response.json?["result"] as? [[String: Any]])?.compactMap { $0["ID"] as? String } ?? []
        }
        #expect(try ids(#"{"STATUS_ID":"JUNK"}"#) == ["104"])
        #expect(try ids(#"{"=STATUS_ID":"converted"}"#) == ["105"])
        #expect(try ids(#"{"!STATUS_ID":["NEW","IN_PROCESS","PROCESSED"]}"#) == ["104", "105"])
        #expect(try ids(#"{">OPPORTUNITY":30000}"#) == ["112", "123"])
        #expect(try ids(#"{">=OPPORTUNITY":30000}"#) == ["105", "112", "123"])
        #expect(try ids(#"{"<OPPORTUNITY":1000,">OPPORTUNITY":0}"#) == ["108"])
        #expect(try ids(#"{"<=ID":101}"#) == ["100", "101"])
        #expect(try ids(#"{"%TITLE":"call"}"#) == ["102", "107"])
        #expect(try ids(#"{"!%TITLE":"e"}"#).allSatisfy { !["100", "101"].contains($0) })
        #expect(try ids(#"{"@ID":[100,"104",9999]}"#) == ["100", "104"])
        #expect(try ids(#"{"!@ASSIGNED_BY_ID":[1,2,3]}"#) == ["103", "106", "110"])
        #expect(try ids(#"{"@ID":[]}"#).count == 14)
        #expect(try ids(#"{"=%TITLE":"Callback%"}"#) == ["102"])
        #expect(try ids(#"{"PHONE":"+7"}"#) == ["102", "112"])
        #expect(try ids(#"{"EMAIL":"emma"}"#) == ["108"])
        #expect(try ids(#"{"HAS_EMAIL":"N","HAS_PHONE":"N"}"#) == ["106", "111"])
        #expect(try ids(#"{">=DATE_CREATE":"2026-11-25T00:00:00+03:00"}"#) == ["111", "112"])
        #expect(try ids(#"{"UF_CRM_EXPECTED_SEATS":40}"#) == ["123"])
        #expect(try ids(#"{"NOT_A_FIELD":1,"status_id":"JUNK"}"#).count == 14)
        #expect(try ids(#"{"ID":"123abc"}"#) == ["123"])
        #expect(try ids(#"{}"#, order: #"{"opportunity":"desc","ID":"nonsense"}"#).first == "112")
        #expect(try ids(#"{"@STATUS_ID":["NEW","JUNK"]}"#, order: #"{"STATUS_ID":"DESC"}"#).first == "104")
    }

    @Test func selectShapesTheItems() throws {
        let server = try TestServer()
        let star = try server.call("crm.lead.list", #"{"filter":{"ID":123},"select":["*"]}"#)
        let item = try #require((star.json?["result"] as? [[String: Any]])?.first)
        #expect(item["TITLE"] != nil && item["PHONE"] == nil && item["UF_CRM_EXPECTED_SEATS"] == nil)
        let custom = try server.call("crm.lead.list", #"{"filter":{"ID":123},"select":["UF_*","EMAIL","title"]}"#)
        #expect(
            custom.text.hasPrefix(
                #"{"result":[{"TITLE":"Northwind Traders: 40 workstations","ID":"123","UF_CRM_BUDGET_APPROVED":"Y","UF_CRM_EXPECTED_SEATS":40,"EMAIL":[{"#
            ))
        let unset = try server.call("crm.lead.list", #"{"filter":{"ID":100},"select":["UF_CRM_EXPECTED_SEATS"]}"#)
        #expect(unset.text.hasPrefix(#"{"result":[{"ID":"100","UF_CRM_EXPECTED_SEATS":null}]"#))
    }

    /// A narrow select reads only its columns; the values must be exactly those of a full select.
    @Test func aNarrowSelectGivesTheSameValuesAsAFullOne() throws {
        let server = try TestServer()
        let names = ["DATE_CREATE", "OPPORTUNITY", "ASSIGNED_BY_ID", "OPENED", "HAS_PHONE", "STATUS_ID", "COMMENTS"]
        let full = try server.call("crm.lead.list", #"{"order":{"ID":"ASC"},"select":["*","PHONE"]}"#)
        let selected = names.map { #""\#($0)""# }.joined(separator: ",")
        let narrow = try server.call("crm.lead.list", #"{"order":{"ID":"ASC"},"select":[\#(selected)]}"#)
        let fullItems = try #require(full.json?["result"] as? [[String: Any]])
        let narrowItems = try #require(narrow.json?["result"] as? [[String: Any]])
        #expect(fullItems.count == narrowItems.count && narrowItems.count > 10)
        for (wide, thin) in zip(fullItems, narrowItems) {
            #expect(Set(thin.keys) == Set(names + ["ID"]))
            for name in names + ["ID"] {
                #expect(
                    "\(wide[name] ?? "missing")" == "\(thin[name] ?? "missing")", "\(name) of lead \(thin["ID"] ?? "?")"
                )
            }
        }
    }

    @Test func fieldsDescribesStandardAndUserFields() throws {
        let server = try TestServer()
        let response = try server.call("crm.lead.fields")
        #expect(
            response.text.hasPrefix(
                #"{"result":{"ID":{"type":"integer","isRequired":false,"isReadOnly":true,"isImmutable":false,"isMultiple":false,"isDynamic":false,"title":"ID"},"TITLE":{"#
            ))
        let fields = try #require(response.json?["result"] as? [String: [String: Any]])
        #expect(fields["STATUS_ID"]?["statusType"] as? String == "STATUS")
        #expect(fields["PHONE"]?["type"] as? String == "crm_multifield")
        #expect(fields["PHONE"]?["isMultiple"] as? Bool == true)
        #expect(fields["UF_CRM_EXPECTED_SEATS"]?["type"] as? String == "double")
        #expect(fields["UF_CRM_EXPECTED_SEATS"]?["isDynamic"] as? Bool == true)
        #expect(fields["UF_CRM_EXPECTED_SEATS"]?["listLabel"] as? String == "Expected seats")
        #expect(fields.count == 58 + 2)
    }

    @Test func updateTracksStatusAndModification() throws {
        let server = try TestServer()
        let before = try #require(try server.result("crm.lead.get", #"{"id":100}"#) as? [String: Any])
        #expect(
            try server.result("crm.lead.update", #"{"id":100,"fields":{"STATUS_ID":"JUNK"}}"#, as: "1/mocktokenadmin01")
                as? Bool == true)
        let after = try #require(try server.result("crm.lead.get", #"{"id":100}"#) as? [String: Any])
        #expect(after["STATUS_SEMANTIC_ID"] as? String == "F")
        #expect(after["DATE_CLOSED"] as? String != "")
        #expect(after["MOVED_BY_ID"] as? String == "1")
        #expect(after["DATE_MODIFY"] as? String != before["DATE_MODIFY"] as? String)
        // An unknown status keeps the old one.
        _ = try server.result("crm.lead.update", #"{"id":100,"fields":{"STATUS_ID":"NO_SUCH"}}"#)
        #expect(
            (try server.result("crm.lead.get", #"{"id":100}"#) as? [String: Any])?["STATUS_ID"] as? String == "JUNK")
        #expect(
            try server.count("SELECT COUNT(*) FROM b_crm_lead_status_history WHERE OWNER_ID = 100 AND TYPE_ID = 3") == 1
        )
        #expect(
            try server.count("SELECT COUNT(*) FROM b_crm_timeline WHERE TYPE_ID = 3 AND ASSOCIATED_ENTITY_ID = 100")
                == 1)
        #expect(
            try server.count(
                "SELECT COUNT(*) FROM b_crm_event e JOIN b_crm_event_relations r ON r.EVENT_ID = e.ID WHERE r.ENTITY_ID = 100 AND r.ENTITY_FIELD = 'STATUS_ID'"
            ) == 1)
    }
}
