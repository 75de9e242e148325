import Foundation
import Testing

/// The read-back methods a test uses to prove what a lead delete removed: timeline comments, activities, stage
/// history, contact links, and contacts.
@Suite struct ReadBackEndToEndTests {
    @Test func timelineCommentsSurviveOnlyWhereTheyAreShared() throws {
        let server = try TestServer()
        let added = try #require(
            try server.result(
                "crm.timeline.comment.add",
                #"{"fields":{"ENTITY_ID":123,"ENTITY_TYPE":"lead","COMMENT":"  via REST  ","AUTHOR_ID":4}}"#)
                as? Int)
        let got = try #require(try server.result("crm.timeline.comment.get", #"{"id":\#(added)}"#) as? [String: Any])
        #expect(got["COMMENT"] as? String == "via REST")
        #expect(got["AUTHOR_ID"] as? String == "1")
        #expect(got["ENTITY_TYPE"] as? String == "lead")
        let list = try server.call(
            "crm.timeline.comment.list", #"{"filter":{"ENTITY_ID":123,"ENTITY_TYPE":"lead"},"order":{"ID":"DESC"}}"#)
        #expect(list.json?["total"] as? Int == 3)
        #expect((list.json?["result"] as? [[String: Any]])?.first?["ID"] as? String == String(added))
        #expect(list.text.hasPrefix(#"{"result":[{"ID":"\#(added)","ENTITY_ID":"123","ENTITY_TYPE":"lead","CREATED":"#))

        #expect(try server.result("crm.lead.delete", #"{"id":123}"#) as? Bool == true)
        let afterLead = try server.call(
            "crm.timeline.comment.list", #"{"filter":{"ENTITY_ID":123,"ENTITY_TYPE":"lead"}}"#)
        #expect(afterLead.text.hasPrefix(#"{"result":[],"total":0,"#))
        let onContact = try server.call(
            "crm.timeline.comment.list", #"{"filter":{"ENTITY_ID":1,"ENTITY_TYPE":"contact"}}"#)
        #expect(
            (onContact.json?["result"] as? [[String: Any]])?.compactMap { $0["COMMENT"] as? String }
                == ["Maria is also the contact for the follow-up deal."])
        let gone = try server.call("crm.timeline.comment.get", #"{"id":\#(added)}"#)
        #expect(gone.text == #"{"error":"","error_description":"Not found."}"#)
        // A user who may read only some leads cannot look at a deleted one.
        let denied = try server.call(
            "crm.timeline.comment.list", #"{"filter":{"ENTITY_ID":123,"ENTITY_TYPE":"lead"}}"#, as: "3/mocktokenowner03"
        )
        #expect(denied.text == #"{"error":"","error_description":"Access denied."}"#)
    }

    @Test func timelineCommentErrorsCarryTheControllerCodes() throws {
        let server = try TestServer()
        #expect(
            try server.call("crm.timeline.comment.add", #"{}"#).text
                == #"{"error":"100","error_description":"Could not find value for parameter {fields}"}"#)
        #expect(
            try server.call("crm.timeline.comment.add", #"{"fields":{"ENTITY_TYPE":"lead"}}"#).text
                == #"{"error":"OWNER_NOT_FOUND","error_description":"Owner was not found"}"#)
        #expect(
            try server.call(
                "crm.timeline.comment.add", #"{"fields":{"ENTITY_TYPE":"lead","ENTITY_ID":123,"COMMENT":" "}}"#
            ).text
                == #"{"error":"INVALID_ARG_VALUE","error_description":"Empty comment message"}"#)
        #expect(
            try server.call(
                "crm.timeline.comment.add", #"{"fields":{"ENTITY_TYPE":"lead","ENTITY_ID":123,"COMMENT":"x"}}"#,
                as: "2/mocktokenreader2"
            ).text == #"{"error":"ACCESS_DENIED","error_description":"Access denied"}"#)
        let sharedID = try server.count(
            "SELECT t.ID FROM b_crm_timeline t WHERE t.COMMENT LIKE 'Maria is also%'")
        #expect(
            try server.call("crm.timeline.comment.delete", #"{"id":\#(sharedID)}"#).text
                == #"{"error":"MULTIPLE_BINDINGS","error_description":"Entity has multiple bindings"}"#)
        let deleted = try server.call(
            "crm.timeline.comment.delete", #"{"id":\#(sharedID),"ownerTypeId":1,"ownerId":123}"#)
        #expect(deleted.text.hasPrefix(#"{"result":null,"time":{"#))
        #expect(try server.count("SELECT COUNT(*) FROM b_crm_timeline_bind WHERE OWNER_ID = \(sharedID)") == 1)
    }

    @Test func activitiesBoundElsewhereSurviveTheLead() throws {
        let server = try TestServer()
        let id = try #require(
            try server.result(
                "crm.activity.add",
                #"{"fields":{"OWNER_TYPE_ID":1,"OWNER_ID":123,"TYPE_ID":2,"SUBJECT":"Call back","DIRECTION":2,"#
                    + #""COMMUNICATIONS":[{"VALUE":"+1 555 0100","ENTITY_TYPE_ID":3,"ENTITY_ID":1}]}}"#) as? Int)
        let activity = try #require(try server.result("crm.activity.get", #"{"id":\#(id)}"#) as? [String: Any])
        #expect(activity["SUBJECT"] as? String == "Call back")
        #expect(activity["OWNER_TYPE_ID"] as? String == "1")
        #expect(activity["RESPONSIBLE_ID"] as? String == "1")
        #expect(activity["SETTINGS"] as? [Any] != nil)
        let onLead = try server.call(
            "crm.activity.list", #"{"filter":{"OWNER_TYPE_ID":1,"OWNER_ID":123},"select":["*","COMMUNICATIONS"]}"#)
        #expect(onLead.json?["total"] as? Int == 3)
        #expect(onLead.text.contains(#""COMMUNICATIONS":[{"ID":"#))

        #expect(try server.result("crm.lead.delete", #"{"id":123}"#) as? Bool == true)
        let afterDelete = try server.call("crm.activity.list", #"{"filter":{"OWNER_TYPE_ID":1,"OWNER_ID":123}}"#)
        #expect(afterDelete.text.hasPrefix(#"{"result":[],"total":0,"#))
        // The new call was also bound to contact 1 through its communication: it survives, owned by the contact.
        let moved = try #require(try server.result("crm.activity.get", #"{"id":\#(id)}"#) as? [String: Any])
        #expect(moved["OWNER_TYPE_ID"] as? String == "3")
        #expect(moved["OWNER_ID"] as? String == "1")
        let byBinding = try server.call(
            "crm.activity.list", #"{"filter":{"BINDINGS":[{"OWNER_TYPE_ID":3,"OWNER_ID":1}]}}"#)
        #expect(byBinding.json?["total"] as? Int == 2)
        let callOnlyOnLead = try server.count(
            "SELECT COUNT(*) FROM b_crm_act WHERE SUBJECT = 'Call Maria about the quote'")
        #expect(callOnlyOnLead == 0)
    }

    @Test func activityAddValidatesLikeThePortal() throws {
        let server = try TestServer()
        let cases: [(String, String)] = [
            (#"{"fields":{"TYPE_ID":2}}"#, "The field SUBJECT is not defined or empty."),
            (#"{"fields":{"SUBJECT":"x","TYPE_ID":9}}"#, "The field TYPE_ID is not defined or invalid."),
            (
                #"{"fields":{"SUBJECT":"x","TYPE_ID":3,"OWNER_TYPE_ID":1,"OWNER_ID":123}}"#,
                #"The activity type "Task is not supported in current context"."#
            ),
            (
                #"{"fields":{"SUBJECT":"x","TYPE_ID":2,"OWNER_TYPE_ID":1,"OWNER_ID":123}}"#,
                "The field COMMUNICATIONS is not defined or invalid."
            ),
            (
                #"{"fields":{"SUBJECT":"x","TYPE_ID":2,"OWNER_TYPE_ID":1,"OWNER_ID":9999,"COMMUNICATIONS":[{"VALUE":"1"}]}}"#,
                "Could not find 'LEAD' with ID: 9999"
            ),
        ]
        for (body, message) in cases {
            let response = try server.call("crm.activity.add", body)
            #expect(response.status == 400)
            #expect(response.json?["error_description"] as? String == message, "\(body)")
        }
        #expect(
            try server.call("crm.activity.get", #"{"id":99999}"#).text
                == #"{"error":"","error_description":"Activity is not found."}"#)
    }

    @Test func leadContactLinksAndContactLeadID() throws {
        let server = try TestServer()
        let items = try server.call("crm.lead.contact.items.get", #"{"id":123}"#)
        #expect(items.text.hasPrefix(#"{"result":[{"CONTACT_ID":1,"SORT":10,"ROLE_ID":0,"IS_PRIMARY":"Y"}],"time":"#))
        #expect(
            try server.result("crm.lead.contact.add", #"{"id":123,"fields":{"CONTACT_ID":2,"IS_PRIMARY":"Y"}}"#)
                as? Bool == true)
        #expect(try server.result("crm.lead.contact.add", #"{"id":123,"fields":{"CONTACT_ID":2}}"#) as? Bool == false)
        let twoLinks = try #require(try server.result("crm.lead.contact.items.get", #"{"id":123}"#) as? [[String: Any]])
        #expect(twoLinks.compactMap { $0["IS_PRIMARY"] as? String } == ["N", "Y"])
        #expect((try server.result("crm.lead.get", #"{"id":123}"#) as? [String: Any])?["CONTACT_ID"] as? String == "2")
        #expect(try server.call("crm.lead.contact.items.add", #"{"id":123}"#).status == 404)
        let denied = try server.call("crm.lead.contact.items.get", #"{"id":123}"#, as: "3/mocktokenowner03")
        #expect(denied.status == 403)
        #expect(denied.text == #"{"error":"ACCESS_DENIED","error_description":"Access denied!"}"#)

        let contactID = try #require(
            try server.result(
                "crm.contact.add",
                #"{"fields":{"NAME":"Lin","LAST_NAME":"Wu","LEAD_ID":123,"EMAIL":[{"VALUE":"lin@example.com"}]}}"#)
                as? Int)
        let contact = try #require(try server.result("crm.contact.get", #"{"id":\#(contactID)}"#) as? [String: Any])
        #expect(contact["LEAD_ID"] as? String == "123")
        #expect(contact["HAS_EMAIL"] as? String == "Y")
        #expect(try server.result("crm.lead.delete", #"{"id":123}"#) as? Bool == true)
        let after = try #require(try server.result("crm.contact.get", #"{"id":\#(contactID)}"#) as? [String: Any])
        #expect(after["LEAD_ID"] is NSNull)
        #expect((try server.result("crm.contact.get", #"{"id":1}"#) as? [String: Any])?["LEAD_ID"] is NSNull)
        #expect(try server.result("crm.lead.contact.items.get", #"{"id":123}"#) as? [Any] != nil)
        #expect((try server.result("crm.lead.contact.items.get", #"{"id":123}"#) as? [Any])?.isEmpty == true)
        #expect(
            try server.call("crm.contact.get", #"{"id":9999}"#).text == #"{"error":"","error_description":"Not found"}"#
        )
    }

    @Test func stageHistoryValidatesItsParameters() throws {
        let server = try TestServer()
        #expect(
            try server.call("crm.stagehistory.list", #"{}"#).text
                == #"{"error":"100","error_description":"Could not find value for parameter {entityTypeId}"}"#)
        #expect(
            try server.call("crm.stagehistory.list", #"{"entityTypeId":1,"filter":{"TITLE":"x"}}"#).text
                == #"{"error":"INVALID_ARG_VALUE","error_description":"Invalid filter: field \u0027TITLE\u0027 is not allowed in filter"}"#
        )
        let rows = try server.call(
            "crm.stagehistory.list", #"{"entityTypeId":1,"filter":{"OWNER_ID":105},"select":["STATUS_ID"]}"#)
        #expect(rows.text.hasPrefix(#"{"result":{"items":[{"ID":"#))
        #expect(rows.json?["total"] as? Int == 3)
        let items = (rows.json?["result"] as? [String: Any])?["items"] as? [[String: Any]]
        #expect(items?.last?["STATUS_ID"] as? String == "CONVERTED")
        #expect(items?.last?.keys.sorted() == ["ID", "STATUS_ID"])
    }
}
