import Foundation
import Testing

/// `batch` over a real socket: references between commands, halt, limits, and the PHP-array shapes of its maps.
@Suite struct BatchEndToEndTests {
    @Test func createsALeadAndReadsItBackThroughAResultReference() throws {
        let server = try TestServer()
        let response = try server.call(
            "batch",
            #"{"halt":0,"cmd":{"add":"crm.lead.add?fields[TITLE]=From batch&fields[PHONE][0][VALUE]=%2B1 555 0199","#
                + #""get":"crm.lead.get?id=$result[add]","list":"crm.lead.list?filter[ID]=$result[add]&select[]=TITLE","#
                + #""title":"crm.lead.list?filter[TITLE]=$result[get][TITLE]&select[]=ID"}}"#)
        #expect(response.status == 200)
        let outer = try #require(response.json?["result"] as? [String: Any])
        let results = try #require(outer["result"] as? [String: Any])
        let id = try #require(results["add"] as? Int)
        let lead = try #require(results["get"] as? [String: Any])
        #expect(lead["ID"] as? String == String(id))
        #expect(lead["TITLE"] as? String == "From batch")
        #expect((lead["PHONE"] as? [[String: Any]])?.first?["VALUE"] as? String == "+1 555 0199")
        #expect((results["list"] as? [[String: Any]])?.first?["TITLE"] as? String == "From batch")
        #expect((results["title"] as? [[String: Any]])?.first?["ID"] as? String == String(id))
        #expect(response.text.contains(#""result_error":[],"result_total":{"list":1,"title":1},"result_next":[],"#))
        let times = try #require(outer["result_time"] as? [String: [String: Any]])
        #expect(Set(times.keys) == ["add", "get", "list", "title"])
        #expect(times["get"]?["date_start"] is String)
        #expect(response.json?["time"] is [String: Any])
    }

    @Test func aFailingCommandIsReportedAndHaltStopsTheRest() throws {
        let server = try TestServer()
        let body = #"{"cmd":{"a":"crm.lead.get?id=100","b":"crm.lead.get?id=99999","c":"crm.lead.get?id=101"}"#
        let without = try server.call("batch", body + "}")
        let outer = try #require(without.json?["result"] as? [String: Any])
        #expect(Set((outer["result"] as? [String: Any])?.keys ?? [:].keys) == ["a", "c"])
        #expect(without.text.contains(#""result_error":{"b":{"error":"","error_description":"Not found"}}"#))
        #expect(Set((outer["result_time"] as? [String: Any])?.keys ?? [:].keys) == ["a", "c"])

        let halted = try server.call("batch", body + #","halt":1}"#)
        let haltedOuter = try #require(halted.json?["result"] as? [String: Any])
        #expect(Set((haltedOuter["result"] as? [String: Any])?.keys ?? [:].keys) == ["a"])
        #expect((haltedOuter["result_error"] as? [String: Any])?.keys.sorted() == ["b"])
        #expect(halted.status == 200)
        // "false" is a non-empty string, so PHP treats it as true.
        let stringHalt = try server.call("batch", body + #","halt":"false"}"#)
        #expect(((stringHalt.json?["result"] as? [String: Any])?["result"] as? [String: Any])?.count == 1)
    }

    @Test func listCommandsGiveListMapsAndEmptyMapsAreEmptyArrays() throws {
        let server = try TestServer()
        let response = try server.call("batch", #"{"cmd":["crm.lead.get?id=100","crm.lead.get?id=101"]}"#)
        #expect(response.text.hasPrefix(#"{"result":{"result":[{"ID":"100","#))
        #expect(
            response.text.contains(#""result_error":[],"result_total":[],"result_next":[],"result_time":[{"start":"#))
    }

    @Test func limitsAndForbiddenMethodsAreErrorsPerCommand() throws {
        let server = try TestServer()
        var commands: [String] = []
        for index in 0..<52 { commands.append(#""k\#(index)":"crm.lead.fields""#) }
        commands.append(#""nested":"batch?cmd[x]=crm.lead.fields""#)
        let response = try server.call("batch", #"{"cmd":{\#(commands.joined(separator: ","))}}"#)
        let outer = try #require(response.json?["result"] as? [String: Any])
        let errors = try #require(outer["result_error"] as? [String: [String: Any]])
        #expect((outer["result"] as? [String: Any])?.count == 50)
        #expect(errors["k50"]?["error"] as? String == "ERROR_BATCH_LENGTH_EXCEEDED")
        #expect(errors["k51"]?["error_description"] as? String == "Max batch length exceeded")
        #expect(errors["nested"]?["error"] as? String == "ERROR_BATCH_LENGTH_EXCEEDED")
        let nested = try server.call("batch", #"{"cmd":{"n":"batch?cmd[x]=crm.lead.fields","u":"no.such.method"}}"#)
        #expect(
            nested.text.contains(
                #""n":{"error":"ERROR_BATCH_METHOD_NOT_ALLOWED","error_description":"Method is not allowed for batch usage"}"#
            ))
        #expect(
            nested.text.contains(#""u":{"error":"ERROR_METHOD_NOT_FOUND","error_description":"Method not found!"}"#))
    }

    @Test func missingCmdIsAnEmptyAnswerNotAnError() throws {
        let server = try TestServer()
        let response = try server.call("batch", #"{"cmd":"x"}"#)
        #expect(response.status == 200)
        #expect(
            response.text.hasPrefix(
                #"{"result":{"result":[],"result_error":[],"result_total":[],"result_next":[],"result_time":[]},"time":{"#
            ))
    }

    @Test func commandsRunAsTheBatchCaller() throws {
        let server = try TestServer()
        let response = try server.call(
            "batch", #"{"cmd":{"d":"crm.lead.delete?id=123"}}"#, as: "2/mocktokenreader2")
        #expect(
            response.text.contains(
                #""d":{"error":"","error_description":"Lead #123: insufficient permissions to delete"}"#))
        let scope = try server.call("batch", #"{"cmd":{"f":"crm.lead.fields"}}"#, as: "1/mocktokennocrm05")
        #expect(scope.text.contains(#""f":{"error":"insufficient_scope","error_description":""}"#))
    }
}
