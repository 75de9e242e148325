import CRMStore
import Testing

@Suite struct FixtureDecoderTests {
    private func decode(_ json: String, source: String = "fixtures.json") throws(FixtureError) -> FixtureSet {
        let document = try FixtureDecoder.Document(source: source, bytes: Array(json.utf8))
        return try FixtureDecoder(portalUTCOffsetSeconds: 0).decode([document])
    }

    private func error(_ json: String) -> FixtureError? {
        do {
            _ = try decode(json)
            return nil
        } catch {
            return error
        }
    }

    @Test func errorsNameTheFileAndTheJSONPath() {
        let problem = error(
            #"{"users":[{"ID":1}],"leads":[{"ID":5},{"ID":6,"PHONE":[{"VALUE":42.5}]}]}"#)
        #expect(problem?.source == "fixtures.json")
        #expect(problem?.path == "$.leads[1].PHONE[0].VALUE")
        #expect(problem?.description.hasPrefix("fixtures.json: $.leads[1].PHONE[0].VALUE: expected a string") == true)
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        let problem = error("{\n  \"users\": [,]\n}")
        #expect(problem?.path == "line 2, column 13")
        #expect(problem?.message.hasPrefix("invalid JSON") == true)
    }

    @Test(arguments: [
        (#"{"leads":[{"ID":1,"PHONES":[]}]}"#, "$.leads[0].PHONES", "unknown key 'PHONES'"),
        (#"{"leads":[{"TITLE":"x"}]}"#, "$.leads[0]", "missing \"ID\""),
        (#"{"leads":[{"ID":1},{"ID":1}]}"#, "$.leads[1].ID", "duplicate ID 1 in leads"),
        (#"{"leads":[{"ID":-3}]}"#, "$.leads[0].ID", "expected a positive integer, found -3"),
        (#"{"leads":[{"ID":1,"ASSIGNED_BY_ID":9}]}"#, "$.leads[0].ASSIGNED_BY_ID", "no user with ID 9"),
        (#"{"leads":[{"ID":1,"CONTACT_IDS":[7]}]}"#, "$.leads[0].CONTACT_IDS[0]", "no contact with ID 7"),
        (
            #"{"leads":[{"ID":1,"DATE_CREATE":"yesterday"}]}"#, "$.leads[0].DATE_CREATE",
            "expected a date like 2026-11-02T09:30:00+03:00, found \"yesterday\""
        ),
        (#"{"webhooks":[{"USER_ID":1,"TOKEN":"abcdefgh"}]}"#, "$.webhooks[0].USER_ID", "no user with ID 1"),
        (
            #"{"users":[{"ID":1}],"webhooks":[{"USER_ID":1,"TOKEN":"short"}]}"#, "$.webhooks[0].TOKEN",
            "a token needs at least 8 printable ASCII characters and no '/'"
        ),
        (
            #"{"users":[{"ID":1}],"roles":[{"ID":1,"NAME":"r","PERMISSIONS":{"LEAD":{"DELETE":"SOME"}}}]}"#,
            "$.roles[0].PERMISSIONS.LEAD.DELETE", "unknown level 'SOME' (expected NONE, OWN, DEPARTMENT, OPEN, ALL)"
        ),
        (#"{"lead":[]}"#, "$.lead", "unknown key 'lead'"),
        (#"[1,2]"#, "$", "expected an object, found an array"),
        (
            #"{"leads":[{"ID":1,"TIMELINE":[{"COMMENT":"x","BINDINGS":[{"ENTITY_TYPE_ID":3,"ENTITY_ID":4}]}]}]}"#,
            "$.leads[0].TIMELINE[0].BINDINGS[0].ENTITY_ID", "no contact with ID 4"
        ),
    ])
    func invalidFixturesAreRejectedWithTheirPlace(json: String, path: String, message: String) {
        let problem = error(json)
        #expect(problem?.path == path)
        #expect(problem?.message == message)
    }

    @Test func referencesMayCrossFiles() throws {
        let users = try FixtureDecoder.Document(source: "a.json", bytes: Array(#"{"users":[{"ID":1}]}"#.utf8))
        let hooks = try FixtureDecoder.Document(
            source: "b.json", bytes: Array(#"{"webhooks":[{"USER_ID":1,"TOKEN":"abcdefgh1"}]}"#.utf8))
        let set = try FixtureDecoder(portalUTCOffsetSeconds: 0).decode([users, hooks])
        #expect(set.webhooks.first?.userID == 1)
    }

    @Test func datesWithoutOffsetAreInThePortalZone() throws {
        let document = try FixtureDecoder.Document(
            source: "t", bytes: Array(#"{"leads":[{"ID":1,"DATE_CREATE":"2026-11-02 12:00:00"}]}"#.utf8))
        let set = try FixtureDecoder(portalUTCOffsetSeconds: 3 * 3600).decode([document])
        #expect(set.leads.first?.column("DATE_CREATE") == .text("2026-11-02 09:00:00"))
    }
}
